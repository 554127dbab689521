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
    // Orders outside the plan that shaped it, as read: what planned ones follow, and scheduled
    // ones that follow planned ones.
    std::vector<WorkOrder> context;
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
    int unscheduled = 0; // scheduled in the window and left out by this plan, or following an
                         // order it left out: back to ready
    int unchanged = 0;
};

// Applies the outcome in the caller's transaction as `actor` (a dispatcher). When any order
// (planned, or in the outcome's context) changed since it was read, nothing is written: error plan_stale with params "orders" (their
// numbers, comma-separated) and "count".
Result<ApplyReport> applyPlan(store::Tx& tx, const PlanOutcome& outcome, const rules::Actor& actor);

// What a programme still needs, read in one transaction. An asset is done when a completed or
// verified order of the programme holds it, open when a live order of the programme that is
// neither done nor cancelled holds it, and unbatched otherwise (cancelled work is batched again).
struct ProgrammeWork {
    Programme programme;
    std::vector<Asset> assets;          // the programme's (its list, or its kind in its districts)
    int done = 0;
    std::vector<WorkOrder> openOrders;  // the programme's orders still to do
    int inOpenOrders = 0;               // assets those hold
    std::vector<Asset> unbatched;       // in no order of the programme still to do or done
    std::map<Uuid, GeoPoint> sites;     // where each asset of the programme's orders is
    std::map<Uuid, std::string> streetNames;
};

// Errors: not_found with param "code" when no live programme has that code.
Result<ProgrammeWork> readProgrammeWork(store::Tx& tx, const std::string& code);

// The city's calendar: the one named "default", else the first (a fresh database has none: the
// built-in default windows). The plan, the forecast and the CLI's "tonight" all read this one.
Result<ShiftCalendar> readCalendar(store::Tx& tx);

struct BatchRequest {
    std::string programmeCode;
    plan::BatchSettings batches;
    bool write = false;
};

struct BatchOutcome {
    ProgrammeWork work;
    std::vector<plan::Batch> batches; // of the unbatched assets (those without geometry left out)
    std::vector<WorkOrder> created;   // with write: one ready order per batch, numbered
};

// Groups the programme's unbatched assets along their streets into night-sized batches. With
// `write`, creates one ready work order per batch in the caller's transaction through the normal
// create path (references checked, numbered, in the change log): the programme's skill and
// equipment, a lane or sidewalk closure as the kind needs, the deadline as due date. Running it
// again batches only what is still unbatched. A closed programme gets no new orders:
// validation_failed on "programme" (not_allowed, param status).
Result<BatchOutcome> batchProgramme(store::Tx& tx, const BatchRequest& request);
std::string formatBatches(const BatchOutcome& outcome);

struct ForecastRequest {
    std::string programmeCode;
    Date from{};           // the first night to count (default in the CLI: tonight)
    int nightsPerWeek = 6; // each qualified crew's nights until the deadline (no roster that far)
    plan::PlanningSettings settings; // the closure window and travel speed, as for a plan
    plan::BatchSettings batches;
    plan::PlannerOptions options;
};

struct ForecastOutcome {
    Programme programme;
    int assets = 0;
    int done = 0;
    int openOrders = 0;    // planned with their estimated minutes
    int unlocated = 0;     // unbatched assets without geometry, left out of the batches
    std::vector<std::string> crewCodes;
    int nights = 0;
    plan::ProgrammeForecast forecast;
    // Why jobs were left out: per cause, how many and the first one's sentence.
    std::vector<std::pair<int, std::string>> reasons;
    double planMs = 0;
};

// Plans the programme's open orders and batches of its unbatched assets as early as possible
// onto every active crew with the skill the asset kind needs, from `from` to the night before
// the deadline. Writes nothing. Errors:
// not_found (no programme with that code), validation_failed on "from" (after the deadline).
Result<ForecastOutcome> forecastProgramme(store::Store& store, const ForecastRequest& request);
std::string formatForecast(const ForecastOutcome& outcome);

// The plan as a dispatcher reads it: per crew and night, the route with times, then the unplaced
// work with its reasons.
std::string formatPlan(const PlanOutcome& outcome);

} // namespace yanghu::planning
