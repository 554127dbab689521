// SPDX-License-Identifier: MIT
// The engine against the exact optimum: CBC solves the time-indexed MILP of each small instance,
// the checker verifies CBC's plan and the MILP accepts the engine's plans at their cost (a
// modelling bug in either shows here), and the engine must reach the same objective. The
// crew-night relaxation (the benchmark's second reference) must bound every one of those plans.
#include "Instances.h"
#include "Milp.h"
#include "Relaxation.h"

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

std::string parts(const Objective& o)
{
    return std::to_string(o.total) + " [mandatory out " + std::to_string(o.mandatoryUnplaced) + ", lateness " +
           std::to_string(o.latenessNights) + ", risk " + std::to_string(o.riskNights) + ", travel " +
           std::to_string(o.travelMinutes) + ", balance " + std::to_string(o.balanceMinutes) + "]";
}

std::string listing(const Problem& p, const std::vector<Placement>& plan)
{
    std::string text;
    for (std::size_t j = 0; j < plan.size(); ++j) {
        const Job& job = p.jobs[j];
        text += "  " + std::to_string(j) +
                (plan[j].placed() ? " c" + std::to_string(plan[j].crew) + " n" + std::to_string(plan[j].night) + " t" +
                                        std::to_string(plan[j].start)
                                  : std::string(" --")) +
                " d" + std::to_string(job.duration) + " due" + std::to_string(job.dueNight) + " w" +
                std::to_string(job.weight) + (job.closure ? " closure" : "") + (job.equipment & 1U ? " jetter" : "") +
                " seg" + std::to_string(job.segment.street) + "/" + std::to_string(job.segment.side) + "/" +
                std::to_string(job.segment.index) + " skills" + std::to_string(job.skills) + "\n";
    }
    return text;
}

// The crew-night relaxation is a lower bound: never above CBC's optimum, CBC's plans or the engine's.
// Its assignment, timed by the MILP, is a real plan the checker passes, costing at least the
// optimum; where it costs exactly the bound, that is the optimum.
void expectRelaxationBounds(const Problem& p, const testkit::MilpResult& exact, const Plan& plan,
                            const std::filesystem::path& dir)
{
    const testkit::MilpResult relaxed = testkit::solveRelaxation(p, dir / "relaxation", 30);
    ASSERT_TRUE(relaxed.solved) << relaxed.log;
    const std::string name = dir.filename().string(); // yanghu-milp-<pid>-<case>
    ::testing::Test::RecordProperty("relaxation_cuts_" + name.substr(name.find('-', 12) + 1), relaxed.cuts);
    const auto cbcTotal = static_cast<double>(evaluatePlan(p, exact.placements).total);
    EXPECT_LE(relaxed.bound, cbcTotal + 1e-6) << "the relaxation cuts off CBC's plan\n" << listing(p, exact.placements);
    EXPECT_LE(relaxed.bound, static_cast<double>(plan.objective.total) + 1e-6)
        << "the relaxation cuts off the engine's plan\n"
        << listing(p, plan.placements);
    const testkit::MilpResult timed = testkit::solveOnRoutes(p, relaxed.placements, dir / "timed", 30);
    if (!timed.solved) return; // the relaxation's assignment may need what it leaves out (order, walkways)
    EXPECT_TRUE(checkPlan(p, timed.placements).empty()) << listing(p, timed.placements);
    const auto timedTotal = static_cast<double>(evaluatePlan(p, timed.placements).total);
    EXPECT_GE(timedTotal, relaxed.bound - 1e-6);
    if (!exact.optimal) return;
    EXPECT_GE(timedTotal, cbcTotal - 1e-6);
    if (relaxed.optimal && std::llround(timedTotal) == std::llround(relaxed.objective)) {
        EXPECT_EQ(std::llround(timedTotal), std::llround(cbcTotal)) << "both prove an optimum; they must agree";
    }
}

struct Case {
    int jobs;
    int crews;
    int nights;
    int hold;
};

} // namespace

class Exactness : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(Exactness, TheEngineReachesTheOptimum)
{
    ASSERT_TRUE(testkit::cbcAvailable()) << "coinor-cbc is not installed (scripts/setup installs it)";
    const std::uint64_t seed = GetParam();
    const Case shapes[] = {{8, 2, 2, 0},  {10, 2, 2, 24 * 60}, {12, 2, 2, 0}, {14, 3, 2, 0},
                           {16, 2, 2, 0}, {18, 3, 2, 0},       {20, 3, 2, 0}};
    const Case c = shapes[seed % std::size(shapes)];
    testkit::InstanceShape shape;
    shape.jobs = c.jobs;
    shape.crews = c.crews;
    shape.nights = c.nights;
    shape.holdMinutes = c.hold;
    shape.timeStep = 15;
    shape.areaKm = 2; // every drive rounds to one 15-minute step: the purely time-indexed model
    const Problem p = testkit::randomInstance(shape, seed);

    const auto dir = scratch(std::to_string(seed));
    const testkit::MilpResult exact = testkit::solveWithCbc(p, dir, 30);
    ASSERT_TRUE(exact.solved) << exact.log;
    for (const Violation& v : checkPlan(p, exact.placements)) {
        ADD_FAILURE() << "CBC's plan: job " << v.job << " breaks " << v.rule << ": " << v.detail;
    }
    const Objective cbcObjective = evaluatePlan(p, exact.placements);
    EXPECT_EQ(cbcObjective.total, std::llround(exact.objective)) << "the MILP's objective differs from the definition";

    PlannerOptions options;
    options.seed = seed;
    // Deterministic, and well inside the 5 s a dispatcher waits (about 1–2.5 s here).
    options.maxIterations = 300000;
    options.timeLimitMs = 1e9;
    const Plan plan = solve(p, options);
    EXPECT_TRUE(checkPlan(p, plan.placements).empty());
    expectRelaxationBounds(p, exact, plan, dir);
    if (!exact.optimal) {
        // A few instances keep CBC busy on the last units of the balance term past its limit: then
        // the engine must be at least as good as CBC's best plan, and no better than its bound.
        RecordProperty("cbc", "stopped at the time limit");
        EXPECT_LE(plan.objective.total, cbcObjective.total)
            << parts(plan.objective) << " vs CBC " << parts(cbcObjective);
        EXPECT_GE(static_cast<double>(plan.objective.total), exact.bound - 1e-6);
        std::filesystem::remove_all(dir);
        return;
    }
    EXPECT_EQ(plan.objective.total, cbcObjective.total)
        << "engine " << parts(plan.objective) << " vs optimum " << parts(cbcObjective) << " (" << c.jobs
        << " jobs, CBC " << exact.seconds << " s)\n"
        << listing(p, plan.placements) << "CBC:\n"
        << listing(p, exact.placements);
    std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(SmallInstances, Exactness, ::testing::Range<std::uint64_t>(1, 15));

// The other direction: every plan the engine makes (and the checker passes) is feasible in the
// MILP at the same cost, on both models (one drive time for all legs; arcs when drives differ),
// with curing holds, precedence and the pooled jetter in play.
TEST(ExactnessBothWays, TheEnginesPlansAreFeasibleInTheMilpAtTheirCost)
{
    ASSERT_TRUE(testkit::cbcAvailable());
    for (std::uint64_t seed = 31; seed <= 42; ++seed) {
        testkit::InstanceShape shape;
        const bool arcs = seed % 3 == 0;
        shape.jobs = arcs ? 7 : 10 + static_cast<int>(seed % 4) * 4;
        shape.crews = 2 + static_cast<int>(seed % 2);
        shape.nights = arcs ? 1 : 2;
        shape.timeStep = arcs ? 5 : 15;
        shape.areaKm = arcs ? 8 : 2;
        shape.holdMinutes = seed % 4 == 1 ? 24 * 60 : 0;
        shape.precedencePairs = static_cast<int>(seed % 3);
        const Problem p = testkit::randomInstance(shape, seed);
        PlannerOptions options;
        options.seed = seed;
        options.maxIterations = 20000;
        options.timeLimitMs = 1e9;
        const Plan plan = solve(p, options);
        ASSERT_TRUE(checkPlan(p, plan.placements).empty()) << "seed " << seed;
        const auto dir = scratch("start-" + std::to_string(seed));
        const std::optional<double> cost = testkit::milpCost(p, plan.placements, dir);
        ASSERT_TRUE(cost.has_value()) << "seed " << seed << ": the MILP refuses the engine's plan\n"
                                      << listing(p, plan.placements);
        EXPECT_EQ(std::llround(*cost), plan.objective.total) << "seed " << seed << ": " << parts(plan.objective);
        std::filesystem::remove_all(dir);
    }
}

// Sites far enough apart that drives differ: the model needs its arc variables for the order.
TEST(ExactnessWithArcs, TheEngineReachesTheOptimumWhenDrivesDiffer)
{
    ASSERT_TRUE(testkit::cbcAvailable());
    for (std::uint64_t seed : {21, 22, 23}) {
        testkit::InstanceShape shape;
        shape.jobs = 6;
        shape.crews = 2;
        shape.nights = 1;
        shape.timeStep = 5;
        shape.areaKm = 8;
        const Problem p = testkit::randomInstance(shape, seed);
        const auto dir = scratch("arcs-" + std::to_string(seed));
        const testkit::MilpResult exact = testkit::solveWithCbc(p, dir, 30);
        ASSERT_TRUE(exact.solved) << exact.log;
        EXPECT_TRUE(checkPlan(p, exact.placements).empty()) << "seed " << seed;
        const Objective cbcObjective = evaluatePlan(p, exact.placements);
        EXPECT_EQ(cbcObjective.total, std::llround(exact.objective)) << "seed " << seed;
        PlannerOptions options;
        options.seed = seed;
        options.maxIterations = 50000;
        options.timeLimitMs = 1e9;
        const Plan plan = solve(p, options);
        expectRelaxationBounds(p, exact, plan, dir);
        if (exact.optimal) {
            EXPECT_EQ(plan.objective.total, cbcObjective.total)
                << "seed " << seed << ": engine " << parts(plan.objective) << " vs optimum " << parts(cbcObjective);
        } else {
            EXPECT_LE(plan.objective.total, cbcObjective.total) << "seed " << seed;
        }
        RecordProperty("cbc_seconds_" + std::to_string(seed), std::to_string(exact.seconds));
        std::filesystem::remove_all(dir);
    }
}

// Where the relaxation's knapsacks are loose: four closures fill the closure window exactly, so a
// 75-minute job fits the shift's minutes but neither side of the window. The plain relaxation
// places all five (bound 0); timing that route alone fails, its cut ("at most four of these five
// on that crew-night") goes in, and the next round's bound is the optimum CBC and the engine find.
TEST(ExactnessRelaxation, CutsOffARouteNoOrderCanTime)
{
    ASSERT_TRUE(testkit::cbcAvailable());
    Problem p;
    p.rules.nights = 1;
    p.rules.shiftMinutes = 480;
    p.rules.closureFrom = 60;
    p.rules.closureTo = 420;
    p.rules.timeStep = 15;
    const GeoPoint depot{114.50, 38.03};
    Crew crew;
    crew.key = "A";
    crew.depot = depot;
    crew.works = {true};
    p.crews.push_back(crew);
    for (int k = 0; k < 5; ++k) {
        Job job;
        job.key = "长安路-" + std::to_string(k);
        job.site = depot;
        job.dueNight = 0;
        job.closure = k > 0;
        job.duration = job.closure ? 90 : 75;
        job.weight = job.closure ? 1 + k : 1; // the cheapest to leave out is the 75-minute job
        p.jobs.push_back(job);
    }
    const auto dir = scratch("relaxation-cut");
    const testkit::MilpResult exact = testkit::solveWithCbc(p, dir / "milp", 30);
    ASSERT_TRUE(exact.optimal) << exact.log;
    const testkit::MilpResult relaxed = testkit::solveRelaxation(p, dir / "relaxation", 30);
    ASSERT_TRUE(relaxed.optimal) << relaxed.log;
    EXPECT_EQ(relaxed.cuts, 1);
    EXPECT_EQ(std::llround(relaxed.bound), std::llround(exact.objective));
    EXPECT_EQ(std::llround(exact.objective), testkit::unplacedCost(p, 0));
    EXPECT_FALSE(relaxed.placements[0].placed());
    PlannerOptions options;
    options.maxIterations = 5000;
    options.timeLimitMs = 1e9;
    const Plan plan = solve(p, options);
    EXPECT_EQ(plan.objective.total, std::llround(exact.objective)) << parts(plan.objective);
    expectRelaxationBounds(p, exact, plan, dir);
    std::filesystem::remove_all(dir);
}
