// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Domain.h"
#include "yanghu/core/Result.h"

#include <nlohmann/json.hpp>

#include <string_view>

// The JSON wire contract for every entity (DESIGN §6): snake_case keys, RFC 3339 UTC instants,
// "YYYY-MM-DD" dates, UUID strings, enums by their EnumNames. Absent optional fields are
// omitted on encode and accepted as null or absent on decode.
namespace yanghu::wire {

using Json = nlohmann::json;

Json toJson(const GeoPoint&);
Json toJson(const RowMeta&);
Json toJson(const Street&);
Json toJson(const Asset&);
Json toJson(const DefectReport&);
Json toJson(const WorkOrder&);
Json toJson(const Crew&);
Json toJson(const ShiftCalendar&);
Json toJson(const CrewShift&);
Json toJson(const Programme&);
Json toJson(const User&); // never includes password_hash

// What a decoder does with members its field list does not know. Readers of the other end's
// output ignore them (a newer peer may add fields); writes from clients refuse them, so a
// misspelt field is an error instead of a silently dropped value.
enum class UnknownFields { Ignore, Refuse };

// Decoding reports every problem as a FieldError whose field is the JSON path
// ("assignment.crew_id", "labour[2].hours") with codes from ErrorCodes.h (unknown members:
// unknown_field); Error::code is validation_failed. Decoding checks shape and types only;
// rules::validate* checks meaning. Free-form objects (an asset's `extra`) are taken verbatim.
template <class T>
Result<T> fromJson(const Json& json, UnknownFields unknown = UnknownFields::Ignore);

template <> Result<GeoPoint> fromJson<GeoPoint>(const Json&, UnknownFields);
template <> Result<Street> fromJson<Street>(const Json&, UnknownFields);
template <> Result<Asset> fromJson<Asset>(const Json&, UnknownFields);
template <> Result<DefectReport> fromJson<DefectReport>(const Json&, UnknownFields);
template <> Result<WorkOrder> fromJson<WorkOrder>(const Json&, UnknownFields);
template <> Result<Crew> fromJson<Crew>(const Json&, UnknownFields);
template <> Result<ShiftCalendar> fromJson<ShiftCalendar>(const Json&, UnknownFields);
template <> Result<CrewShift> fromJson<CrewShift>(const Json&, UnknownFields);
template <> Result<Programme> fromJson<Programme>(const Json&, UnknownFields);
template <> Result<User> fromJson<User>(const Json&, UnknownFields);

// Kind-specific attributes alone (the store keeps them as a JSON column).
Json attributesToJson(const AssetAttributes& attributes);
Result<AssetAttributes> attributesFromJson(AssetKind kind, const Json& json);

// Parses text; malformed input gives Error{malformed_json, params: offset, detail}.
Result<Json> parse(std::string_view text);

} // namespace yanghu::wire
