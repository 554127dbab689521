// SPDX-License-Identifier: MIT
#pragma once

#include "store/Sql.h"

#include <string>
#include <utility>
#include <vector>

namespace yanghu::store {

// One page of a keyset-paginated list (see Database.h). `nextCursor` is empty on the last
// page; otherwise pass it back in PageRequest::cursor for the next one.
template <class T>
struct Page {
    std::vector<T> items;
    std::string nextCursor;
};

struct PageRequest {
    std::string cursor;          // opaque, from a previous Page; empty = first page
    int limit = 50;              // <= 0 means the default 50; more than 500 is capped at 500
    bool includeDeleted = false; // tombstones too

    static constexpr int defaultLimit = 50;
    static constexpr int maxLimit = 500;
    int effectiveLimit() const { return limit <= 0 ? defaultLimit : (limit > maxLimit ? maxLimit : limit); }
};

// Extra conditions of a list query, ANDed; each clause uses `?` placeholders whose values
// follow in `params`, in order.
struct Where {
    std::vector<std::string> clauses;
    SqlRow params;

    Where& add(std::string clause, SqlRow values = {})
    {
        clauses.push_back(std::move(clause));
        for (auto& v : values) params.push_back(std::move(v));
        return *this;
    }
};

} // namespace yanghu::store
