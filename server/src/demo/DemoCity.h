// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Domain.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

// The deterministic synthetic demo city (DESIGN.md §8): a pure function from options to core
// domain objects. Nothing here touches a database; `yanghu-admin demo-city` writes the result
// through the store.
//
// The city is modelled on the reference story: a northern Chinese city like Handan (邯郸),
// centred near lon 114.49, lat 36.61, with districts 丛台区, 邯山区, 复兴区, 经开区. At scale 1 it
// is one "tile": a grid of 20 east-west and 20 north-south streets (太行东街, 长邯路, ...) with
// centrelines as WGS84 polylines through shared intersections; blocks lie between cross
// streets. Scale N lays N tiles side by side eastwards (more streets, more districts, more
// crews), so every asset count grows about N times.
//
// Asset codes (people-facing, 6+ digits, numbered per kind across the city):
//   YS-000123  雨水口 storm inlet     - both sides of every street, every 24-34 m, at the kerb
//   RX-000123  人行道 sidewalk segment - one per block per side, between cross streets
//   JG-000123  检查井 manhole          - on the centreline every 40-60 m
//   GD-000123  管道   pipe segment     - between consecutive manholes of a street
//   QL-000123  桥梁   bridge           - where 滏阳河 and 沁河 cross streets (30 per tile)
// Left/right sides are as seen walking along the centreline from its first point: east-west
// streets run west to east (left = 北侧), north-south streets south to north (left = 西侧).
//
// Demo logins (passwords are documented on purpose: this is demo data, never production):
//   admin                      / demo-admin       role admin
//   dispatcher1, dispatcher2   / demo-dispatcher  role dispatcher
//   supervisor1, supervisor2   / demo-supervisor  role supervisor
//   crewNN-K (crew C-NN, K=1..size) / demo-crew   role field_crew, member of crew C-NN
// `User::passwordHash` is left empty: the admin CLI hashes `DemoCity::logins`.
namespace yanghu::demo {

struct DemoOptions {
    int scale = 1;
    std::uint64_t seed = 20260601;
    // "Today" of the city: history lies in the two years before it, the roster spans two weeks
    // either side. Fixed by default so that a default-constructed city is reproducible.
    Instant now = Instant{std::chrono::sys_days{std::chrono::year{2026} / 5 / 20}} + std::chrono::hours{2};
};

struct DemoLogin {
    std::string username;
    std::string password;
    Role role = Role::FieldCrew;
    bool operator==(const DemoLogin&) const = default;
};

// One step of a work order's life as the generator walked it through
// rules::checkTransition: who moved it, when, and why (for on_hold / cancelled).
struct DemoTransition {
    Uuid workOrderId;
    WorkOrderStatus from = WorkOrderStatus::Draft;
    WorkOrderStatus to = WorkOrderStatus::Draft;
    Uuid actorId;
    Role actorRole = Role::Dispatcher;
    std::optional<Uuid> actorCrewId;
    Instant at{};
    std::string reason;
    bool operator==(const DemoTransition&) const = default;
};

struct DemoCity {
    std::vector<Street> streets;
    std::vector<Asset> assets;
    std::vector<Crew> crews;
    std::vector<User> users;
    std::vector<DemoLogin> logins;
    std::vector<Programme> programmes;
    std::vector<ShiftCalendar> calendars; // exactly one: UTC+8, day 08-17, night 22-06
    std::vector<CrewShift> crewShifts;    // roster for the two weeks before and after `now`
    std::vector<DefectReport> defects;
    std::vector<WorkOrder> workOrders;
    // Every transition of every work order, in order per work order, oldest first.
    std::vector<DemoTransition> transitions;

    // Counts per kind and status, e.g. {"assets.storm_inlet", 12800}, {"work_orders.verified", 900}.
    std::vector<std::pair<std::string, std::size_t>> summary() const;
    bool operator==(const DemoCity&) const = default;
};

// Deterministic: the same options give byte-identical output. Throws std::logic_error only
// if the generator itself breaks a rule (a bug), never for valid options; scale < 1 counts as 1.
DemoCity generateDemoCity(const DemoOptions& options);

// summary() as aligned lines for printing.
std::string formatSummary(const DemoCity& city);

} // namespace yanghu::demo
