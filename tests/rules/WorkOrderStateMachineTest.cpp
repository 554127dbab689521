// SPDX-License-Identifier: MIT
#include "yanghu/core/rules/ErrorCodes.h"
#include "yanghu/core/rules/WorkOrderStateMachine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

using namespace yanghu;
using namespace yanghu::rules;
using namespace std::chrono;

namespace {

using S = WorkOrderStatus;

const std::vector<S> kStatuses{S::Draft,     S::Ready,    S::Scheduled, S::InProgress,
                               S::Completed, S::Verified, S::OnHold,    S::Cancelled};
const std::vector<Role> kRoles{Role::FieldCrew, Role::Dispatcher, Role::Supervisor, Role::Admin};

// The lifecycle as the product brief states it, written out by hand and never read from
// transitionTable(): if the two disagree, one of them is wrong.
const std::map<std::pair<S, S>, std::set<Role>>& expectedEdges()
{
    static const std::set<Role> office{Role::Dispatcher, Role::Supervisor};
    static const std::map<std::pair<S, S>, std::set<Role>> edges{
        {{S::Draft, S::Ready}, office},
        {{S::Draft, S::Cancelled}, office},
        {{S::Ready, S::Scheduled}, office},
        {{S::Ready, S::OnHold}, office},
        {{S::Ready, S::Cancelled}, office},
        {{S::Scheduled, S::Ready}, office},
        {{S::Scheduled, S::InProgress}, {Role::FieldCrew}},
        {{S::Scheduled, S::OnHold}, office},
        {{S::Scheduled, S::Cancelled}, office},
        {{S::InProgress, S::Completed}, {Role::FieldCrew}},
        {{S::InProgress, S::OnHold}, {Role::FieldCrew, Role::Dispatcher, Role::Supervisor}},
        {{S::Completed, S::Verified}, {Role::Supervisor}},
        {{S::Completed, S::InProgress}, {Role::Supervisor}},
        {{S::OnHold, S::Ready}, office},
        {{S::OnHold, S::Cancelled}, office},
    };
    return edges;
}

// Edges on which a field_crew actor must belong to the order's assigned crew.
const std::set<std::pair<S, S>> kCrewOnlyEdges{
    {S::Scheduled, S::InProgress}, {S::InProgress, S::Completed}, {S::InProgress, S::OnHold}};

Uuid id(std::uint8_t n)
{
    std::array<std::uint8_t, 16> bytes{};
    bytes[15] = n;
    bytes[6] = 0x70;
    return Uuid{bytes};
}

const Uuid kCrewA = id(1);
const Uuid kCrewB = id(2);
const Instant kStart = sys_days{2026y / 5 / 12} + 14h;

// An order in `status` that meets every requirement of every transition, assigned to crew A.
WorkOrder completeOrder(S status)
{
    WorkOrder order;
    order.id = id(10);
    order.title = "更换沉陷井盖";
    order.assetIds = {id(11)};
    order.status = status;
    order.assignment.crewId = kCrewA;
    order.assignment.shiftDate = 2026y / 5 / 12;
    order.actualStart = kStart;
    order.actualEnd = kStart + 90min;
    order.quantities.push_back(QuantityLine{id(12), "covers_replaced", 1, "pcs"});
    return order;
}

Actor actor(Role role, std::optional<Uuid> crew = std::nullopt)
{
    Actor a;
    a.userId = id(20);
    a.role = role;
    a.crewId = role == Role::FieldCrew && !crew ? std::optional<Uuid>(kCrewA) : crew;
    return a;
}

std::string name(S s) { return std::string(enumName(s)); }
std::string name(Role r) { return std::string(enumName(r)); }

std::vector<std::string> fieldsOf(const Status& status)
{
    std::vector<std::string> fields;
    for (const auto& e : status.error().fields) fields.push_back(e.field);
    return fields;
}

} // namespace

TEST(WorkOrderStateMachine, EveryFromToRoleTripleMatchesTheLifecycle)
{
    int checked = 0;
    for (S from : kStatuses)
        for (S to : kStatuses)
            for (Role role : kRoles) {
                SCOPED_TRACE(name(from) + " -> " + name(to) + " as " + name(role));
                const Status s = checkTransition(completeOrder(from), to, actor(role), "路面积水，暂停施工");
                const auto edge = expectedEdges().find({from, to});
                if (edge == expectedEdges().end()) {
                    ASSERT_FALSE(s.ok());
                    EXPECT_EQ(s.error().code, codes::TransitionInvalid);
                    EXPECT_EQ(s.error().params, (std::map<std::string, std::string>{{"from", name(from)}, {"to", name(to)}}));
                    EXPECT_EQ(findTransition(from, to), nullptr);
                } else if (!edge->second.contains(role)) {
                    ASSERT_FALSE(s.ok());
                    EXPECT_EQ(s.error().code, codes::TransitionForbidden);
                    EXPECT_EQ(s.error().params, (std::map<std::string, std::string>{
                                                    {"from", name(from)}, {"to", name(to)}, {"role", name(role)}}));
                } else {
                    EXPECT_TRUE(s.ok()) << s.error().code;
                }
                ++checked;
            }
    EXPECT_EQ(checked, 8 * 8 * 4);
}

TEST(WorkOrderStateMachine, TableHasExactlyTheExpectedEdgesAndCrewFlags)
{
    std::set<std::pair<S, S>> seen;
    for (const TransitionRule& rule : transitionTable()) {
        SCOPED_TRACE(name(rule.from) + " -> " + name(rule.to));
        EXPECT_TRUE(seen.insert({rule.from, rule.to}).second) << "edge listed twice";
        const auto edge = expectedEdges().find({rule.from, rule.to});
        ASSERT_NE(edge, expectedEdges().end());
        EXPECT_EQ(std::set<Role>(rule.roles.begin(), rule.roles.end()), edge->second);
        EXPECT_EQ(rule.assignedCrewOnly, kCrewOnlyEdges.contains({rule.from, rule.to}));
        EXPECT_EQ(findTransition(rule.from, rule.to), &rule);
    }
    EXPECT_EQ(seen.size(), expectedEdges().size());
}

TEST(WorkOrderStateMachine, AdminMakesNoWorkOrderTransitions)
{
    for (S from : kStatuses) EXPECT_TRUE(allowedTargets(completeOrder(from), actor(Role::Admin)).empty()) << name(from);
}

TEST(WorkOrderStateMachine, VerifiedAndCancelledAreTerminal)
{
    for (S terminal : {S::Verified, S::Cancelled})
        for (Role role : kRoles) EXPECT_TRUE(allowedTargets(completeOrder(terminal), actor(role)).empty());
}

TEST(WorkOrderStateMachine, AllowedTargetsListsWhatTheActorMayDoFromEachStatus)
{
    for (S from : kStatuses)
        for (Role role : kRoles) {
            std::set<S> expected;
            for (const auto& [edge, roles] : expectedEdges())
                if (edge.first == from && roles.contains(role)) expected.insert(edge.second);
            const auto targets = allowedTargets(completeOrder(from), actor(role));
            EXPECT_EQ(std::set<S>(targets.begin(), targets.end()), expected) << name(from) << " as " << name(role);
            EXPECT_EQ(targets.size(), expected.size()) << "no target listed twice";
        }
}

TEST(WorkOrderStateMachine, MemberOfAnotherCrewCannotStartCompleteOrHold)
{
    for (const auto& [from, to] : kCrewOnlyEdges) {
        const Status s = checkTransition(completeOrder(from), to, actor(Role::FieldCrew, kCrewB), "井盖缺货");
        ASSERT_FALSE(s.ok()) << name(from) << " -> " << name(to);
        EXPECT_EQ(s.error().code, codes::NotAssignedCrew);
        EXPECT_TRUE(allowedTargets(completeOrder(from), actor(Role::FieldCrew, kCrewB)).empty());
    }
}

TEST(WorkOrderStateMachine, MemberOfTheAssignedCrewCanStart)
{
    EXPECT_TRUE(checkTransition(completeOrder(S::Scheduled), S::InProgress, actor(Role::FieldCrew, kCrewA)).ok());
    WorkOrder order = completeOrder(S::Scheduled);
    order.assignment.crewId = kCrewB;
    EXPECT_TRUE(checkTransition(order, S::InProgress, actor(Role::FieldCrew, kCrewB)).ok());
}

TEST(WorkOrderStateMachine, CrewMemberWithoutCrewOrOrderWithoutCrewNeverMatches)
{
    Actor noCrew = actor(Role::FieldCrew);
    noCrew.crewId.reset();
    EXPECT_EQ(checkTransition(completeOrder(S::Scheduled), S::InProgress, noCrew).error().code, codes::NotAssignedCrew);

    WorkOrder unassigned = completeOrder(S::InProgress);
    unassigned.assignment.crewId.reset();
    EXPECT_EQ(checkTransition(unassigned, S::Completed, actor(Role::FieldCrew)).error().code, codes::NotAssignedCrew);

    Actor nilCrew = actor(Role::FieldCrew, Uuid{});
    unassigned.assignment.crewId = Uuid{};
    EXPECT_EQ(checkTransition(unassigned, S::Completed, nilCrew).error().code, codes::NotAssignedCrew);
}

TEST(WorkOrderStateMachine, OfficeRolesMayHoldWorkInProgressOfAnyCrew)
{
    for (Role role : {Role::Dispatcher, Role::Supervisor})
        EXPECT_TRUE(checkTransition(completeOrder(S::InProgress), S::OnHold, actor(role), "暴雨").ok());
}

TEST(WorkOrderStateMachine, RoleIsCheckedBeforeCrewAndRequirements)
{
    WorkOrder order = completeOrder(S::Completed);
    const Status s = checkTransition(order, S::Verified, actor(Role::FieldCrew, kCrewB));
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, codes::TransitionForbidden);

    // A crew member of another crew hears "not your crew", not "fill in the end time".
    WorkOrder bare = completeOrder(S::InProgress);
    bare.actualEnd.reset();
    EXPECT_EQ(checkTransition(bare, S::Completed, actor(Role::FieldCrew, kCrewB)).error().code, codes::NotAssignedCrew);
}

TEST(WorkOrderStateMachine, SchedulingRequiresCrewAndShiftDate)
{
    WorkOrder order = completeOrder(S::Ready);
    order.assignment = {};
    const Status s = checkTransition(order, S::Scheduled, actor(Role::Dispatcher));
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, codes::ValidationFailed);
    EXPECT_EQ(s.error().fields, (std::vector<FieldError>{{"assignment.crew_id", "required", {}},
                                                        {"assignment.shift_date", "required", {}}}));

    order.assignment.crewId = kCrewA;
    EXPECT_EQ(fieldsOf(checkTransition(order, S::Scheduled, actor(Role::Dispatcher))),
              std::vector<std::string>{"assignment.shift_date"});
}

TEST(WorkOrderStateMachine, StartingRequiresActualStart)
{
    WorkOrder order = completeOrder(S::Scheduled);
    order.actualStart.reset();
    order.actualEnd.reset();
    const Status s = checkTransition(order, S::InProgress, actor(Role::FieldCrew));
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().fields, (std::vector<FieldError>{{"actual_start", "required", {}}}));
}

TEST(WorkOrderStateMachine, CompletingWithoutActualEndIsRefused)
{
    WorkOrder order = completeOrder(S::InProgress);
    order.actualEnd.reset();
    const Status s = checkTransition(order, S::Completed, actor(Role::FieldCrew));
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, codes::ValidationFailed);
    EXPECT_EQ(s.error().fields, (std::vector<FieldError>{{"actual_end", "required", {}}}));
}

TEST(WorkOrderStateMachine, CompletingWithoutAQuantityLineIsRefused)
{
    WorkOrder order = completeOrder(S::InProgress);
    order.quantities.clear();
    const Status s = checkTransition(order, S::Completed, actor(Role::FieldCrew));
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().fields, (std::vector<FieldError>{{"quantities", "required", {}}}));
}

TEST(WorkOrderStateMachine, CompletingReportsEveryMissingRequirementAtOnce)
{
    WorkOrder order = completeOrder(S::InProgress);
    order.quantities.clear();
    order.actualEnd.reset();
    EXPECT_EQ(fieldsOf(checkTransition(order, S::Completed, actor(Role::FieldCrew))),
              (std::vector<std::string>{"actual_end", "quantities"}));
}

TEST(WorkOrderStateMachine, CompletingWithEndBeforeStartIsRefused)
{
    WorkOrder order = completeOrder(S::InProgress);
    order.actualEnd = *order.actualStart - 1min;
    const Status s = checkTransition(order, S::Completed, actor(Role::FieldCrew));
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().fields,
              (std::vector<FieldError>{{"actual_end", "order_invalid", {{"after", "actual_start"}}}}));

    order.actualEnd = order.actualStart; // zero-length work (a quick inspection) is fine
    EXPECT_TRUE(checkTransition(order, S::Completed, actor(Role::FieldCrew)).ok());
}

TEST(WorkOrderStateMachine, ReworkWithoutReasonIsRefused)
{
    const WorkOrder order = completeOrder(S::Completed);
    for (const std::string reason : {"", "   ", "\xE3\x80\x80\t"}) {
        const Status s = checkTransition(order, S::InProgress, actor(Role::Supervisor), reason);
        ASSERT_FALSE(s.ok());
        EXPECT_EQ(s.error().fields, (std::vector<FieldError>{{"reason", "required", {}}}));
    }
    EXPECT_TRUE(checkTransition(order, S::InProgress, actor(Role::Supervisor), "铺装不平，返工").ok());
}

TEST(WorkOrderStateMachine, HoldAndCancelNeedAReasonFromEveryStatus)
{
    for (const auto& [edge, roles] : expectedEdges()) {
        if (edge.second != S::OnHold && edge.second != S::Cancelled && edge != std::pair{S::Completed, S::InProgress})
            continue;
        const Role role = *roles.rbegin(); // supervisor, present on every such edge
        ASSERT_EQ(role, Role::Supervisor);
        const Status s = checkTransition(completeOrder(edge.first), edge.second, actor(role));
        ASSERT_FALSE(s.ok()) << name(edge.first) << " -> " << name(edge.second);
        EXPECT_EQ(fieldsOf(s), std::vector<std::string>{"reason"});
    }
}

TEST(WorkOrderStateMachine, TransitionsWithoutRequirementsIgnoreMissingFields)
{
    WorkOrder bare;
    bare.status = S::Draft;
    EXPECT_TRUE(checkTransition(bare, S::Ready, actor(Role::Dispatcher)).ok());
    bare.status = S::Scheduled;
    EXPECT_TRUE(checkTransition(bare, S::Ready, actor(Role::Dispatcher)).ok());
    bare.status = S::Completed;
    EXPECT_TRUE(checkTransition(bare, S::Verified, actor(Role::Supervisor)).ok());
}

TEST(WorkOrderStateMachine, AllowedTargetsDoesNotCheckRequirements)
{
    // The client enables "start" and then asks for the start time.
    WorkOrder order = completeOrder(S::Scheduled);
    order.actualStart.reset();
    EXPECT_EQ(allowedTargets(order, actor(Role::FieldCrew)), std::vector<S>{S::InProgress});
}

TEST(WorkOrderStateMachine, SameStatusIsNotATransition)
{
    for (S s : kStatuses) {
        const Status r = checkTransition(completeOrder(s), s, actor(Role::Supervisor), "x");
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, codes::TransitionInvalid);
    }
}
