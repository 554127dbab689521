// SPDX-License-Identifier: MIT
#include "demo/DemoCity.h"

#include "demo/CityLayout.h"
#include "demo/DemoHistory.h"
#include "demo/DemoStaff.h"

#include <algorithm>
#include <cstdio>

namespace yanghu::demo {

DemoCity generateDemoCity(const DemoOptions& options)
{
    using namespace std::chrono;
    const int scale = std::max(1, options.scale);
    const DemoRandom root(options.seed);

    ShiftCalendar defaults;
    const Date today = defaults.cityTime.localDate(options.now);
    const Date historyFrom = Date{sys_days{today} - days{730}};
    // The city's rows were "imported" two months before the history starts.
    const Instant setupAt = defaults.cityTime.at(Date{sys_days{historyFrom} - days{60}}, 9 * 60);

    // Ids come from one generator on a manual clock: deterministic for the seed, and UUIDv7
    // timestamps follow each row's created_at (the history pass moves the clock forward).
    ManualClock clock(setupAt);
    std::uint64_t idSeed = options.seed * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull;
    if (idSeed == 0) idSeed = 1; // 0 would ask UuidGenerator for a random seed
    UuidGenerator ids(clock, idSeed);

    CityLayout layout = buildCityLayout(scale, root.fork("layout"), ids, setupAt);
    const DemoStaff staff =
        buildStaff(layout, scale, root.fork("staff"), ids, setupAt, historyFrom, Date{sys_days{today} + days{400}});
    DemoHistory history = buildHistory(layout, staff, root.fork("history"), clock, ids, options.now);

    DemoCity city;
    city.streets = std::move(layout.streets);
    city.assets = std::move(layout.assets);
    city.crews = staff.crews;
    city.users = staff.users;
    city.logins = staff.logins;
    city.calendars = {staff.calendar};
    city.programmes = std::move(history.programmes);
    city.crewShifts = std::move(history.crewShifts);
    city.defects = std::move(history.defects);
    city.workOrders = std::move(history.workOrders);
    city.transitions = std::move(history.transitions);
    return city;
}

namespace {

template <class E, class Rows, class Get>
void countBy(std::vector<std::pair<std::string, std::size_t>>& out, const std::string& prefix,
             std::initializer_list<E> values, const Rows& rows, Get get)
{
    for (E v : values) {
        const auto n = static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [&](const auto& r) { return get(r) == v; }));
        out.emplace_back(prefix + "." + std::string(enumName(v)), n);
    }
}

} // namespace

std::vector<std::pair<std::string, std::size_t>> DemoCity::summary() const
{
    std::vector<std::pair<std::string, std::size_t>> out;
    out.emplace_back("streets", streets.size());
    countBy(out, "assets",
            {AssetKind::StormInlet, AssetKind::SidewalkSegment, AssetKind::Manhole, AssetKind::PipeSegment,
             AssetKind::Bridge},
            assets, [](const Asset& a) { return a.kind; });
    out.emplace_back("crews", crews.size());
    countBy(out, "users", {Role::Admin, Role::Dispatcher, Role::Supervisor, Role::FieldCrew}, users,
            [](const User& u) { return u.role; });
    out.emplace_back("shift_calendars", calendars.size());
    out.emplace_back("crew_shifts", crewShifts.size());
    countBy(out, "programmes", {ProgrammeStatus::Planned, ProgrammeStatus::Active, ProgrammeStatus::Closed}, programmes,
            [](const Programme& p) { return p.status; });
    countBy(out, "defects",
            {DefectStatus::New, DefectStatus::Triaged, DefectStatus::Converted, DefectStatus::Duplicate,
             DefectStatus::Rejected},
            defects, [](const DefectReport& d) { return d.status; });
    countBy(out, "work_orders",
            {WorkOrderStatus::Draft, WorkOrderStatus::Ready, WorkOrderStatus::Scheduled, WorkOrderStatus::InProgress,
             WorkOrderStatus::Completed, WorkOrderStatus::Verified, WorkOrderStatus::OnHold,
             WorkOrderStatus::Cancelled},
            workOrders, [](const WorkOrder& o) { return o.status; });
    out.emplace_back("transitions", transitions.size());
    return out;
}

std::string formatSummary(const DemoCity& city)
{
    std::string text;
    char line[128];
    for (const auto& [name, n] : city.summary()) {
        std::snprintf(line, sizeof line, "  %-28s %9zu\n", name.c_str(), n);
        text += line;
    }
    return text;
}

} // namespace yanghu::demo
