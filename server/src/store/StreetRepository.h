// SPDX-License-Identifier: MIT
#pragma once

#include "store/Filters.h"
#include "store/Repository.h"

#include "yanghu/core/domain/Street.h"

namespace yanghu::store {

struct StreetFilter {
    std::optional<std::string> district{};
    std::string nameContains{};
};

class StreetRepository : public Repository<Street> {
public:
    StreetRepository();
    using Repository<Street>::list;
    // The list filter as SQL conditions (what list and listVersions take).
    static Where where(const StreetFilter& filter);
    Result<Page<Street>> list(Tx& tx, const StreetFilter& filter, const PageRequest& page = {});
};

} // namespace yanghu::store
