// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Domain.h"
#include "yanghu/core/Result.h"

#include <span>
#include <string>
#include <vector>

namespace yanghu::rules {

// Who is asking. `crewId` is the crew the user belongs to (field crew only).
struct Actor {
    Uuid userId;
    Role role = Role::FieldCrew;
    std::optional<Uuid> crewId;
};

// What a transition needs on the order (checked after the caller applied its edits).
enum class Requirement {
    Assignment,      // assignment.crew_id and assignment.shift_date set
    ActualStart,     // actual_start set
    ActualEnd,       // actual_end set and not before actual_start
    QuantityLine,    // at least one quantity line
    Reason,          // a non-empty reason (hold, cancel, rework)
};

// One row of the transition table: the single source of truth for the work-order lifecycle,
// enforced by the server and mirrored by the client UI.
struct TransitionRule {
    WorkOrderStatus from;
    WorkOrderStatus to;
    std::vector<Role> roles;
    bool assignedCrewOnly = false; // a field_crew actor must be a member of the assigned crew
    std::vector<Requirement> requires_;
};

std::span<const TransitionRule> transitionTable();

// The rule for from -> to, or nullptr when the table has no such transition.
const TransitionRule* findTransition(WorkOrderStatus from, WorkOrderStatus to);

// The statuses `actor` may move `order` to now (for enabling buttons in the client), in table
// order. Only the role and crew-membership checks apply, not the requirements: the client
// enables "complete" and then asks for the end time and quantities, and checkTransition
// reports whatever is still missing.
std::vector<WorkOrderStatus> allowedTargets(const WorkOrder& order, const Actor& actor);

// Checks that `actor` may move `order` (as it stands, edits applied) to `to`.
// Errors, checked in this order: transition_invalid (no such edge, same status included;
// params from, to), transition_forbidden (role not in the row; params from, to, role),
// not_assigned_crew (a field_crew actor on an assignedCrewOnly row whose crewId is not
// order.assignment.crewId; a missing or nil id on either side never matches),
// validation_failed (every missing requirement at once, FieldError code "required" on
// assignment.crew_id, assignment.shift_date, actual_start, actual_end, quantities or reason;
// "order_invalid" with after=actual_start on actual_end). The Reason requirement reads
// `reason` (blank after trimming counts as missing), not order.holdReason, so a stale reason
// from an earlier hold never satisfies a new one.
Status checkTransition(const WorkOrder& order, WorkOrderStatus to, const Actor& actor, const std::string& reason = {});

} // namespace yanghu::rules
