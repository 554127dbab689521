// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Time.h"
#include "yanghu/core/domain/ShiftCalendar.h"

namespace yanghu {

// One shift of the calendar: the local date it starts on and its kind.
struct ShiftSlot {
    Date date{};
    ShiftKind kind = ShiftKind::Night;
    bool operator==(const ShiftSlot&) const = default;
};

// The shift a crew is on at `now`, or, between shifts, the next one to start: what a crew
// lead means by "tonight". A night shift belongs to the date it starts on, so at 03:00 it is
// the previous date's night. Holidays do not move it (the roster decides who works).
ShiftSlot currentShift(const ShiftCalendar& calendar, Instant now);

// The instants the slot's window starts and ends.
Instant shiftStart(const ShiftCalendar& calendar, const ShiftSlot& slot);
Instant shiftEnd(const ShiftCalendar& calendar, const ShiftSlot& slot);

} // namespace yanghu
