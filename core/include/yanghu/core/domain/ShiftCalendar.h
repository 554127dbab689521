// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/EnumNames.h"
#include "yanghu/core/domain/Common.h"

namespace yanghu {

enum class ShiftKind { Day, Night };
YANGHU_ENUM_NAMES(ShiftKind, {ShiftKind::Day, "day"}, {ShiftKind::Night, "night"});

// A shift window in local time; a night shift ends after midnight (end < start).
struct ShiftWindow {
    ShiftKind kind = ShiftKind::Day;
    MinuteOfDay start = 8 * 60;
    MinuteOfDay end = 17 * 60;
    bool operator==(const ShiftWindow&) const = default;
    int lengthMinutes() const { return end > start ? end - start : end + 24 * 60 - start; }
};

// The city's calendar: time zone, the day and night windows (night is the off-peak window in
// which lane and road closures may run), and non-working dates.
struct ShiftCalendar {
    Uuid id;
    std::string name = "default";
    CityTime cityTime;
    ShiftWindow day{ShiftKind::Day, 8 * 60, 17 * 60};
    ShiftWindow night{ShiftKind::Night, 22 * 60, 6 * 60};
    std::vector<Date> holidays;
    RowMeta meta;
    bool operator==(const ShiftCalendar& o) const
    {
        return id == o.id && name == o.name && cityTime.utcOffsetMinutes == o.cityTime.utcOffsetMinutes &&
               day == o.day && night == o.night && holidays == o.holidays && meta == o.meta;
    }
};

// One crew on one shift: the roster the planner fills.
struct CrewShift {
    Uuid id;
    Uuid crewId;
    Date date{};
    ShiftKind kind = ShiftKind::Night;
    RowMeta meta;
    bool operator==(const CrewShift&) const = default;
};

} // namespace yanghu
