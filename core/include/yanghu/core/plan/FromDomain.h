// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/domain/Asset.h"
#include "yanghu/core/domain/Crew.h"
#include "yanghu/core/domain/Programme.h"
#include "yanghu/core/domain/ShiftCalendar.h"
#include "yanghu/core/domain/Street.h"
#include "yanghu/core/domain/WorkOrder.h"
#include "yanghu/core/plan/Plan.h"

#include <map>
#include <string>
#include <vector>

// From the domain (work orders, crews, the roster, the city's calendar) to the planner's
// problem, and from its plan back to work-order assignments.
namespace yanghu::plan {

struct PlanningSettings {
    // Lane and road closures only between these local times (default: the whole night window).
    std::optional<MinuteOfDay> closureFrom;
    std::optional<MinuteOfDay> closureTo;
    double travelKmh = 25;
    int timeStep = 5;
    int maxOpenSegmentsPerStreet = 2;
    // Shared units per equipment name, e.g. {"jetter", 2}: crews draw them for a night.
    std::map<std::string, int> equipmentPools;
    // A concrete sidewalk stays closed this long after the crew leaves (curing).
    int concreteCuringMinutes = 24 * 60;
    std::uint64_t seed = 1;
};

struct PlanningInput {
    ShiftCalendar calendar;
    Date from{}; // the first night's local date
    int nights = 7;
    std::vector<yanghu::Crew> crews; // the crews that may be planned (inactive ones are skipped)
    std::vector<CrewShift> roster;   // night shifts in the window; empty = every crew every night
    std::vector<WorkOrder> orders;   // ready orders, and scheduled ones in the window (re-planned)
    // The orders that planned ones follow (WorkOrder::followsId) and that are not in `orders`,
    // read only for their status and schedule. A predecessor in neither counts as done.
    std::vector<WorkOrder> predecessors;
    // Scheduled orders outside the plan that follow planned ones (another crew's, or after the
    // window): the planned order must end before they start.
    std::vector<WorkOrder> followers;
    std::vector<Asset> assets;       // the orders' assets, and the sidewalk segments of their streets
    std::vector<Street> streets;
    std::vector<Programme> programmes; // deadlines and start dates of the orders' programmes
    PlanningSettings settings;
};

struct PlanningProblem {
    Problem problem;
    std::vector<Uuid> orderIds;              // per job
    std::vector<Uuid> crewIds;               // per crew
    std::vector<std::int64_t> orderVersions; // the row version each order was read at
    bool rosterAssumed = false;              // no night shifts were rostered: every crew every night
};

// Precedence ("break out before pour"): a predecessor planned here becomes Job::after; one
// completed, verified or cancelled is done; one scheduled or under way on a night of the window
// but outside this plan (another crew's) makes its planned end the follower's earliest start;
// any other (on hold, a draft, overdue from an earlier night, scheduled after the window) keeps
// the follower out of the plan (Job::waitsFor). A scheduled follower outside the plan inside
// the window makes its planned start the planned job's latest end.
PlanningProblem buildProblem(const PlanningInput& input);

// What a dispatcher reads for an order (Job::key): its number, else its id while unnumbered.
std::string orderKey(const WorkOrder& order);

// The planner's rules for `nights` nights of the calendar's night window under `settings`: the
// shift's length, the closure window in minutes into the shift (empty when it ends before it
// begins, cut at the shift's end), travel speed, grid and walkway limit. Pools are per problem.
Rules planningRules(const PlanningSettings& settings, const ShiftWindow& night, int nights);

// Work with this traffic impact closes a lane or the road: only inside the closure window.
bool closesTraffic(TrafficImpact impact);

// The assignment each placed job gets (crew, shift date, planned start and end, route order),
// by order id; unplaced jobs are absent.
std::map<Uuid, Assignment> assignmentsOf(const PlanningProblem& planning, const Plan& plan,
                                         const ShiftCalendar& calendar, Date from);

} // namespace yanghu::plan
