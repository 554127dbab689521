// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/plan/Plan.h"

#include <atomic>
#include <cstdint>
#include <functional>

namespace yanghu::plan {

struct PlannerProgress {
    std::int64_t iteration = 0;
    std::int64_t maxIterations = 0;
    double elapsedMs = 0;
    double timeLimitMs = 0;
    std::int64_t bestCost = 0;
    int placed = 0;
};

struct PlannerOptions {
    std::uint64_t seed = 1;
    // The search stops at whichever comes first. For a plan that is the same on every run, bound
    // it by iterations only (a time limit depends on the machine and on what else runs on it).
    std::int64_t maxIterations = 200'000;
    double timeLimitMs = 5000;
    // Read between iterations; set from another thread to stop early with the best plan so far.
    const std::atomic<bool>* cancel = nullptr;
    // Called from the calling thread about every 1,000 iterations and once at the end; with several
    // threads, bestCost and placed are the best any of them has found.
    std::function<void(const PlannerProgress&)> progress;
    // Independent searches run side by side, one per thread, search k with seed + k ×
    // kSearchSeedStep (the first with `seed` itself); the best plan wins, the lowest k on a tie.
    // Each search gets the whole budget, so on an iteration budget more threads never give a worse
    // plan than one and the plan is still the same on every run.
    int threads = 1;
};

inline constexpr std::uint64_t kSearchSeedStep = 0x9e3779b97f4a7c15ULL;

// Plans every job it can: construction (mandatory and tight deadlines first, regret insertion),
// then simulated annealing over local moves (change, swap, 2-opt, ruin-and-recreate of a night,
// eject-and-insert of unplaced high-priority work); with options.threads > 1, that many such
// searches side by side, the best kept. The result always passes checkPlan; every unplaced job
// carries its reason.
Plan solve(const Problem& problem, const PlannerOptions& options = {});

// The reason a job is unplaced in `placements` (it tries the job in every crew-night and reports
// the constraint that stopped it most often).
Unplaced explainUnplaced(const Problem& problem, const std::vector<Placement>& placements, int job);

} // namespace yanghu::plan
