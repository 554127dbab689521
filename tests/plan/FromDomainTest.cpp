// SPDX-License-Identifier: MIT
#include "yanghu/core/plan/Checker.h"
#include "yanghu/core/plan/FromDomain.h"
#include "yanghu/core/plan/Planner.h"

#include "Instances.h"

#include <gtest/gtest.h>

#include <map>

using namespace yanghu;
using namespace yanghu::plan;
using testkit::idOf;

namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date may(unsigned d) { return year{2026} / month{5} / day{d}; }

// Work orders one crew could do on any of three nights from 21 May, each following (or not)
// an order in one of the states a predecessor can be in.
class Precedence : public ::testing::Test {
protected:
    Precedence()
    {
        in.from = may(21);
        in.nights = 3;
        yanghu::Crew crew;
        crew.id = idOf(200);
        crew.code = "C-01";
        crew.skills = {"manhole"};
        crew.depot = GeoPoint{114.48, 36.61};
        in.crews.push_back(crew);
        Asset cover;
        cover.id = idOf(201);
        cover.kind = AssetKind::Manhole;
        cover.geometry = {{114.485, 36.61}};
        in.assets.push_back(cover);
    }

    // Order `n` ("WO-n", 120 minutes) to plan, or as a predecessor in `state`.
    WorkOrder order(int n, WorkOrderStatus status = WorkOrderStatus::Ready, std::optional<int> follows = {})
    {
        WorkOrder w;
        w.id = idOf(n);
        w.number = "WO-" + std::to_string(n);
        w.title = "井盖 " + std::to_string(n);
        w.assetIds = {idOf(201)};
        w.estimatedMinutes = 120;
        w.requiredSkills = {"manhole"};
        w.status = status;
        if (follows) w.followsId = idOf(*follows);
        return w;
    }
    WorkOrder scheduled(int n, Date night, MinuteOfDay endsAt)
    {
        WorkOrder w = order(n, WorkOrderStatus::Scheduled);
        w.assignment.crewId = idOf(250); // a crew outside this plan
        w.assignment.shiftDate = night;
        w.assignment.plannedStart = in.calendar.cityTime.at(night, endsAt - 120);
        w.assignment.plannedEnd = in.calendar.cityTime.at(night, endsAt);
        return w;
    }

    PlanningInput in;
};

} // namespace

TEST_F(Precedence, EachStateOfThePredecessorGivesItsConstraint)
{
    in.orders = {order(1), order(2, WorkOrderStatus::Ready, 1), order(3, WorkOrderStatus::Ready, 4),
                 order(5, WorkOrderStatus::Ready, 6), order(7, WorkOrderStatus::Ready, 8),
                 order(9, WorkOrderStatus::Ready, 10), order(11, WorkOrderStatus::Ready, 12),
                 order(13, WorkOrderStatus::Ready, 99), order(14, WorkOrderStatus::Ready, 14),
                 order(15), order(17, WorkOrderStatus::Ready, 18)};
    WorkOrder underWay = scheduled(18, may(21), 24 * 60 + 30); // ends 00:30 on the first night
    underWay.status = WorkOrderStatus::InProgress;
    in.predecessors = {order(4, WorkOrderStatus::Completed), scheduled(6, may(20), 25 * 60),
                       // 01:30 on the night of 22 May: 210 minutes into the second night.
                       scheduled(8, may(22), 25 * 60 + 30), scheduled(10, may(24), 23 * 60),
                       order(12, WorkOrderStatus::OnHold), underWay};
    // Another crew's order at 23:00-01:00 on the second night follows WO-15.
    WorkOrder follower = scheduled(16, may(22), 25 * 60);
    follower.followsId = idOf(15);
    in.followers = {follower};
    const PlanningProblem planning = buildProblem(in);
    const Problem& p = planning.problem;
    std::map<std::string, const Job*> job;
    for (const Job& j : p.jobs) job[j.key] = &j;
    ASSERT_EQ(job.size(), 11U);

    EXPECT_EQ(job["WO-2"]->after, std::vector<int>{0}); // planned here
    EXPECT_TRUE(job["WO-3"]->after.empty());           // its predecessor is done
    EXPECT_EQ(job["WO-3"]->earliestStart, 0);
    EXPECT_EQ(job["WO-5"]->waitsFor, "WO-6");          // overdue from the night before the window
    EXPECT_EQ(job["WO-7"]->earliestStart, 1440 + 210); // another crew's, inside the window
    EXPECT_EQ(job["WO-9"]->waitsFor, "WO-10");         // scheduled after the window
    EXPECT_EQ(job["WO-11"]->waitsFor, "WO-12");        // on hold
    EXPECT_TRUE(job["WO-13"]->waitsFor.empty());       // unknown: deleted, or nothing to wait for
    EXPECT_TRUE(job["WO-14"]->after.empty());          // itself: ignored
    EXPECT_EQ(job["WO-15"]->latestEnd, 1440 + 60);     // before its follower's 23:00 start
    EXPECT_EQ(job["WO-17"]->earliestStart, 150);       // under way, planned to end at 00:30
    for (const char* key : {"WO-1", "WO-2", "WO-3", "WO-7", "WO-13", "WO-14", "WO-15", "WO-17"})
        EXPECT_TRUE(job[key]->waitsFor.empty()) << key;

    PlannerOptions options;
    options.maxIterations = 3000;
    options.timeLimitMs = 1e9;
    const Plan plan = solve(p, options);
    EXPECT_TRUE(checkPlan(p, plan.placements).empty());
    std::map<std::string, int> index;
    for (std::size_t j = 0; j < p.jobs.size(); ++j) index[p.jobs[j].key] = static_cast<int>(j);
    const auto absStart = [&](const char* key) {
        const Placement& pl = plan.placements[index[key]];
        return pl.night * kMinutesPerNight + pl.start;
    };
    ASSERT_TRUE(plan.placements[index["WO-1"]].placed());
    ASSERT_TRUE(plan.placements[index["WO-2"]].placed());
    EXPECT_GE(absStart("WO-2"), absStart("WO-1") + 120);
    ASSERT_TRUE(plan.placements[index["WO-7"]].placed());
    EXPECT_GE(absStart("WO-7"), 1440 + 210);
    ASSERT_TRUE(plan.placements[index["WO-15"]].placed());
    EXPECT_LE(absStart("WO-15") + 120, 1440 + 60);
    std::map<std::string, std::string> why;
    for (const Unplaced& u : plan.unplaced) why[p.jobs[u.job].key] = describe(p, u);
    EXPECT_EQ(why.size(), 3U);
    EXPECT_EQ(why["WO-5"], "it must follow WO-6, which is not planned");
    EXPECT_EQ(why["WO-9"], "it must follow WO-10, which is not planned");
    EXPECT_EQ(why["WO-11"], "it must follow WO-12, which is not planned");
}

// A plan that places a job waiting for outside work is refused by the checker, whatever the
// engine does.
TEST_F(Precedence, TheCheckerRefusesAPlacedJobThatWaits)
{
    in.orders = {order(1, WorkOrderStatus::Ready, 2)};
    in.predecessors = {order(2, WorkOrderStatus::Draft)};
    const Problem p = buildProblem(in).problem;
    ASSERT_EQ(p.jobs.at(0).waitsFor, "WO-2");
    // An hour in: time enough to drive from the depot, so precedence is the only rule broken.
    std::vector<Placement> placements{Placement{0, 0, 60}};
    const auto violations = checkPlan(p, placements);
    ASSERT_EQ(violations.size(), 1U) << (violations.empty() ? "none" : violations.front().rule + ", " + violations.back().rule);
    EXPECT_EQ(violations[0].rule, "precedence");
}
