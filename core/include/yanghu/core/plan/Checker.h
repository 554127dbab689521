// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/plan/Plan.h"

#include <string>
#include <vector>

// The feasibility checker: separate code from the engine (it shares only the problem's
// definition), so a bug in the engine's incremental bookkeeping cannot hide itself. Every plan
// the engine returns, and every solution the exact MILP returns in the tests, goes through it.
namespace yanghu::plan {

struct Violation {
    int job = -1;     // the job the rule is broken at (-1: the plan as a whole)
    std::string rule; // "shift_window", "closure_window", "crew_roster", "skill", "equipment",
                      // "equipment_pool", "overlap", "depot_travel", "adjacent_segments",
                      // "open_segments", "precedence", "earliest_start", "deadline", "shape"
    std::string detail;
};

std::vector<Violation> checkPlan(const Problem& problem, const std::vector<Placement>& placements);

// The objective of any placements (feasible or not), computed from the definition alone.
Objective evaluatePlan(const Problem& problem, const std::vector<Placement>& placements);

} // namespace yanghu::plan
