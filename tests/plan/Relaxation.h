// SPDX-License-Identifier: MIT
#pragma once

#include "Milp.h"

#include <filesystem>

// A second exact reference, for instances the time-indexed MILP cannot close in its time limit:
// the crew-night relaxation. It decides only which crew-night does each job (or none), with a
// route's needs written as two knapsacks: the work plus the shortest drive into each job fits the
// shift less the shortest drive home, and the closures do the same inside the closure window.
// Start times, the order, the walkway rules and the work's place around the window are left out;
// pools stay per night, precedence as "b placed by night n only if a is". Every real plan is a
// plan of the relaxation at no higher cost, so its optimum (or CBC's bound on it) is a lower bound
// on the planner's optimum, and one CBC proves in seconds where the time-indexed model stalls.
// Handing its assignment to the time-indexed MILP (solveOnRoutes) times it for real: when that
// plan costs what the bound says, it is optimal.
//
// When an optimal assignment holds a route that no order can time even alone (the closures fill
// the window and a long job fits neither side of it), the route's smallest such set of jobs is
// cut off, on every crew-night that cannot time it either, and CBC solves again (logic-based
// Benders). The cuts remove no real plan, so the bound only rises towards the optimum.
namespace yanghu::plan::testkit {

// CBC on the relaxation, cut round after round within the time limit: `bound` is a lower bound on
// the planner's optimum (the last round's objective when optimal); the placements give each job
// its crew and night (start -1), or leave it out; `cuts` counts the sets cut off.
MilpResult solveRelaxation(const Problem& problem, const std::filesystem::path& workDir, double timeLimitSeconds);

} // namespace yanghu::plan::testkit
