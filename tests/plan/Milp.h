// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/plan/Plan.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

// The exact reference: the planning problem as a time-indexed MILP in CPLEX-LP format, solved by
// Debian's coinor-cbc. Start variables x[j,c,n,t] on the problem's time grid carry the windows,
// the walkway rules, pools and precedence; arc variables y[i,k] per crew-night carry the route
// order and travel. Its objective is the planner's integer objective, term for term.
namespace yanghu::plan::testkit {

// Writes the model; every duration, travel time and window must be a multiple of
// rules.timeStep (randomInstance makes them so), else the grid would cut off plans.
void writeLp(const Problem& problem, const std::filesystem::path& file);

struct MilpResult {
    bool solved = false;     // CBC returned a solution
    bool optimal = false;    // ... and proved it optimal
    bool infeasible = false; // CBC proved the model has no solution
    double objective = 0;    // CBC's objective value
    double bound = 0;        // CBC's lower bound (= objective when optimal)
    double seconds = 0;
    std::vector<Placement> placements; // the crew-night relaxation's leave every start at -1
    std::string log;                   // CBC's output, for a failing test's message
    int cuts = 0;                      // the relaxation: sets of jobs it found no crew-night can time
};

// Runs `cbc` on the model (in `workDir`) with a time limit.
MilpResult solveWithCbc(const Problem& problem, const std::filesystem::path& workDir, double timeLimitSeconds);

// The MILP with each job held to the crew-night `routes` gives it (any start there), or to being
// left out: the best timing of a given assignment, e.g. the crew-night relaxation's.
MilpResult solveOnRoutes(const Problem& problem, const std::vector<Placement>& routes,
                         const std::filesystem::path& workDir, double timeLimitSeconds);

// The plan's cost in the MILP, or nothing when the MILP rejects it: CBC solves the model with every
// job held to the plan's start (or to being left out). A plan the checker passes but the MILP refuses (or
// costs differently) is a modelling bug in one of them.
std::optional<double> milpCost(const Problem& problem, const std::vector<Placement>& plan,
                               const std::filesystem::path& workDir);

struct CbcRun;
// CBC's figures (solved, optimal, objective, bound, time, log), with no plan read yet.
MilpResult summaryOf(const CbcRun& run);

// The objective's terms for one job (lateness, risk, stability; travel is the route's): placed on a
// crew's night, or left out. Both reference bounds price jobs with them.
std::int64_t placedCost(const Problem& problem, int job, int crew, int night);
std::int64_t unplacedCost(const Problem& problem, int job);

bool cbcAvailable();

} // namespace yanghu::plan::testkit
