// SPDX-License-Identifier: MIT
#include "store/CrewShiftRepository.h"

namespace yanghu::store {

namespace {
Mapping<CrewShift> crewShiftMapping()
{
    return {"crew_shift",
            {
                field<CrewShift>("crew_id", [](auto& s) -> auto& { return s.crewId; }),
                field<CrewShift>("shift_date", [](auto& s) -> auto& { return s.date; }),
                field<CrewShift>("kind", [](auto& s) -> auto& { return s.kind; }),
            },
            {}};
}
} // namespace

CrewShiftRepository::CrewShiftRepository() : Repository<CrewShift>(shared(&crewShiftMapping)) {}

Where CrewShiftRepository::where(const CrewShiftFilter& filter)
{
    Where where;
    if (filter.crewId) where.add("crew_id = ?", {filter.crewId->toString()});
    if (filter.dateFrom) where.add("shift_date >= ?", {formatDate(*filter.dateFrom)});
    if (filter.dateTo) where.add("shift_date <= ?", {formatDate(*filter.dateTo)});
    if (filter.kind) where.add("kind = ?", {std::string(enumName(*filter.kind))});
    return where;
}

Result<Page<CrewShift>> CrewShiftRepository::list(Tx& tx, const CrewShiftFilter& filter, const PageRequest& page)
{
    return Repository::list(tx, where(filter), page);
}

} // namespace yanghu::store
