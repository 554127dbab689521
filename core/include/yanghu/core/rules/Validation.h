// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Domain.h"
#include "yanghu/core/Result.h"

#include <string>
#include <string_view>
#include <vector>

// Validation of whole entities, independent of storage and transport. Each function returns
// every problem found (empty = valid), with field names as on the wire (snake_case, dotted
// for nested: "attributes.width_m", "geometry[3].lat") and codes from ErrorCodes.h.
// At most one error per field. Conventions:
// - Text: lengths are UTF-8 bytes; text that is not well-formed UTF-8 gives invalid_format
//   (expected=utf8) before any other check; "required" text is non-blank after trimming
//   ASCII white space and U+3000.
// - out_of_range params are strings: min, max (when bounded), value; a strict lower bound
//   ("> 0") adds min_exclusive=true.
// - "one of two" rules (an asset or a location; an asset or a defect) report required on the
//   first field with params alternative=<the other field>.
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

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or truncated sequences).
bool isValidUtf8(std::string_view text);

// Ok when `errors` is empty, else Error{validation_failed, errors}.
Status toStatus(std::vector<FieldError> errors);

} // namespace yanghu::rules
