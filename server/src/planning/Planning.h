// SPDX-License-Identifier: MIT
#pragma once

#include "store/Store.h"

#include "yanghu/core/plan/FromDomain.h"
#include "yanghu/core/plan/Planner.h"
#include "yanghu/core/plan/Programmes.h"
#include "yanghu/core/rules/WorkOrderStateMachine.h"

#include <map>
#include <string>
#include <vector>

// Planning over the central store: read what the planner needs in one snapshot, solve outside
// any transaction, and apply a plan through the normal write path (the state machine, row
// versions, the change log) so laptops receive it by sync. Shared by `yanghu-admin plan` and
// the /api/v1/plan routes.
namespace yanghu::planning {

struct PlanRequest {
    Date from{};
    int nights = 7;
    std::vector<std::string> crewCodes; // empty = every active crew
    plan::PlanningSettings settings;
    plan::PlannerOptions options;
};

struct PlanOutcome {
    PlanRequest request;
    ShiftCalendar calendar;
    std::vector<WorkOrder> orders; // per job, as read
    std::vector<Crew> crews;       // per planner crew
    std::map<Uuid, std::string> streetNames;
    plan::PlanningProblem planning;
    plan::Plan plan;
    std::map<Uuid, Assignment> assignments;
};

// Reads and solves. Errors: validation_failed on "crews" (not_found, param code: no such crew) or
// "nights" (out_of_range 1..31).
Result<PlanOutcome> computePlan(store::Store& store, const PlanRequest& request);

struct ApplyReport {
    int scheduled = 0;   // ready → scheduled
    int moved = 0;       // scheduled, now on another crew, night or time
    int unscheduled = 0; // scheduled in the window, left out by this plan: back to ready
    int unchanged = 0;
};

// Applies the outcome in the caller's transaction as `actor` (a dispatcher). When any order
// changed since it was read, nothing is written: error plan_stale with params "orders" (their
// numbers, comma-separated) and "count".
Result<ApplyReport> applyPlan(store::Tx& tx, const PlanOutcome& outcome, const rules::Actor& actor);

struct ForecastRequest {
    std::string programmeCode;
    Date from{};           // the first night to count (default in the CLI: tonight)
    int nightsPerWeek = 6; // each qualified crew's nights until the deadline (no roster that far)
    plan::BatchSettings batches;
    plan::PlannerOptions options;
};

struct ForecastOutcome {
    Programme programme;
    int assets = 0;
    int unlocated = 0; // assets without geometry, left out of the batches
    std::vector<std::string> crewCodes;
    int nights = 0;
    plan::ProgrammeForecast forecast;
    double planMs = 0;
};

// Batches the programme's assets and plans them as early as possible onto every active crew
// with the skill the asset kind needs, from `from` to the night before the deadline. Errors:
// not_found (no programme with that code), validation_failed on "from" (after the deadline).
Result<ForecastOutcome> forecastProgramme(store::Store& store, const ForecastRequest& request);
std::string formatForecast(const ForecastOutcome& outcome);

// The plan as a dispatcher reads it: per crew and night, the route with times, then the unplaced
// work with its reasons.
std::string formatPlan(const PlanOutcome& outcome);

} // namespace yanghu::planning
