// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Domain.h"

#include <string>

// Sample entities with Chinese text and every optional field set, for round trips.
namespace yanghu::store::test {

Street sampleStreet(const std::string& name = "太行东街", const std::string& district = "丛台区");
Asset sampleInlet(const std::string& code, std::optional<Uuid> streetId = std::nullopt, const std::string& sourceId = "");
Crew sampleCrew(const std::string& code = "C-01");
User sampleUser(const std::string& username, std::optional<Uuid> crewId);
Programme sampleProgramme(const Uuid& assetId);
ShiftCalendar sampleCalendar();
CrewShift sampleCrewShift(const Uuid& crewId);
DefectReport sampleDefect(std::optional<Uuid> assetId, std::optional<Uuid> reportedBy);
WorkOrder sampleWorkOrder(const Uuid& assetId, const Uuid& defectId, const Uuid& crewId, const Uuid& userId);

} // namespace yanghu::store::test
