// SPDX-License-Identifier: MIT
#include "yanghu/core/rules/Shifts.h"

namespace yanghu {

namespace {

const ShiftWindow& windowOf(const ShiftCalendar& calendar, ShiftKind kind)
{
    return kind == ShiftKind::Day ? calendar.day : calendar.night;
}

Date addDays(Date date, int days)
{
    return Date{std::chrono::sys_days(date) + std::chrono::days(days)};
}

} // namespace

Instant shiftStart(const ShiftCalendar& calendar, const ShiftSlot& slot)
{
    return calendar.cityTime.at(slot.date, windowOf(calendar, slot.kind).start);
}

Instant shiftEnd(const ShiftCalendar& calendar, const ShiftSlot& slot)
{
    const ShiftWindow& window = windowOf(calendar, slot.kind);
    return calendar.cityTime.at(slot.date, window.start + window.lengthMinutes());
}

ShiftSlot currentShift(const ShiftCalendar& calendar, Instant now)
{
    const Date today = calendar.cityTime.localDate(now);
    // The candidates around now, in start order: yesterday's shifts (a night reaching into
    // today), today's, tomorrow's. The first that has not ended is the one on or next.
    const ShiftKind first = calendar.day.start <= calendar.night.start ? ShiftKind::Day : ShiftKind::Night;
    const ShiftKind second = first == ShiftKind::Day ? ShiftKind::Night : ShiftKind::Day;
    for (int offset = -1; offset <= 1; ++offset) {
        for (ShiftKind kind : {first, second}) {
            const ShiftSlot slot{addDays(today, offset), kind};
            if (now < shiftEnd(calendar, slot)) return slot;
        }
    }
    return ShiftSlot{addDays(today, 1), second}; // unreachable with windows shorter than a day
}

} // namespace yanghu
