// SPDX-License-Identifier: MIT
// "Tonight" for a crew: the shift on at a moment, or the next one between shifts.
#include "yanghu/core/rules/Shifts.h"

#include <gtest/gtest.h>

namespace yanghu {
namespace {

using namespace std::chrono;

// The default calendar: UTC+8, day 08:00–17:00, night 22:00–06:00.
Instant local(int y, unsigned m, unsigned d, int hour, int minute = 0)
{
    return ShiftCalendar{}.cityTime.at(Date{year{y}, month{m}, day{d}}, hour * 60 + minute);
}

ShiftSlot slot(int y, unsigned m, unsigned d, ShiftKind kind)
{
    return {Date{year{y}, month{m}, day{d}}, kind};
}

TEST(CurrentShift, ANightShiftAfterMidnightBelongsToTheDateItStarted)
{
    const ShiftCalendar calendar;
    EXPECT_EQ(currentShift(calendar, local(2026, 12, 3, 3)), slot(2026, 12, 2, ShiftKind::Night));
    EXPECT_EQ(currentShift(calendar, local(2026, 12, 3, 5, 59)), slot(2026, 12, 2, ShiftKind::Night));
    EXPECT_EQ(currentShift(calendar, local(2026, 12, 2, 22)), slot(2026, 12, 2, ShiftKind::Night));
    EXPECT_EQ(currentShift(calendar, local(2026, 12, 2, 23, 30)), slot(2026, 12, 2, ShiftKind::Night));
}

TEST(CurrentShift, BetweenShiftsItIsTheNextToStart)
{
    const ShiftCalendar calendar;
    EXPECT_EQ(currentShift(calendar, local(2026, 12, 3, 6)), slot(2026, 12, 3, ShiftKind::Day))
        << "the night has ended";
    EXPECT_EQ(currentShift(calendar, local(2026, 12, 3, 7)), slot(2026, 12, 3, ShiftKind::Day));
    EXPECT_EQ(currentShift(calendar, local(2026, 12, 3, 12)), slot(2026, 12, 3, ShiftKind::Day));
    EXPECT_EQ(currentShift(calendar, local(2026, 12, 3, 17)), slot(2026, 12, 3, ShiftKind::Night));
    EXPECT_EQ(currentShift(calendar, local(2026, 12, 3, 19)), slot(2026, 12, 3, ShiftKind::Night));
}

TEST(CurrentShift, TheCityOffsetDecidesTheLocalDate)
{
    ShiftCalendar calendar;
    // 2026-12-02T19:00Z is 03:00 on the 3rd in UTC+8: the night of the 2nd.
    const Instant at = sys_days{year{2026} / 12 / 2} + hours(19);
    EXPECT_EQ(currentShift(calendar, at), slot(2026, 12, 2, ShiftKind::Night));
    calendar.cityTime.utcOffsetMinutes = 0; // 19:00 on the 2nd: that evening's night
    EXPECT_EQ(currentShift(calendar, at), slot(2026, 12, 2, ShiftKind::Night));
    calendar.cityTime.utcOffsetMinutes = -10 * 60; // 09:00 on the 2nd: the day shift
    EXPECT_EQ(currentShift(calendar, at), slot(2026, 12, 2, ShiftKind::Day));
}

TEST(CurrentShift, AcrossAYearEndAndWithOtherWindows)
{
    ShiftCalendar calendar;
    EXPECT_EQ(currentShift(calendar, local(2027, 1, 1, 2)), slot(2026, 12, 31, ShiftKind::Night));
    calendar.day = {ShiftKind::Day, 6 * 60, 14 * 60};
    calendar.night = {ShiftKind::Night, 20 * 60, 4 * 60};
    EXPECT_EQ(currentShift(calendar, local(2026, 12, 3, 4, 30)), slot(2026, 12, 3, ShiftKind::Day));
    EXPECT_EQ(currentShift(calendar, local(2026, 12, 3, 3, 59)), slot(2026, 12, 2, ShiftKind::Night));
    EXPECT_EQ(shiftStart(calendar, slot(2026, 12, 2, ShiftKind::Night)), local(2026, 12, 2, 20));
    EXPECT_EQ(shiftEnd(calendar, slot(2026, 12, 2, ShiftKind::Night)), local(2026, 12, 3, 4));
}

} // namespace
} // namespace yanghu
