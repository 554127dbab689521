// SPDX-License-Identifier: MIT
#include "yanghu/core/plan/Programmes.h"
#include "yanghu/core/plan/Checker.h"
#include "yanghu/core/plan/Planner.h"

#include "Instances.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

using namespace yanghu;
using namespace yanghu::plan;
using testkit::idOf;

namespace {

// Inlets every 40 m along three streets, in shuffled order, and two with no location.
std::vector<Asset> inlets()
{
    std::vector<Asset> out;
    int n = 0;
    for (int street = 0; street < 3; ++street) {
        for (int k = 0; k < 40; ++k) {
            Asset a;
            a.id = idOf(++n);
            a.kind = AssetKind::StormInlet;
            a.streetId = idOf(1000 + street);
            a.chainageFromM = 40.0 * k;
            a.geometry = {{114.50 + street * 0.02 + k * 0.00045, 38.03}};
            out.push_back(a);
        }
    }
    Asset nowhere;
    nowhere.id = idOf(++n);
    out.push_back(nowhere);
    std::shuffle(out.begin(), out.end(), std::mt19937(4));
    return out;
}

} // namespace

TEST(ProgrammeBatches, EveryLocatedInletOnceAlongOneStreetWithinTheBatchLength)
{
    const std::vector<Asset> assets = inlets();
    BatchSettings settings;
    settings.batchMinutes = 180;
    const std::vector<Batch> batches = batchAssets(assets, settings);
    std::map<Uuid, const Asset*> byId;
    for (const Asset& a : assets) byId[a.id] = &a;
    std::set<Uuid> seen;
    for (const Batch& b : batches) {
        EXPECT_LE(b.minutes, settings.batchMinutes);
        double chainage = -1;
        for (const Uuid& id : b.assetIds) {
            EXPECT_TRUE(seen.insert(id).second) << "an inlet in two batches";
            const Asset& a = *byId.at(id);
            EXPECT_EQ(a.streetId, b.streetId) << "a batch spans two streets";
            EXPECT_GT(*a.chainageFromM, chainage) << "not in order along the street";
            chainage = *a.chainageFromM;
        }
    }
    EXPECT_EQ(seen.size(), 120U) << "the inlet without a location is left out, every other is in";
    // 40 inlets a street at 12 min + ~2 min moving, 30 min set-up: 180-minute batches hold 10.
    EXPECT_EQ(batches.size(), 12U);
    // The same input in another order gives the same batches.
    std::vector<Asset> reordered = assets;
    std::reverse(reordered.begin(), reordered.end());
    const std::vector<Batch> again = batchAssets(reordered, settings);
    ASSERT_EQ(again.size(), batches.size());
    for (std::size_t i = 0; i < batches.size(); ++i) EXPECT_EQ(again[i].assetIds, batches[i].assetIds);
}

TEST(ProgrammeForecast, FinishNightWhenTheCrewsSufficeMissingCrewNightsWhenNot)
{
    auto problemWith = [](int nights) {
        const std::vector<ProgrammeCrew> crews{{"C-01", GeoPoint{114.5, 38.03}}, {"C-02", GeoPoint{114.5, 38.03}}};
        std::vector<ProgrammeJob> jobs;
        for (int k = 0; k < 10; ++k) {
            jobs.push_back({"BATCH-" + std::to_string(k + 1), 300, GeoPoint{114.5, 38.03}}); // fills a crew-night
        }
        return programmeProblem("inlet_cleaning", Date{}, nights, 7, crews, jobs);
    };
    PlannerOptions options;
    options.maxIterations = 2000;
    options.timeLimitMs = 1e9;
    const Problem enough = problemWith(6);
    const Plan full = solve(enough, options);
    EXPECT_TRUE(checkPlan(enough, full.placements).empty());
    const ProgrammeForecast done = forecastProgramme(enough, full, 0, 10);
    EXPECT_EQ(done.placed, 10);
    ASSERT_TRUE(done.finishNight.has_value());
    EXPECT_EQ(*done.finishNight, 4); // two crews, ten batches: nights 0..4
    EXPECT_EQ(done.missingCrewNights, 0);

    const Problem tooShort = problemWith(3);
    const Plan partial = solve(tooShort, options);
    const ProgrammeForecast late = forecastProgramme(tooShort, partial, 0, 10);
    EXPECT_EQ(late.placed, 6);
    EXPECT_FALSE(late.finishNight.has_value());
    EXPECT_EQ(late.missingCrewNights, 4);
}

// The programme's problem: crews off on the nights past `nightsPerWeek` of each week, every job due
// the first night and ending by the last night's shift, the closure window of the rules given.
TEST(ProgrammeProblem, WeeklyNightsDueFirstNightNothingPastTheDeadline)
{
    Rules rules;
    rules.closureFrom = 60;
    rules.closureTo = 420;
    rules.nights = 99; // replaced by the programme's own count
    const std::vector<ProgrammeCrew> crews{{"雨水-1", GeoPoint{114.51, 38.04}}};
    const std::vector<ProgrammeJob> jobs{{"PRG-汛期-1", 200, GeoPoint{114.52, 38.04}, true},
                                         {"WO-17", 90, GeoPoint{114.52, 38.05}, false}};
    const Date from{std::chrono::year{2027}, std::chrono::month{5}, std::chrono::day{17}};
    const Problem p = programmeProblem("inlet_cleaning", from, 12, 5, crews, jobs, rules);
    EXPECT_EQ(p.rules.nights, 12);
    EXPECT_EQ(p.rules.closureTo, 420);
    EXPECT_EQ(p.firstNight, from);
    ASSERT_EQ(p.skillNames, std::vector<std::string>{"inlet_cleaning"});
    ASSERT_EQ(p.crews.size(), 1U);
    EXPECT_EQ(p.crews[0].key, "雨水-1");
    const std::vector<bool> works{true, true, true, true, true, false, false, true, true, true, true, true};
    EXPECT_EQ(p.crews[0].works, works);
    ASSERT_EQ(p.jobs.size(), 2U);
    EXPECT_EQ(p.jobs[0].key, "PRG-汛期-1");
    EXPECT_TRUE(p.jobs[0].closure);
    EXPECT_FALSE(p.jobs[1].closure);
    for (const Job& job : p.jobs) {
        EXPECT_EQ(job.dueNight, 0);
        EXPECT_EQ(job.latestEnd, 11 * kMinutesPerNight + p.rules.shiftMinutes);
        EXPECT_TRUE(p.qualified(job, p.crews[0]));
    }
    PlannerOptions options;
    options.maxIterations = 2000;
    options.timeLimitMs = 1e9;
    const Plan plan = solve(p, options);
    EXPECT_TRUE(checkPlan(p, plan.placements).empty());
    for (const Placement& at : plan.placements) {
        ASSERT_TRUE(at.placed());
        EXPECT_TRUE(works[at.night]) << "night " << at.night;
    }
    EXPECT_GE(plan.placements[0].start, rules.closureFrom); // the closure inside its window
    EXPECT_LE(plan.placements[0].start + 200, rules.closureTo);
}
