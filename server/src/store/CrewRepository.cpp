// SPDX-License-Identifier: MIT
#include "store/CrewRepository.h"

namespace yanghu::store {

namespace {
Mapping<Crew> crewMapping()
{
    std::vector<Column<Crew>> columns{
        field<Crew>("code", [](auto& c) -> auto& { return c.code; }),
        field<Crew>("name", [](auto& c) -> auto& { return c.name; }),
        field<Crew>("district", [](auto& c) -> auto& { return c.district; }),
        field<Crew>("skills", [](auto& c) -> auto& { return c.skills; }),
        field<Crew>("equipment", [](auto& c) -> auto& { return c.equipment; }),
        field<Crew>("size", [](auto& c) -> auto& { return c.size; }),
        field<Crew>("depot_name", [](auto& c) -> auto& { return c.depotName; }),
    };
    for (auto& c : optionalPoint<Crew>("depot_lon", "depot_lat", "depot", [](auto& c) -> auto& { return c.depot; }))
        columns.push_back(std::move(c));
    columns.push_back(field<Crew>("active", [](auto& c) -> auto& { return c.active; }));
    return {"crew", std::move(columns), {}};
}
} // namespace

CrewRepository::CrewRepository() : Repository<Crew>(shared(&crewMapping)) {}

Where CrewRepository::where(const CrewFilter& filter)
{
    Where where;
    if (filter.district) where.add("district = ?", {*filter.district});
    return where;
}

Result<Page<Crew>> CrewRepository::list(Tx& tx, const CrewFilter& filter, const PageRequest& page)
{
    return Repository::list(tx, where(filter), page);
}

} // namespace yanghu::store
