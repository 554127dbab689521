// SPDX-License-Identifier: MIT
#pragma once

#include <nlohmann/json.hpp>

#include <QString>

#include <string>

namespace yanghu::client {

// A string member of a replica row, or "" when it is missing or not a string (rows come from
// the server; a screen shows what it can rather than failing on one odd member).
inline std::string text(const nlohmann::json& row, const char* member)
{
    auto it = row.find(member);
    return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
}

inline QString qtext(const nlohmann::json& row, const char* member)
{
    return QString::fromStdString(text(row, member));
}

} // namespace yanghu::client
