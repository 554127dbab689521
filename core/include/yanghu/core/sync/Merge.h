// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Domain.h"
#include "yanghu/core/Result.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// Field-level merge of an edit a client made offline into the server's row (DESIGN §5).
// Pure functions over wire JSON: the server runs them inside the push transaction; clients
// may run them to predict the outcome. The server is authoritative, so every replica ends up
// with the server's result: "the same winner on every replica" holds because one place
// decides, and the decision never reads a client's clock.
namespace yanghu::sync {

// Which side of the organisation a role edits for: field crews, or the office (dispatcher,
// supervisor, admin).
enum class Side { Office, Crew };
Side sideOf(Role role);
std::string_view sideName(Side side);

// How one member of a synced row merges.
enum class MergeKind {
    Owned,      // one side owns the value: a concurrent edit by the other side loses
    AppendOnly, // child rows (objects with an "id", or plain values such as photo hashes):
                // union; a row already on the server is never changed or removed
    Status,     // work-order status: owned per value, moved through the state machine
    ServerOnly, // set by the server alone (id, versions, numbers, who verified)
};

struct FieldRule {
    std::string_view field;
    MergeKind kind;
    Side owner = Side::Office; // Owned only; the crew may not write office-owned members
};

// The rules of a synced entity by its table name ("work_order", "defect_report"), besides
// the members every row has (id, row_version, deleted, created_at, updated_at: server-only,
// as findRule says); empty for an entity clients do not push. Members without a rule are
// refused (unknown_field).
std::span<const FieldRule> fieldRules(std::string_view entity);
const FieldRule* findRule(std::string_view entity, std::string_view field);

// The side that owns a work-order status value: in_progress and completed record what a crew
// did on site; every other status is an office decision.
Side statusOwner(WorkOrderStatus status);

// The shortest chain of transitions `role` may make from `from` to `to` (the statuses after
// `from`, ending with `to`), by the transition table; nullopt when there is none. An offline
// crew may start and complete an order before it syncs: one edit, two transitions.
std::optional<std::vector<WorkOrderStatus>> transitionPath(WorkOrderStatus from, WorkOrderStatus to, Role role);

// The server's record of one member: the row version that last changed it and which side
// made that change (version 0: never changed since the row was created).
struct FieldHistory {
    std::int64_t changedAt = 0;
    Side changedBy = Side::Office;
};

// One edit pushed by a client: the members it changed, with their new values, made on top
// of the row at `baseVersion`. `baseValues` (optional) holds the same members as the client
// saw them, kept in conflict records for the person who resolves them.
struct Edit {
    std::string entity;
    Role role = Role::FieldCrew;
    std::int64_t baseVersion = 0;
    nlohmann::json fields = nlohmann::json::object();
    nlohmann::json baseValues = nlohmann::json::object();
};

// The row as the server holds it now (wire JSON, deleted flag included) and each member's
// history.
struct ServerRow {
    nlohmann::json row;
    std::function<FieldHistory(std::string_view field)> history;
};

// A concurrent edit of the same member that one side lost, for a person to see.
struct Conflict {
    std::string field;
    nlohmann::json baseValue;   // as the client saw it (null when the client did not say)
    nlohmann::json serverValue; // the server's value when the edit arrived
    nlohmann::json clientValue; // what the client wrote
    std::string rule;           // see Rules below
    bool clientWon = false;
};

// Conflict rule names.
namespace rule {
inline constexpr std::string_view OwnerWins = "owner_wins";                 // the owning side's value stands
inline constexpr std::string_view FirstArrivalWins = "first_arrival_wins"; // same side (or neither owns): the server's stands
inline constexpr std::string_view NoTransition = "no_transition";           // the owner's status cannot follow the server's
inline constexpr std::string_view LinesAreAppendOnly = "lines_are_append_only"; // an existing line was edited
inline constexpr std::string_view EditOfDeletedRow = "edit_of_deleted_row";  // kept on the tombstone
} // namespace rule

struct Merged {
    nlohmann::json changes = nlohmann::json::object(); // members to write, each its merged value
    std::vector<Conflict> conflicts;
    // The statuses to pass through, in order, when `changes` has "status" (checked by the
    // caller with rules::checkTransition on the merged row, one step at a time).
    std::vector<WorkOrderStatus> statusPath;
    // Why the client's status could not be taken when no transition chain leads there for its
    // role (transition_forbidden or transition_invalid); the rest of the edit merged anyway
    // and a no_transition conflict records the status. Reported to the client per operation.
    std::optional<Error> refusedStatus;
};

// Merges `edit` into `server`:
//  - Owned members: a member the server has not changed since the base version takes the
//    client's value. Changed concurrently to a different value: the owning side's edit
//    wins over the other side's (rule owner_wins); between edits of the same side, or of the
//    side that owns neither, the value already on the server stands (first_arrival_wins).
//    Either way a conflict is recorded.
//  - AppendOnly members: rows the server lacks are appended in the client's order; rows the
//    server has are kept as they are (an edit of one is a conflict, never applied); rows the
//    client lacks are kept.
//  - status: not changed concurrently: the client's value, reached along transitionPath for
//    its role; when there is none, the status stays, `refusedStatus` says why
//    (transition_forbidden/transition_invalid) and a no_transition conflict keeps the client's
//    value, while the edit's other members still merge. Changed
//    concurrently to a different value: the client's value follows the server's when the
//    client's side owns it (statusOwner) and a path exists from the server's value for its
//    role (owner_wins; no_transition when none); a value the client's side does not own loses
//    to one its owner set (owner_wins) or else to the one already there (first_arrival_wins).
//    A conflict is recorded either way.
//  - A deleted server row still takes the edit (nothing a crew typed is dropped); one
//    conflict edit_of_deleted_row tells the office.
// Errors (nothing merged): validation_failed listing members that are unknown
// (unknown_field), server-only or, for the crew, office-owned (not_allowed), or malformed
// (wrong_type: an append-only member that is not an array, a child row without an id).
Result<Merged> mergeEdit(const Edit& edit, const ServerRow& server);

} // namespace yanghu::sync
