// SPDX-License-Identifier: MIT
#include "store/ProgrammeRepository.h"

namespace yanghu::store {

namespace {
Mapping<Programme> programmeMapping()
{
    return {"programme",
            {
                field<Programme>("code", [](auto& p) -> auto& { return p.code; }),
                field<Programme>("name", [](auto& p) -> auto& { return p.name; }),
                field<Programme>("description", [](auto& p) -> auto& { return p.description; }),
                field<Programme>("asset_kind", [](auto& p) -> auto& { return p.assetKind; }),
                field<Programme>("districts", [](auto& p) -> auto& { return p.districts; }),
                field<Programme>("asset_ids", [](auto& p) -> auto& { return p.assetIds; }),
                field<Programme>("start_date", [](auto& p) -> auto& { return p.startDate; }),
                field<Programme>("deadline", [](auto& p) -> auto& { return p.deadline; }),
                field<Programme>("status", [](auto& p) -> auto& { return p.status; }),
            },
            {}};
}
} // namespace

ProgrammeRepository::ProgrammeRepository() : Repository<Programme>(shared(&programmeMapping)) {}

Where ProgrammeRepository::where(const ProgrammeFilter& filter)
{
    Where where;
    if (filter.status) where.add("status = ?", {std::string(enumName(*filter.status))});
    return where;
}

Result<Page<Programme>> ProgrammeRepository::list(Tx& tx, const ProgrammeFilter& filter, const PageRequest& page)
{
    return Repository::list(tx, where(filter), page);
}

} // namespace yanghu::store
