// SPDX-License-Identifier: MIT
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

// How the replica shows an edit before the server has merged it: the same per-member kinds
// as core's merge (yanghu/core/sync/Merge.h), without the conflict rules (those need the
// server's history; the server's answer arrives with the next pull).
namespace yanghu::client {

using Json = nlohmann::json;

// `fields` written into `row`: append-only members (notes, lines, photos) gain the items the
// row lacks (by "id", or by value for photo hashes), every other member takes the value.
void applyFields(std::string_view entity, Json& row, const Json& fields);

// The members of `fields` that `row` does not show: owned members and status with another
// value, append-only members with just the items the row lacks. Empty when `row` already
// holds the whole edit.
Json unseenMembers(std::string_view entity, const Json& row, const Json& fields);

} // namespace yanghu::client
