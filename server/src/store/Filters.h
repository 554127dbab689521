// SPDX-License-Identifier: MIT
#pragma once

#include "store/Page.h"
#include "store/Sql.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

// Small builders shared by the entity repositories' list filters.
namespace yanghu::store {

// A WGS84 box, inclusive on all sides.
struct BoundingBox {
    double minLon = 0;
    double minLat = 0;
    double maxLon = 0;
    double maxLat = 0;
};

namespace filter {

// Rows whose stored point (`lonColumn`, `latColumn`) lies in `box`.
inline void inBox(Where& where, const std::optional<BoundingBox>& box, const char* lonColumn = "lon",
                  const char* latColumn = "lat")
{
    if (!box) return;
    where.add(std::string(lonColumn) + " >= ? AND " + lonColumn + " <= ? AND " + latColumn + " >= ? AND " + latColumn + " <= ?",
              {box->minLon, box->maxLon, box->minLat, box->maxLat});
}

// Case-insensitive (ASCII) substring search over `columns`; `%`/`_` in `text` match literally.
inline void contains(Where& where, std::string_view text, std::initializer_list<const char*> columns)
{
    if (text.empty()) return;
    std::string lowered(text);
    for (char& c : lowered)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const std::string pattern = "%" + sql::likeEscape(lowered) + "%";
    std::string clause;
    SqlRow params;
    for (const char* column : columns) {
        clause += (clause.empty() ? "" : " OR ") + std::string("LOWER(") + column + ") LIKE ? ESCAPE '\\'";
        params.push_back(pattern);
    }
    where.add(clause, params);
}

} // namespace filter
} // namespace yanghu::store
