// SPDX-License-Identifier: MIT
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace yanghu::wire {

// Compact JSON text of `value`: the document nlohmann's dump() writes (numbers may be spelled
// differently, e.g. 1e+20 for 1e20, and parse back to the same values; floats keep a ".0" so
// they stay floats), several times faster on the text-heavy rows the store and the API write:
// unescaped runs are copied whole and UTF-8 is checked once per string instead of byte by
// byte through a decoder. Non-finite floats are written as null, as dump() does.
// Throws nlohmann::json::type_error (316) for a string that is not well-formed UTF-8, as
// dump() does: such text never reaches a database or a client.
void appendJsonText(std::string& out, const nlohmann::json& value);
std::string toJsonText(const nlohmann::json& value);

} // namespace yanghu::wire
