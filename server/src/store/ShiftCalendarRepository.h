// SPDX-License-Identifier: MIT
#pragma once

#include "store/Repository.h"

#include "yanghu/core/domain/ShiftCalendar.h"

namespace yanghu::store {

// Shift calendars; the day/night windows keep their kinds (day, night) by position.
class ShiftCalendarRepository : public Repository<ShiftCalendar> {
public:
    ShiftCalendarRepository();
};

} // namespace yanghu::store
