// SPDX-License-Identifier: MIT
#pragma once

#include "demo/CityLayout.h"
#include "demo/DemoCity.h"

// Crews, users, the shift calendar and the roster rule of the demo city. Internal.
namespace yanghu::demo {

struct CrewInfo {
    int tile = 0;
    std::string skill;             // the one skill the crew's work orders require
    ShiftKind shift = ShiftKind::Day; // crews disturbing traffic work nights (错峰)
    std::vector<std::size_t> members; // indices into DemoStaff::users
};

struct DemoStaff {
    std::vector<Crew> crews;
    std::vector<CrewInfo> info; // parallel to crews
    std::vector<User> users;
    std::vector<DemoLogin> logins;
    std::size_t admin = 0;
    std::vector<std::size_t> dispatchers;
    std::vector<std::size_t> supervisors;
    ShiftCalendar calendar;

    // Whether crew `crew` works a shift starting on local date `date`: six days a week, with
    // staggered rest days, and not on the calendar's holidays.
    bool works(std::size_t crew, Date date) const;
};

DemoStaff buildStaff(const CityLayout& city, int scale, DemoRandom rng, UuidGenerator& ids, Instant setupAt,
                     Date historyFrom, Date historyTo);

} // namespace yanghu::demo
