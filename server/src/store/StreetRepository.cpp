// SPDX-License-Identifier: MIT
#include "store/StreetRepository.h"

namespace yanghu::store {

namespace {
Mapping<Street> streetMapping()
{
    return {"street",
            {
                field<Street>("name", [](auto& s) -> auto& { return s.name; }),
                field<Street>("district", [](auto& s) -> auto& { return s.district; }),
                field<Street>("centreline", [](auto& s) -> auto& { return s.centreline; }),
                field<Street>("length_m", [](auto& s) -> auto& { return s.lengthM; }),
            },
            {}};
}
} // namespace

StreetRepository::StreetRepository() : Repository<Street>(shared(&streetMapping)) {}

Where StreetRepository::where(const StreetFilter& filter)
{
    Where where;
    if (filter.district) where.add("district = ?", {*filter.district});
    filter::contains(where, filter.nameContains, {"name"});
    return where;
}

Result<Page<Street>> StreetRepository::list(Tx& tx, const StreetFilter& filter, const PageRequest& page)
{
    return Repository::list(tx, where(filter), page);
}

} // namespace yanghu::store
