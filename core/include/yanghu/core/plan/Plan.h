// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/plan/Problem.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace yanghu::plan {

// Where one job goes; crew < 0 = unplaced. `start` is minutes into the night's shift.
struct Placement {
    int crew = -1;
    int night = -1;
    int start = 0;
    bool placed() const { return crew >= 0; }
    bool operator==(const Placement&) const = default;
};

// The objective's parts (counts and minutes before weighting) and their weighted sum.
struct Objective {
    int mandatoryUnplaced = 0;
    std::int64_t latenessNights = 0; // Σ weight × nights late, unplaced counted per Weights
    std::int64_t riskNights = 0;     // Σ risk × nights waited
    std::int64_t travelMinutes = 0;
    std::int64_t balanceMinutes = 0; // busiest crew's work minutes − idlest crew's
    int moved = 0;                   // jobs not on their previous crew and night
    std::int64_t total = 0;
    bool operator==(const Objective&) const = default;
};

// The objective's one formula: Σ part × its weight.
std::int64_t weightedTotal(const Weights& weights, const Objective& parts);

// Why a job is not in the plan, as a stable code a client can translate; `params` carries what
// a sentence needs ("skill" -> "manhole", "deadline" -> "2027-06-01", "job" -> "WO-…").
enum class UnplacedCause {
    NoCrewWithSkill,         // skill
    NoEquipment,             // equipment: no crew owns it and it is not pooled
    LongerThanShift,         // minutes, shift
    LongerThanClosure,       // minutes, window
    OutsideHorizon,          // earliest / deadline: no night of the plan lies between them
    NoQualifiedCrewOnRoster, // what, deadline: crews who could do it do not work those nights
    PredecessorUnplaced,     // job
    NoTimeLeft,              // what, deadline: every qualified crew-night is full
    WalkwayRule,             // street: adjacent segments or the open-segment limit block every slot
    EquipmentPoolInUse,      // equipment
    Precedence,              // job: the work it must follow ends too late
    NotWorthTravel,          // a slot exists, but the search found the plan better without it
};

struct Unplaced {
    int job = -1;
    UnplacedCause cause = UnplacedCause::NoTimeLeft;
    std::map<std::string, std::string> params;
};

struct PlanStats {
    std::int64_t iterations = 0; // of the search whose plan this is
    int searches = 1;            // run side by side (PlannerOptions::threads), the best plan kept
    double firstFeasibleMs = 0;  // construction done (the first search to get there)
    double totalMs = 0;
    bool cancelled = false;
    // The engine's own running total for the plan; equals objective.total unless its incremental
    // bookkeeping is wrong (the tests compare them).
    std::int64_t engineCost = 0;
};

struct Plan {
    std::vector<Placement> placements; // one per Problem::jobs entry
    std::vector<Unplaced> unplaced;    // in job order
    Objective objective;
    PlanStats stats;

    // Each crew-night's jobs in route order (by start).
    std::vector<int> route(int crew, int night) const;
};

// The cause code as a stable string ("no_time_left") and as an English sentence naming the job's
// constraint ("no crew with jetter is free on a night before 2027-06-01"). The desktop client
// translates from the code; the CLI and the API's `message` use the sentence.
const char* causeName(UnplacedCause cause);
std::string describe(const Problem& problem, const Unplaced& unplaced);

} // namespace yanghu::plan
