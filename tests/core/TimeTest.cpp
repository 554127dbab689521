// SPDX-License-Identifier: MIT
#include "yanghu/core/Time.h"

#include <gtest/gtest.h>

using namespace yanghu;
using namespace std::chrono;

TEST(Time, InstantRoundTripsThroughRfc3339WithMilliseconds)
{
    Instant t = sys_days{2026y / November / 29} + 5h + 15min + 18s + 123ms;
    EXPECT_EQ(formatInstant(t), "2026-11-29T05:15:18.123Z");
    EXPECT_EQ(parseInstant("2026-11-29T05:15:18.123Z"), t);
}

TEST(Time, ParseInstantAppliesNumericOffset)
{
    auto t = parseInstant("2026-06-01T06:00:00+08:00");
    ASSERT_TRUE(t);
    EXPECT_EQ(formatInstant(*t), "2026-05-31T22:00:00.000Z");
    EXPECT_EQ(parseInstant("2026-06-01T06:00:00.5-01:30"), sys_days{2026y / June / 1} + 7h + 30min + 500ms);
}

TEST(Time, ParseInstantRejectsMalformedText)
{
    for (const char* bad : {"", "2026-11-29", "2026-11-29T05:15:18", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
                            "2026-11-29T25:00:00Z", "2026-11-29T05:15:18.Z", "2026-11-29T05:15:18Zjunk"})
        EXPECT_FALSE(parseInstant(bad)) << bad;
}

TEST(Time, DateRoundTripAndRejectsImpossibleDays)
{
    EXPECT_EQ(formatDate(2024y / February / 29), "2024-02-29");
    EXPECT_EQ(parseDate("2024-02-29"), Date{2024y / February / 29});
    EXPECT_FALSE(parseDate("2025-02-29"));
    EXPECT_FALSE(parseDate("2025-2-9"));
}

TEST(Time, NightShiftCrossesMidnightInCityTime)
{
    CityTime beijing; // UTC+8
    Date d = 2026y / June / 1;
    Instant start = beijing.at(d, 22 * 60);
    Instant end = beijing.at(d, 30 * 60); // 06:00 next day
    EXPECT_EQ(formatInstant(start), "2026-06-01T14:00:00.000Z");
    EXPECT_EQ(formatInstant(end), "2026-06-01T22:00:00.000Z");
    EXPECT_EQ(beijing.localDate(end), Date{2026y / June / 2});
    EXPECT_EQ(beijing.localMinuteOfDay(end), 6 * 60);
}

TEST(Time, MinuteOfDayParsesOnlyValidClockTimes)
{
    EXPECT_EQ(parseMinuteOfDay("22:00"), 1320);
    EXPECT_EQ(formatMinuteOfDay(1320), "22:00");
    EXPECT_FALSE(parseMinuteOfDay("24:00"));
    EXPECT_FALSE(parseMinuteOfDay("7:00"));
}
