// SPDX-License-Identifier: MIT
#pragma once

#include "store/Filters.h"
#include "store/Repository.h"

#include "yanghu/core/domain/Programme.h"

namespace yanghu::store {

struct ProgrammeFilter {
    std::optional<ProgrammeStatus> status{};
};

class ProgrammeRepository : public Repository<Programme> {
public:
    ProgrammeRepository();
    using Repository<Programme>::list;
    // The list filter as SQL conditions (what list and listVersions take).
    static Where where(const ProgrammeFilter& filter);
    Result<Page<Programme>> list(Tx& tx, const ProgrammeFilter& filter, const PageRequest& page = {});
};

} // namespace yanghu::store
