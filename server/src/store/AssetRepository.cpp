// SPDX-License-Identifier: MIT
#include "store/AssetRepository.h"

#include "yanghu/core/wire/Codec.h"
#include "yanghu/core/wire/JsonText.h"

#include <map>

namespace yanghu::store {

namespace {

std::optional<GeoPoint> representativePoint(const std::vector<GeoPoint>& geometry)
{
    if (geometry.empty()) return std::nullopt;
    GeoPoint sum;
    for (const auto& p : geometry) {
        sum.lon += p.lon;
        sum.lat += p.lat;
    }
    const auto n = static_cast<double>(geometry.size());
    return GeoPoint{sum.lon / n, sum.lat / n};
}

Column<Asset> derivedCoordinate(const char* name, double GeoPoint::*member)
{
    return Column<Asset>{name, SqlType::Real,
                         [member](const Asset& a) -> SqlValue {
                             auto p = representativePoint(a.geometry);
                             return p ? SqlValue{(*p).*member} : SqlValue{};
                         },
                         {}, {}};
}

Mapping<Asset> assetMapping()
{
    return {"asset",
            {
                // kind precedes attributes: decoding attributes needs the kind.
                field<Asset>("kind", [](auto& a) -> auto& { return a.kind; }),
                field<Asset>("code", [](auto& a) -> auto& { return a.code; }),
                field<Asset>("street_id", [](auto& a) -> auto& { return a.streetId; }),
                field<Asset>("side", [](auto& a) -> auto& { return a.side; }),
                field<Asset>("chainage_from_m", [](auto& a) -> auto& { return a.chainageFromM; }),
                field<Asset>("chainage_to_m", [](auto& a) -> auto& { return a.chainageToM; }),
                field<Asset>("geometry", [](auto& a) -> auto& { return a.geometry; }),
                derivedCoordinate("lon", &GeoPoint::lon),
                derivedCoordinate("lat", &GeoPoint::lat),
                field<Asset>("condition_grade", [](auto& a) -> auto& { return a.conditionGrade; }),
                field<Asset>("condition_score", [](auto& a) -> auto& { return a.conditionScore; }),
                field<Asset>("status", [](auto& a) -> auto& { return a.status; }),
                Column<Asset>{"attributes", SqlType::Text,
                              [](const Asset& a) -> SqlValue { return wire::toJsonText(wire::attributesToJson(a.attributes)); },
                              [](Asset& a, const SqlValue& v) {
                                  auto attributes = wire::attributesFromJson(a.kind, json::parse(v));
                                  if (!attributes) corrupt("asset attributes");
                                  a.attributes = std::move(attributes).value();
                              },
                              {}},
                field<Asset>("extra", [](auto& a) -> auto& { return a.extra; }),
                field<Asset>("source_id", [](auto& a) -> auto& { return a.sourceId; }),
            },
            {}};
}

} // namespace

AssetRepository::AssetRepository() : Repository<Asset>(shared(&assetMapping)) {}

Where AssetRepository::where(const AssetFilter& filter)
{
    Where where;
    if (filter.kind) where.add("kind = ?", {std::string(enumName(*filter.kind))});
    if (filter.streetId) where.add("street_id = ?", {filter.streetId->toString()});
    if (filter.district)
        where.add("street_id IN (SELECT id FROM street WHERE district = ? AND deleted = 0)", {*filter.district});
    if (filter.status) where.add("status = ?", {std::string(enumName(*filter.status))});
    filter::inBox(where, filter.bbox);
    filter::contains(where, filter.text, {"code", "source_id", "extra"});
    return where;
}

Result<Page<Asset>> AssetRepository::list(Tx& tx, const AssetFilter& filter, const PageRequest& page)
{
    return Repository::list(tx, where(filter), page);
}

Result<UpsertCounts> AssetRepository::upsertBySourceId(Tx& tx, std::vector<Asset>& assets)
{
    // Existing rows by (kind, source_id), read in chunks (bounded parameter lists).
    std::map<AssetKind, std::vector<std::string>> sourceIds;
    for (const auto& a : assets)
        if (!a.sourceId.empty()) sourceIds[a.kind].push_back(a.sourceId);
    std::map<std::pair<AssetKind, std::string>, Loaded> existing;
    constexpr std::size_t chunk = 500;
    for (const auto& [kind, ids] : sourceIds) {
        for (std::size_t start = 0; start < ids.size(); start += chunk) {
            const std::size_t n = std::min(chunk, ids.size() - start);
            SqlRow params{std::string(enumName(kind))};
            for (std::size_t i = 0; i < n; ++i) params.push_back(ids[start + i]);
            for (auto& row : selectLoaded(tx, "kind = ? AND source_id IN (" + sql::placeholders(n) + ")", params)) {
                auto key = std::make_pair(row.entity.kind, row.entity.sourceId);
                existing.emplace(std::move(key), std::move(row));
            }
        }
    }

    std::vector<PendingUpdate> updates;
    std::vector<std::size_t> fresh; // indexes into `assets`
    for (std::size_t i = 0; i < assets.size(); ++i) {
        auto& a = assets[i];
        auto found = a.sourceId.empty() ? existing.end() : existing.find({a.kind, a.sourceId});
        if (found == existing.end()) {
            fresh.push_back(i);
        } else {
            a.id = found->second.entity.id;
            updates.push_back(PendingUpdate{&found->second, &a});
        }
    }

    UpsertCounts counts;
    auto changed = applyUpdates(tx, updates, false);
    if (!changed) return changed.error();
    counts.updated = *changed;
    counts.unchanged = updates.size() - *changed;

    std::vector<Asset*> inserts;
    inserts.reserve(fresh.size());
    for (auto i : fresh) inserts.push_back(&assets[i]);
    try {
        insertAll(tx, inserts);
    } catch (const Poco::Exception& e) {
        if (auto error = uniqueViolation(e)) return *error;
        throw;
    }
    counts.inserted = fresh.size();
    return counts;
}

} // namespace yanghu::store
