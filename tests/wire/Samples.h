// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Domain.h"
#include "yanghu/core/Result.h"

#include <string>

#include <string_view>

// Entities with every field populated (optional ones included), with fixed ids and times so
// their JSON can be compared with the golden files in data/.
namespace yanghu::wire::samples {

Uuid id(std::string_view text);
Instant at(std::string_view rfc3339);
Date date(std::string_view yyyyMmDd);

RowMeta meta();
Street street();
Asset asset(AssetKind kind); // a manhole is the golden one
DefectReport defect();
WorkOrder workOrder();
Crew crew();
ShiftCalendar calendar();
CrewShift crewShift();
Programme programme();
User user(); // with a password hash set

// An error as one line, for test failure messages.
std::string describe(const Error& error);

} // namespace yanghu::wire::samples
