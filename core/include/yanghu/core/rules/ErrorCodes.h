// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

// Stable machine codes. They are part of the API contract (problem+json `code`, client
// translations): add new ones, never rename.
namespace yanghu::codes {

// Whole-operation codes (Error::code).
inline constexpr std::string_view ValidationFailed = "validation_failed";
inline constexpr std::string_view NotFound = "not_found";
inline constexpr std::string_view VersionConflict = "version_conflict";     // params: expected, actual
inline constexpr std::string_view Duplicate = "duplicate";                  // params: field, value
inline constexpr std::string_view TransitionForbidden = "transition_forbidden"; // params: from, to, role
inline constexpr std::string_view TransitionInvalid = "transition_invalid";     // params: from, to
inline constexpr std::string_view NotAssignedCrew = "not_assigned_crew";
inline constexpr std::string_view MalformedJson = "malformed_json";         // params: offset
inline constexpr std::string_view SchemaTooNew = "schema_too_new";          // params: database, binary
inline constexpr std::string_view StorageFailed = "storage_failed";         // params: detail
inline constexpr std::string_view PlanStale = "plan_stale"; // params: orders (numbers), count

// Field codes (FieldError::code).
inline constexpr std::string_view Required = "required";
inline constexpr std::string_view WrongType = "wrong_type";            // params: expected
inline constexpr std::string_view InvalidEnum = "invalid_enum";        // params: value
inline constexpr std::string_view InvalidUuid = "invalid_uuid";
inline constexpr std::string_view InvalidTime = "invalid_time";        // RFC 3339 expected
inline constexpr std::string_view InvalidDate = "invalid_date";        // YYYY-MM-DD expected
inline constexpr std::string_view OutOfRange = "out_of_range";         // params: min, max, value
inline constexpr std::string_view TooLong = "too_long";                // params: max
inline constexpr std::string_view Empty = "empty";                     // a string or list that must not be empty
inline constexpr std::string_view InvalidFormat = "invalid_format";    // params: expected
inline constexpr std::string_view Mismatch = "mismatch";               // params: with (e.g. attributes vs kind)
inline constexpr std::string_view OrderInvalid = "order_invalid";      // params: after (e.g. end before start)
inline constexpr std::string_view UnknownField = "unknown_field";      // a member the entity does not have
inline constexpr std::string_view Cycle = "cycle";                     // params: id, chain (a reference leading back to itself)
inline constexpr std::string_view NotAllowed = "not_allowed";          // a field set where the state forbids it

} // namespace yanghu::codes
