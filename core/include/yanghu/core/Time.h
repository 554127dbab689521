// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Clock.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace yanghu {

// A calendar date in the city's local time (shift dates, due dates, programme deadlines).
using Date = std::chrono::year_month_day;

// RFC 3339 in UTC with milliseconds: "2026-11-29T05:15:18.000Z".
std::string formatInstant(Instant t);
// Accepts RFC 3339 with 'Z' or a numeric offset, with or without fractional seconds.
std::optional<Instant> parseInstant(std::string_view text);

// "YYYY-MM-DD".
std::string formatDate(Date d);
std::optional<Date> parseDate(std::string_view text);

// Minutes since midnight, local time, e.g. 22:00 -> 1320.
using MinuteOfDay = int;
std::string formatMinuteOfDay(MinuteOfDay m); // "22:00"
std::optional<MinuteOfDay> parseMinuteOfDay(std::string_view text);

// The city's local calendar: a fixed UTC offset (China has no daylight saving; GCC 12's
// library has no tz database, so a zone with DST would need the offset per date).
struct CityTime {
    int utcOffsetMinutes = 8 * 60;

    Date localDate(Instant t) const;
    MinuteOfDay localMinuteOfDay(Instant t) const;
    // The instant of `minute` on local `date`; minute may exceed 1440 to reach the next day.
    Instant at(Date date, MinuteOfDay minute) const;
};

} // namespace yanghu
