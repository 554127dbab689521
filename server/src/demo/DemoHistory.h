// SPDX-License-Identifier: MIT
#pragma once

#include "demo/CityLayout.h"
#include "demo/DemoCity.h"
#include "demo/DemoStaff.h"

// Two years of programmes, defect reports and work orders before `now`, plus the crew roster.
// Internal to the demo generator.
namespace yanghu::demo {

struct DemoHistory {
    std::vector<Programme> programmes;
    std::vector<CrewShift> crewShifts;
    std::vector<DefectReport> defects;
    std::vector<WorkOrder> workOrders;
    std::vector<DemoTransition> transitions;
};

// Updates the storm inlets' last-cleaned dates in `city` from the cleaning work done. Ids are
// drawn from `ids` with `clock` set to each row's creation time, in chronological order, so
// UUIDv7 timestamps agree with created_at.
DemoHistory buildHistory(CityLayout& city, const DemoStaff& staff, DemoRandom rng, ManualClock& clock,
                         UuidGenerator& ids, Instant now);

} // namespace yanghu::demo
