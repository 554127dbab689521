// SPDX-License-Identifier: MIT
#pragma once

#include "store/Filters.h"
#include "store/Repository.h"

#include "yanghu/core/domain/Asset.h"

#include <cstddef>

namespace yanghu::store {

struct AssetFilter {
    std::optional<AssetKind> kind{};
    std::optional<Uuid> streetId{};
    std::optional<std::string> district{}; // the asset's street's district
    std::optional<AssetStatus> status{};
    std::optional<BoundingBox> bbox{};     // on the stored representative point
    std::string text{};                    // case-insensitive in code, source_id and extra
};

struct UpsertCounts {
    std::size_t inserted = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    bool operator==(const UpsertCounts&) const = default;
};

// Assets. Besides the mapped fields each row stores a representative point (lon, lat: the
// mean of the geometry's points) so that bounding-box filters are plain index range scans;
// attributes and extra are JSON text (attributes through wire::attributesToJson).
class AssetRepository : public Repository<Asset> {
public:
    AssetRepository();
    using Repository<Asset>::list;
    // The list filter as SQL conditions (what list and listVersions take).
    static Where where(const AssetFilter& filter);
    Result<Page<Asset>> list(Tx& tx, const AssetFilter& filter, const PageRequest& page = {});

    // Import path: assets whose (kind, source_id) is already stored update that row and take
    // its id (a nil or different incoming id is replaced); the others are inserted (empty
    // source ids always insert). Rows whose content is identical are left alone (no version,
    // no change_log). Ids and meta are written back into `assets`. Prepared once, bound many.
    Result<UpsertCounts> upsertBySourceId(Tx& tx, std::vector<Asset>& assets);
};

} // namespace yanghu::store
