// SPDX-License-Identifier: MIT
#include "yanghu/core/rules/WorkOrderStateMachine.h"

#include "yanghu/core/EnumNames.h"
#include "yanghu/core/rules/ErrorCodes.h"
#include "rules/Text.h"

#include <algorithm>

namespace yanghu::rules {

namespace {

using S = WorkOrderStatus;
using R = Requirement;

constexpr Role kDispatcher = Role::Dispatcher;
constexpr Role kSupervisor = Role::Supervisor;
constexpr Role kCrew = Role::FieldCrew;

// The lifecycle. Admin appears in no row: administrators manage users and data, not work.
// verified and cancelled have no outgoing rows: they are terminal.
const std::vector<TransitionRule>& table()
{
    static const std::vector<TransitionRule> rules{
        {S::Draft, S::Ready, {kDispatcher, kSupervisor}, false, {}},
        {S::Draft, S::Cancelled, {kDispatcher, kSupervisor}, false, {R::Reason}},

        {S::Ready, S::Scheduled, {kDispatcher, kSupervisor}, false, {R::Assignment}},
        {S::Ready, S::OnHold, {kDispatcher, kSupervisor}, false, {R::Reason}},
        {S::Ready, S::Cancelled, {kDispatcher, kSupervisor}, false, {R::Reason}},

        // Unschedule: the order goes back to the pool the planner draws from.
        {S::Scheduled, S::Ready, {kDispatcher, kSupervisor}, false, {}},
        {S::Scheduled, S::InProgress, {kCrew}, true, {R::ActualStart}},
        {S::Scheduled, S::OnHold, {kDispatcher, kSupervisor}, false, {R::Reason}},
        {S::Scheduled, S::Cancelled, {kDispatcher, kSupervisor}, false, {R::Reason}},

        {S::InProgress, S::Completed, {kCrew}, true, {R::ActualEnd, R::QuantityLine}},
        // A crew that meets a blocked site (parked car, missing material) pauses its own job.
        {S::InProgress, S::OnHold, {kCrew, kDispatcher, kSupervisor}, true, {R::Reason}},

        {S::Completed, S::Verified, {kSupervisor}, false, {}},
        // Send back for rework: the crew's own completion is checked by someone else.
        {S::Completed, S::InProgress, {kSupervisor}, false, {R::Reason}},

        {S::OnHold, S::Ready, {kDispatcher, kSupervisor}, false, {}},
        {S::OnHold, S::Cancelled, {kDispatcher, kSupervisor}, false, {R::Reason}},
    };
    return rules;
}

bool hasRole(const TransitionRule& rule, Role role)
{
    return std::find(rule.roles.begin(), rule.roles.end(), role) != rule.roles.end();
}

bool isSet(const std::optional<Uuid>& id) { return id && !id->isNil(); }

// Role and crew-membership checks only (not the requirements on the order's fields).
Status checkActor(const TransitionRule& rule, const WorkOrder& order, const Actor& actor)
{
    if (!hasRole(rule, actor.role))
        return Error::of(std::string(codes::TransitionForbidden), {{"from", std::string(enumName(rule.from))},
                                                                    {"to", std::string(enumName(rule.to))},
                                                                    {"role", std::string(enumName(actor.role))}});
    if (rule.assignedCrewOnly && actor.role == Role::FieldCrew) {
        // No crew on either side never counts as a match.
        if (!isSet(actor.crewId) || !isSet(order.assignment.crewId) || *actor.crewId != *order.assignment.crewId)
            return Error::of(std::string(codes::NotAssignedCrew));
    }
    return success();
}

void checkRequirement(Requirement requirement, const WorkOrder& order, const std::string& reason,
                      std::vector<FieldError>& errors)
{
    const auto required = [&errors](std::string field) {
        errors.push_back(FieldError{std::move(field), std::string(codes::Required), {}});
    };
    switch (requirement) {
    case Requirement::Assignment:
        if (!isSet(order.assignment.crewId)) required("assignment.crew_id");
        if (!order.assignment.shiftDate) required("assignment.shift_date");
        break;
    case Requirement::ActualStart:
        if (!order.actualStart) required("actual_start");
        break;
    case Requirement::ActualEnd:
        if (!order.actualEnd)
            required("actual_end");
        else if (order.actualStart && *order.actualEnd < *order.actualStart)
            errors.push_back(FieldError{"actual_end", std::string(codes::OrderInvalid), {{"after", "actual_start"}}});
        break;
    case Requirement::QuantityLine:
        if (order.quantities.empty()) required("quantities");
        break;
    case Requirement::Reason:
        if (isBlank(reason)) required("reason");
        break;
    }
}

} // namespace

std::span<const TransitionRule> transitionTable() { return table(); }

const TransitionRule* findTransition(WorkOrderStatus from, WorkOrderStatus to)
{
    for (const auto& rule : table())
        if (rule.from == from && rule.to == to) return &rule;
    return nullptr;
}

std::vector<WorkOrderStatus> allowedTargets(const WorkOrder& order, const Actor& actor)
{
    std::vector<WorkOrderStatus> targets;
    for (const auto& rule : table())
        if (rule.from == order.status && checkActor(rule, order, actor).ok()) targets.push_back(rule.to);
    return targets;
}

Status checkTransition(const WorkOrder& order, WorkOrderStatus to, const Actor& actor, const std::string& reason)
{
    const TransitionRule* rule = findTransition(order.status, to);
    if (!rule)
        return Error::of(std::string(codes::TransitionInvalid),
                         {{"from", std::string(enumName(order.status))}, {"to", std::string(enumName(to))}});
    if (Status s = checkActor(*rule, order, actor); !s.ok()) return s;

    std::vector<FieldError> errors;
    for (Requirement requirement : rule->requires_) checkRequirement(requirement, order, reason, errors);
    if (!errors.empty()) return Error::validation(std::move(errors));
    return success();
}

} // namespace yanghu::rules
