// SPDX-License-Identifier: MIT
// The checker on hand-made plans: each hard rule broken once, and the objective by hand.
#include "yanghu/core/plan/Checker.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace yanghu;
using namespace yanghu::plan;

namespace {

const GeoPoint kDepot{114.50, 38.03};
// About 2.2 km east of the depot: 6 minutes at 25 km/h (5.3 rounded up).
const GeoPoint kEast{114.525, 38.03};

Problem twoCrews()
{
    Problem p;
    p.skillNames = {"paving", "inlet_cleaning"};
    p.equipmentNames = {"jetter"};
    p.streetNames = {"太行东街"};
    p.rules.nights = 2;
    p.rules.shiftMinutes = 480;
    p.rules.closureFrom = 60;
    p.rules.closureTo = 420;
    p.rules.maxOpenSegmentsPerStreet = 2;
    p.rules.equipmentPool = {1};
    for (int c = 0; c < 2; ++c) p.crews.push_back({"C-" + std::to_string(c + 1), 3U, 0U, kDepot, {true, true}});
    for (int j = 0; j < 4; ++j) {
        Job job;
        job.key = "WO-" + std::to_string(j + 1);
        job.duration = 60;
        job.skills = 1U;
        job.site = kDepot;
        p.jobs.push_back(job);
    }
    return p;
}

std::vector<std::string> rulesBroken(const Problem& p, const std::vector<Placement>& plan)
{
    std::vector<std::string> rules;
    for (const Violation& v : checkPlan(p, plan)) rules.push_back(v.rule);
    std::sort(rules.begin(), rules.end());
    rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
    return rules;
}

using Broken = std::vector<std::string>;

} // namespace

TEST(PlanChecker, AValidPlanHasNoViolations)
{
    const Problem p = twoCrews();
    EXPECT_TRUE(checkPlan(p, {{0, 0, 0}, {0, 0, 60}, {1, 0, 0}, {}}).empty());
}

TEST(PlanChecker, OneJobAtATimeAndTravelBetweenSites)
{
    Problem p = twoCrews();
    EXPECT_EQ(rulesBroken(p, {{0, 0, 0}, {0, 0, 30}, {}, {}}), Broken{"overlap"});
    p.jobs[1].site = kEast;
    EXPECT_EQ(rulesBroken(p, {{0, 0, 0}, {0, 0, 60}, {}, {}}), Broken{"travel"}); // 6 min drive
    EXPECT_TRUE(rulesBroken(p, {{0, 0, 0}, {0, 0, 66}, {}, {}}).empty());
    // And back to the depot before the shift ends.
    EXPECT_EQ(rulesBroken(p, {{}, {0, 0, 420}, {}, {}}), Broken{"depot_travel"});
    EXPECT_TRUE(rulesBroken(p, {{}, {0, 0, 414}, {}, {}}).empty());
}

TEST(PlanChecker, ShiftClosureRosterAndSkills)
{
    Problem p = twoCrews();
    EXPECT_EQ(rulesBroken(p, {{0, 0, 430}, {}, {}, {}}), (Broken{"depot_travel", "shift_window"}));
    p.jobs[0].closure = true;
    EXPECT_EQ(rulesBroken(p, {{0, 0, 0}, {}, {}, {}}), Broken{"closure_window"});
    EXPECT_TRUE(rulesBroken(p, {{0, 0, 360}, {}, {}, {}}).empty());
    p.crews[1].works = {true, false};
    EXPECT_EQ(rulesBroken(p, {{1, 1, 60}, {}, {}, {}}), Broken{"crew_roster"});
    p.crews[1].skills = 2U;
    EXPECT_EQ(rulesBroken(p, {{1, 0, 60}, {}, {}, {}}), Broken{"skill"});
    EXPECT_EQ(rulesBroken(p, {{2, 0, 60}, {}, {}, {}}), Broken{"shape"});
}

TEST(PlanChecker, PooledEquipmentIsOneUnitPerCrewNight)
{
    Problem p = twoCrews();
    p.jobs[0].equipment = 1U;
    p.jobs[1].equipment = 1U;
    EXPECT_TRUE(rulesBroken(p, {{0, 0, 0}, {0, 0, 60}, {}, {}}).empty()); // one crew keeps the truck all night
    EXPECT_EQ(rulesBroken(p, {{0, 0, 0}, {1, 0, 60}, {}, {}}), Broken{"equipment_pool"});
    EXPECT_TRUE(rulesBroken(p, {{0, 0, 0}, {1, 1, 60}, {}, {}}).empty());
    p.rules.equipmentPool = {0};
    EXPECT_EQ(rulesBroken(p, {{0, 0, 0}, {}, {}, {}}), Broken{"equipment"});
    p.crews[0].equipment = 1U; // owned, not pooled
    EXPECT_TRUE(rulesBroken(p, {{0, 0, 0}, {}, {}, {}}).empty());
}

TEST(PlanChecker, AdjacentSegmentsAndTheOpenSegmentLimitIncludingCuring)
{
    Problem p = twoCrews();
    for (int j = 0; j < 4; ++j) p.jobs[j].segment = {0, 1, j, 0};
    // Segments 0 and 1 side by side at once: never.
    EXPECT_EQ(rulesBroken(p, {{0, 0, 0}, {1, 0, 30}, {}, {}}), Broken{"adjacent_segments"});
    EXPECT_TRUE(rulesBroken(p, {{0, 0, 0}, {1, 0, 60}, {}, {}}).empty());
    // Other side of the street: fine.
    p.jobs[1].segment.side = 2;
    EXPECT_TRUE(rulesBroken(p, {{0, 0, 0}, {1, 0, 30}, {}, {}}).empty());
    p.jobs[1].segment.side = 1;
    // Segments 0, 2 open together is fine; 0, 2 and a third street segment breaks the limit of 2.
    p.jobs[3].segment.index = 4;
    EXPECT_TRUE(rulesBroken(p, {{0, 0, 0}, {}, {1, 0, 0}, {}}).empty());
    EXPECT_EQ(rulesBroken(p, {{0, 0, 0}, {}, {1, 0, 0}, {0, 1, 0}}), Broken{});
    EXPECT_EQ(rulesBroken(p, {{0, 0, 0}, {}, {1, 0, 0}, {0, 0, 60}}), Broken{}); // 0 has closed at 60
    p.crews.push_back({"C-3", 3U, 0U, kDepot, {true, true}});
    EXPECT_EQ(rulesBroken(p, {{0, 0, 0}, {}, {1, 0, 0}, {2, 0, 30}}), Broken{"open_segments"});
    // Curing concrete keeps segment 0 closed for a day: segment 1 the next night is too soon.
    p.jobs[0].segment.holdMinutes = 24 * 60;
    EXPECT_EQ(rulesBroken(p, {{0, 0, 0}, {1, 1, 0}, {}, {}}), Broken{"adjacent_segments"});
    EXPECT_TRUE(rulesBroken(p, {{0, 0, 0}, {1, 1, 60}, {}, {}}).empty());
}

TEST(PlanChecker, PrecedenceEarliestStartAndDeadline)
{
    Problem p = twoCrews();
    p.jobs[1].after = {0};
    EXPECT_EQ(rulesBroken(p, {{}, {0, 0, 0}, {}, {}}), Broken{"precedence"});
    EXPECT_EQ(rulesBroken(p, {{0, 0, 30}, {1, 0, 60}, {}, {}}), Broken{"precedence"});
    EXPECT_TRUE(rulesBroken(p, {{0, 0, 0}, {1, 0, 60}, {}, {}}).empty());
    EXPECT_TRUE(rulesBroken(p, {{0, 0, 300}, {1, 1, 0}, {}, {}}).empty()); // the next night
    p.jobs[2].earliestStart = kMinutesPerNight + 120;
    EXPECT_EQ(rulesBroken(p, {{}, {}, {0, 0, 300}, {}}), Broken{"earliest_start"});
    EXPECT_TRUE(rulesBroken(p, {{}, {}, {0, 1, 120}, {}}).empty());
    p.jobs[3].latestEnd = 480;
    EXPECT_EQ(rulesBroken(p, {{}, {}, {}, {0, 1, 0}}), Broken{"deadline"});
}

TEST(PlanChecker, ObjectiveByHand)
{
    Problem p = twoCrews();
    p.jobs[0].dueNight = 0;
    p.jobs[0].weight = 3;
    p.jobs[1].risk = 2;
    p.jobs[2].mandatory = true;
    p.jobs[3].previous = PreviousSlot{1, 0};
    p.jobs[3].site = kEast;
    // Job 0 a night late, job 1 waits a night, job 2 left out, job 3 moved to crew 0.
    const std::vector<Placement> plan{{0, 1, 0}, {0, 1, 60}, {}, {0, 0, 60}};
    const Objective o = evaluatePlan(p, plan);
    EXPECT_EQ(o.mandatoryUnplaced, 1);
    // 3 × 1 night late; job 2 unplaced: weight 1 × (no due date: 0 + 3 unplaced nights).
    EXPECT_EQ(o.latenessNights, 3 + 3);
    EXPECT_EQ(o.riskNights, 2 * 1);
    EXPECT_EQ(o.travelMinutes, 6 + 6); // depot → east → depot on night 0; night 1 at the depot
    EXPECT_EQ(o.balanceMinutes, 180);  // crew 0 works 180 minutes, crew 1 none
    EXPECT_EQ(o.moved, 1);
    EXPECT_EQ(o.total, 1'000'000 + 6 * 1000 + 2 * 100 + 12 * 10 + 180 + 200);
}
