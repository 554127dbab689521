// SPDX-License-Identifier: MIT
#pragma once

#include "store/Filters.h"
#include "store/Repository.h"

#include "yanghu/core/domain/Crew.h"

namespace yanghu::store {

struct CrewFilter {
    std::optional<std::string> district{};
};

class CrewRepository : public Repository<Crew> {
public:
    CrewRepository();
    using Repository<Crew>::list;
    // The list filter as SQL conditions (what list and listVersions take).
    static Where where(const CrewFilter& filter);
    Result<Page<Crew>> list(Tx& tx, const CrewFilter& filter, const PageRequest& page = {});
};

} // namespace yanghu::store
