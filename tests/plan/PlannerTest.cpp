// SPDX-License-Identifier: MIT
#include "Instances.h"

#include "yanghu/core/plan/Checker.h"
#include "yanghu/core/plan/Planner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

using namespace yanghu;
using namespace yanghu::plan;

namespace {

PlannerOptions iterations(std::int64_t count, std::uint64_t seed = 1)
{
    PlannerOptions options;
    options.seed = seed;
    options.maxIterations = count;
    options.timeLimitMs = 1e9; // bounded by iterations only: the same plan on every run
    return options;
}

// Every plan the engine returns: valid, its running total right, a reason for each job left out.
void expectSound(const Problem& p, const Plan& plan)
{
    ASSERT_EQ(plan.placements.size(), p.jobs.size());
    for (const Violation& v : checkPlan(p, plan.placements)) {
        ADD_FAILURE() << "job " << v.job << " breaks " << v.rule << ": " << v.detail;
    }
    EXPECT_EQ(plan.objective, evaluatePlan(p, plan.placements));
    EXPECT_EQ(plan.stats.engineCost, plan.objective.total) << "the engine's incremental total drifted";
    std::size_t unplaced = 0;
    for (const Placement& pl : plan.placements) unplaced += pl.placed() ? 0 : 1;
    ASSERT_EQ(plan.unplaced.size(), unplaced);
    for (const Unplaced& u : plan.unplaced) {
        EXPECT_FALSE(plan.placements[u.job].placed());
        EXPECT_FALSE(describe(p, u).empty());
    }
}

// A random instance of the testkit's default shape with this many jobs, crews and nights.
Problem randomProblem(int jobs, int crews, int nights, std::uint64_t seed)
{
    testkit::InstanceShape shape;
    shape.jobs = jobs;
    shape.crews = crews;
    shape.nights = nights;
    return testkit::randomInstance(shape, seed);
}

Job simpleJob(std::string key, int minutes, std::uint32_t skills = 1U)
{
    Job job;
    job.key = std::move(key);
    job.duration = minutes;
    job.skills = skills;
    job.site = GeoPoint{114.50, 38.03};
    return job;
}

Problem emptyCity(int crews, int nights)
{
    Problem p;
    p.skillNames = {"paving", "inlet_cleaning", "manhole"};
    p.equipmentNames = {"jetter"};
    p.streetNames = {"太行东街"};
    p.rules.nights = nights;
    p.rules.closureFrom = 60;
    p.rules.closureTo = 420;
    p.rules.equipmentPool = {1};
    p.firstNight = Date{std::chrono::year{2027}, std::chrono::month{5}, std::chrono::day{30}};
    for (int c = 0; c < crews; ++c) {
        p.crews.push_back(
            {"C-" + std::to_string(c + 1), 7U, 0U, GeoPoint{114.50, 38.03}, std::vector<bool>(nights, true)});
    }
    return p;
}

const Unplaced& reasonFor(const Plan& plan, int job)
{
    static const Unplaced none;
    for (const Unplaced& u : plan.unplaced) {
        if (u.job == job) return u;
    }
    ADD_FAILURE() << "job " << job << " was placed";
    return none;
}

} // namespace

TEST(Planner, EveryPlanOnRandomInstancesPassesTheChecker)
{
    for (std::uint64_t seed = 1; seed <= 24; ++seed) {
        testkit::InstanceShape shape;
        shape.jobs = 10 + static_cast<int>(seed * 7 % 70);
        shape.crews = 2 + static_cast<int>(seed % 3);
        shape.nights = 1 + static_cast<int>(seed % 4);
        shape.timeStep = seed % 2 == 0 ? 5 : 15;
        shape.holdMinutes = seed % 3 == 0 ? 24 * 60 : 0;
        shape.precedencePairs = static_cast<int>(seed % 5);
        SCOPED_TRACE("seed " + std::to_string(seed));
        const Problem p = testkit::randomInstance(shape, seed);
        const Plan plan = solve(p, iterations(3000, seed));
        expectSound(p, plan);
        EXPECT_GT(plan.stats.iterations, 0);
    }
}

TEST(Planner, TheSameInputAndSeedGiveTheSamePlan)
{
    const Problem p = randomProblem(40, 3, 3, 7);
    const Plan a = solve(p, iterations(4000, 3));
    const Plan b = solve(p, iterations(4000, 3));
    EXPECT_EQ(a.placements, b.placements);
    EXPECT_EQ(a.objective, b.objective);
}

TEST(Planner, SearchImprovesOnConstruction)
{
    const Problem p = randomProblem(50, 3, 3, 11);
    const Plan constructed = solve(p, iterations(0));
    const Plan searched = solve(p, iterations(20000));
    expectSound(p, constructed);
    expectSound(p, searched);
    EXPECT_LE(searched.objective.total, constructed.objective.total);
}

TEST(Planner, MandatoryWorkWinsTheLastSlot)
{
    Problem p = emptyCity(1, 1);
    p.jobs.push_back(simpleJob("WO-ROUTINE", 400));
    p.jobs[0].weight = 4;
    p.jobs.push_back(simpleJob("WO-HAZARD", 400));
    p.jobs[1].mandatory = true;
    const Plan plan = solve(p, iterations(2000));
    expectSound(p, plan);
    EXPECT_TRUE(plan.placements[1].placed());
    EXPECT_FALSE(plan.placements[0].placed());
    EXPECT_EQ(reasonFor(plan, 0).cause, UnplacedCause::NoTimeLeft);
}

TEST(Planner, ADeadlineNobodyCanMeetIsExplained)
{
    Problem p = emptyCity(2, 3);
    // Needs a jetter that no crew owns and the pool has none of.
    p.rules.equipmentPool = {0};
    p.jobs.push_back(simpleJob("WO-JET", 60, 2U));
    p.jobs[0].equipment = 1U;
    // Must end before the first night begins.
    p.jobs.push_back(simpleJob("WO-PAST", 60));
    p.jobs[1].latestEnd = 30;
    // Longer than the closure window (6 h) and than a shift.
    p.jobs.push_back(simpleJob("WO-LONG-CLOSURE", 390));
    p.jobs[2].closure = true;
    p.jobs.push_back(simpleJob("WO-TWO-NIGHTS", 600));
    // Nobody is a bridge crew.
    p.skillNames.push_back("bridge");
    p.jobs.push_back(simpleJob("WO-BRIDGE", 60, 8U));
    // Fits the shift alone, not with 24 minutes' drive (about 10 km) each way from the depot.
    p.jobs.push_back(simpleJob("WO-FAR-NIGHT", 470));
    p.jobs[5].site = GeoPoint{114.6135, 38.03};
    const Plan plan = solve(p, iterations(500));
    expectSound(p, plan);
    EXPECT_EQ(reasonFor(plan, 0).cause, UnplacedCause::NoEquipment);
    EXPECT_EQ(describe(p, reasonFor(plan, 0)), "no crew has jetter and none is shared in a pool");
    EXPECT_EQ(reasonFor(plan, 1).cause, UnplacedCause::OutsideHorizon);
    EXPECT_EQ(reasonFor(plan, 2).cause, UnplacedCause::LongerThanClosure);
    EXPECT_EQ(describe(p, reasonFor(plan, 2)), "its closure takes 6 h 30 min; the closure window is 6 h");
    EXPECT_EQ(reasonFor(plan, 3).cause, UnplacedCause::LongerThanShift);
    EXPECT_EQ(reasonFor(plan, 4).cause, UnplacedCause::NoCrewWithSkill);
    EXPECT_EQ(describe(p, reasonFor(plan, 4)), "no crew has the skill bridge");
    EXPECT_EQ(reasonFor(plan, 5).cause, UnplacedCause::LongerThanShift);
    EXPECT_EQ(describe(p, reasonFor(plan, 5)),
              "it takes 7 h 50 min and 48 min of driving there and back; a shift is 8 h");
}

TEST(Planner, EveryCrewBusyBeforeTheFloodSeasonSaysSo)
{
    // Two nights before 1 June (those starting 30 and 31 May), one jetter crew, eight inlet
    // batches of 2.5 hours: at most 2 nights × 3 batches fit.
    Problem p = emptyCity(2, 3);
    p.crews[1].skills = 1U; // paving only
    p.crews[0].equipment = 1U;
    p.rules.equipmentPool = {0};
    for (int k = 0; k < 8; ++k) {
        p.jobs.push_back(simpleJob("WO-INLETS-" + std::to_string(k + 1), 150, 2U));
        p.jobs.back().equipment = 1U;
        p.jobs.back().latestEnd = kMinutesPerNight + p.rules.shiftMinutes; // end of night 1
    }
    const Plan plan = solve(p, iterations(3000));
    expectSound(p, plan);
    int placed = 0;
    for (const Placement& pl : plan.placements) placed += pl.placed() ? 1 : 0;
    EXPECT_EQ(placed, 6);
    ASSERT_EQ(plan.unplaced.size(), 2U);
    EXPECT_EQ(plan.unplaced[0].cause, UnplacedCause::NoTimeLeft);
    EXPECT_EQ(describe(p, plan.unplaced[0]),
              "no crew with inlet_cleaning and jetter is free on a night before the 2027-06-01 deadline");
}

TEST(Planner, TheSharedJetterGoesToOneCrewANight)
{
    Problem p = emptyCity(3, 1);
    for (int k = 0; k < 3; ++k) {
        p.jobs.push_back(simpleJob("WO-JET-" + std::to_string(k + 1), 420, 2U));
        p.jobs.back().equipment = 1U;
    }
    const Plan plan = solve(p, iterations(1000));
    expectSound(p, plan);
    ASSERT_EQ(plan.unplaced.size(), 2U);
    EXPECT_EQ(plan.unplaced[0].cause, UnplacedCause::EquipmentPoolInUse);
}

TEST(Planner, AStreetOfFortyAdjacentSegments)
{
    // 40 consecutive segments on one side, concrete curing a day, four crews for three nights:
    // never two neighbours open, at most two segments of the street open at once.
    Problem p = emptyCity(4, 3);
    for (int k = 0; k < 40; ++k) {
        Job job = simpleJob("WO-SEG-" + std::to_string(k + 1), 90);
        job.segment = {0, 1, k, 24 * 60};
        job.site = GeoPoint{114.50 + k * 0.0003, 38.03};
        p.jobs.push_back(job);
    }
    const Plan plan = solve(p, iterations(5000));
    expectSound(p, plan);
    int placed = 0;
    for (const Placement& pl : plan.placements) placed += pl.placed() ? 1 : 0;
    // Curing holds each opened segment into the next night, so at most two a night... and
    // the third night's two still count: 2 on night 0, 0 until they cure (24 h), ...
    EXPECT_GE(placed, 2);
    EXPECT_LT(placed, 40);
    for (const Unplaced& u : plan.unplaced) EXPECT_EQ(u.cause, UnplacedCause::WalkwayRule) << describe(p, u);
    EXPECT_NE(describe(p, plan.unplaced.front()).find("太行东街"), std::string::npos);
}

TEST(Planner, PrecedenceBreakOutBeforePour)
{
    Problem p = emptyCity(2, 2);
    p.jobs.push_back(simpleJob("WO-POUR", 120));
    p.jobs.push_back(simpleJob("WO-BREAK-OUT", 120));
    p.jobs[0].after = {1};
    p.jobs[0].mandatory = true;
    const Plan plan = solve(p, iterations(2000));
    expectSound(p, plan);
    ASSERT_TRUE(plan.placements[0].placed());
    ASSERT_TRUE(plan.placements[1].placed());
    const auto abs = [&](int j) { return plan.placements[j].night * kMinutesPerNight + plan.placements[j].start; };
    EXPECT_GE(abs(0), abs(1) + 120);
}

TEST(Planner, ReplanningWithOneUrgentJobMovesLittle)
{
    testkit::InstanceShape shape;
    shape.jobs = 30;
    shape.crews = 3;
    shape.nights = 4;
    shape.segmentShare = 0;
    shape.precedencePairs = 0;
    Problem p = testkit::randomInstance(shape, 5);
    const Plan first = solve(p, iterations(10000));
    expectSound(p, first);
    for (std::size_t j = 0; j < p.jobs.size(); ++j) {
        if (first.placements[j].placed())
            p.jobs[j].previous = PreviousSlot{first.placements[j].crew, first.placements[j].night};
    }
    Job urgent = simpleJob("WO-SINKING-COVER", 60, 1U);
    urgent.mandatory = true;
    urgent.risk = 5;
    urgent.dueNight = 0;
    p.jobs.push_back(urgent);
    const Plan second = solve(p, iterations(10000));
    expectSound(p, second);
    EXPECT_TRUE(second.placements.back().placed());
    int before = 0;
    for (const Placement& pl : first.placements) before += pl.placed() ? 1 : 0;
    EXPECT_LE(second.objective.moved, 3) << "of " << before << " planned jobs";
}

TEST(Planner, CancelStopsWithAValidPlanAndProgressIsReported)
{
    const Problem p = randomProblem(80, 4, 4, 3);
    for (int threads : {1, 2}) {
        SCOPED_TRACE(std::to_string(threads) + " thread(s)");
        std::atomic<bool> cancel{false};
        std::vector<PlannerProgress> reports;
        const auto caller = std::this_thread::get_id();
        PlannerOptions options = iterations(100'000'000);
        options.threads = threads;
        options.cancel = &cancel;
        options.progress = [&](const PlannerProgress& progress) {
            EXPECT_EQ(std::this_thread::get_id(), caller) << "progress from another thread";
            EXPECT_GE(progress.placed, 0);
            reports.push_back(progress);
            if (progress.iteration >= 5000) cancel = true;
        };
        const Plan plan = solve(p, options);
        expectSound(p, plan);
        EXPECT_TRUE(plan.stats.cancelled);
        EXPECT_LT(plan.stats.iterations, 100'000'000);
        ASSERT_GE(reports.size(), 5U);
        // With searches side by side, the best any of them has found so far: it never gets worse.
        for (std::size_t i = 1; i < reports.size(); ++i) {
            EXPECT_LE(reports[i].bestCost, reports[i - 1].bestCost) << "report " << i << ": the best got worse";
        }
        EXPECT_EQ(reports.back().bestCost, plan.objective.total);
        EXPECT_EQ(reports.back().placed, static_cast<int>(p.jobs.size() - plan.unplaced.size()));
    }
}

TEST(Planner, SearchesSideBySideKeepTheBestOfTheirSeeds)
{
    const Problem p = randomProblem(60, 3, 3, 5);
    PlannerOptions options = iterations(6000, 9);
    options.threads = 3;
    const Plan together = solve(p, options);
    expectSound(p, together);
    EXPECT_EQ(together.stats.searches, 3);
    EXPECT_EQ(solve(p, options).placements, together.placements) << "not the same plan on every run";

    // Each search alone, with the seed it had side by side: the best of them, the lowest first.
    std::vector<Plan> alone;
    for (std::uint64_t k = 0; k < 3; ++k) alone.push_back(solve(p, iterations(6000, 9 + k * kSearchSeedStep)));
    const auto [best, worst] = std::minmax_element(alone.begin(), alone.end(), [](const Plan& a, const Plan& b) {
        return a.objective.total < b.objective.total;
    });
    ASSERT_LT(best->objective.total, worst->objective.total) << "the seeds agree: this instance tests nothing";
    EXPECT_NE(best, alone.begin()) << "the first search wins: this instance cannot tell the best from the first";
    EXPECT_EQ(together.placements, best->placements);
    EXPECT_EQ(together.objective, best->objective);
    EXPECT_EQ(together.stats.iterations, best->stats.iterations);
    EXPECT_LE(together.objective.total, alone.front().objective.total);
}

TEST(Planner, NothingToPlanIsAnEmptyPlan)
{
    Problem p = emptyCity(0, 2);
    p.jobs.push_back(simpleJob("WO-1", 60));
    const Plan plan = solve(p, iterations(100));
    expectSound(p, plan);
    ASSERT_EQ(plan.unplaced.size(), 1U);
    EXPECT_EQ(plan.unplaced[0].cause, UnplacedCause::NoQualifiedCrewOnRoster);
    const Plan none = solve(emptyCity(2, 2), iterations(100));
    EXPECT_TRUE(none.placements.empty());
}
