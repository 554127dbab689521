// SPDX-License-Identifier: MIT
#pragma once

#include "store/Filters.h"
#include "store/Repository.h"

#include "yanghu/core/domain/ShiftCalendar.h"

namespace yanghu::store {

struct CrewShiftFilter {
    std::optional<Uuid> crewId{};
    std::optional<Date> dateFrom{}; // inclusive
    std::optional<Date> dateTo{};   // inclusive
    std::optional<ShiftKind> kind{};
};

class CrewShiftRepository : public Repository<CrewShift> {
public:
    CrewShiftRepository();
    using Repository<CrewShift>::list;
    // The list filter as SQL conditions (what list and listVersions take).
    static Where where(const CrewShiftFilter& filter);
    Result<Page<CrewShift>> list(Tx& tx, const CrewShiftFilter& filter, const PageRequest& page = {});
};

} // namespace yanghu::store
