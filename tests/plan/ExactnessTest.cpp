// SPDX-License-Identifier: MIT
// The engine against the exact optimum: CBC solves the time-indexed MILP of each small instance,
// the checker verifies CBC's plan (a modelling bug in either shows here), and the engine must
// reach the same objective.
#include "Instances.h"
#include "Milp.h"

#include "yanghu/core/plan/Checker.h"
#include "yanghu/core/plan/Planner.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace yanghu;
using namespace yanghu::plan;

namespace {

std::filesystem::path scratch(const std::string& name)
{
    return std::filesystem::temp_directory_path() / ("yanghu-milp-" + std::to_string(::getpid()) + "-" + name);
}

struct Case {
    int jobs;
    int crews;
    int nights;
    int hold;
};

} // namespace

class Exactness : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(Exactness, TheEngineReachesCbcsProvenOptimum)
{
    ASSERT_TRUE(testkit::cbcAvailable()) << "coinor-cbc is not installed (scripts/setup installs it)";
    const std::uint64_t seed = GetParam();
    const Case shapes[] = {{8, 2, 2, 0}, {10, 2, 2, 24 * 60}, {12, 2, 2, 0}, {14, 3, 2, 0}, {16, 2, 2, 0}, {18, 3, 2, 0}, {20, 3, 2, 0}};
    const Case c = shapes[seed % std::size(shapes)];
    testkit::InstanceShape shape;
    shape.jobs = c.jobs;
    shape.crews = c.crews;
    shape.nights = c.nights;
    shape.holdMinutes = c.hold;
    shape.timeStep = 15;
    const Problem p = testkit::randomInstance(shape, seed);

    const auto dir = scratch(std::to_string(seed));
    const testkit::MilpResult exact = testkit::solveWithCbc(p, dir, 120);
    ASSERT_TRUE(exact.solved) << exact.log;
    ASSERT_TRUE(exact.optimal) << "CBC did not prove optimality in 120 s";
    for (const Violation& v : checkPlan(p, exact.placements)) {
        ADD_FAILURE() << "CBC's plan: job " << v.job << " breaks " << v.rule << ": " << v.detail;
    }
    const Objective cbcObjective = evaluatePlan(p, exact.placements);
    EXPECT_EQ(cbcObjective.total, std::llround(exact.objective)) << "the MILP's objective differs from the definition";

    PlannerOptions options;
    options.seed = seed;
    options.maxIterations = 30000;
    options.timeLimitMs = 1e9;
    const Plan plan = solve(p, options);
    EXPECT_TRUE(checkPlan(p, plan.placements).empty());
    EXPECT_EQ(plan.objective.total, cbcObjective.total)
        << "engine " << plan.objective.total << " vs optimum " << cbcObjective.total << " (" << c.jobs << " jobs, CBC "
        << exact.seconds << " s)";
    std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(SmallInstances, Exactness, ::testing::Range<std::uint64_t>(1, 15));
