// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Domain.h"
#include "yanghu/core/Result.h"

#include <string>
#include <vector>

// Validation of whole entities, independent of storage and transport. Each function returns
// every problem found (empty = valid), with field names as on the wire (snake_case, dotted
// for nested: "attributes.width_m", "geometry[3].lat") and codes from ErrorCodes.h.
namespace yanghu::rules {

std::vector<FieldError> validateGeoPoint(const GeoPoint& p, const std::string& field);
std::vector<FieldError> validateStreet(const Street& street);
std::vector<FieldError> validateAsset(const Asset& asset);
std::vector<FieldError> validateDefectReport(const DefectReport& report);
std::vector<FieldError> validateWorkOrder(const WorkOrder& order);
std::vector<FieldError> validateCrew(const Crew& crew);
std::vector<FieldError> validateShiftCalendar(const ShiftCalendar& calendar);
std::vector<FieldError> validateCrewShift(const CrewShift& shift);
std::vector<FieldError> validateProgramme(const Programme& programme);
std::vector<FieldError> validateUser(const User& user);

// Ok when `errors` is empty, else Error{validation_failed, errors}.
Status toStatus(std::vector<FieldError> errors);

} // namespace yanghu::rules
