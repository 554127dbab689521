// SPDX-License-Identifier: MIT
#pragma once

#include "transfer/ImportMapping.h"

#include "yanghu/core/Domain.h"
#include "yanghu/core/Uuid.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yanghu::transfer {

// One rejected row or feature, or the reason a whole file was refused.
// `lineOrFeature`: the 1-based physical line where a CSV record starts, or the 1-based index
// of a GeoJSON feature in `features`; 0 for the file as a whole. `field` is the asset field
// (wire name, e.g. "geometry[0].lat", "source_id") or "" for the row as a whole; `code` comes
// from ErrorCodes.h; `params` carries e.g. column, value, first_line.
struct ImportIssue {
    int lineOrFeature = 0;
    std::string field;
    std::string code;
    std::map<std::string, std::string> params;
    bool operator==(const ImportIssue&) const = default;
};

struct ImportOptions {
    explicit ImportOptions(UuidGenerator& generator) : ids(generator) {}

    UuidGenerator& ids;                  // ids for new assets (rows without a valid `id`)
    std::optional<AssetKind> kind;       // --kind: restricts built-in detection and fixes the kind
    nlohmann::json mapping = nullptr;    // --map file contents; null = detect a built-in
    std::string mappingName;             // or a built-in by name (ImportMapping::builtinNames())
    std::map<std::string, Uuid> streetIdsByName; // resolves a `street` column when no street_id
};

// Invariant: read == accepted + rejected == number of records (CSV, header excluded) or
// features (GeoJSON) seen; every rejected one has at least one issue with its line/feature.
struct ImportResult {
    std::vector<Asset> assets; // accepted, in file order; feed to AssetRepository::upsertBySourceId
    std::vector<ImportIssue> issues;
    std::size_t read = 0;
    std::size_t accepted = 0;
    std::size_t rejected = 0;
    std::string mappingName; // the mapping used
    // Set when the file as a whole was refused (not CSV/JSON, unterminated quote, unknown
    // mapping or kind, ...). Then `assets` is empty and accepted == 0: a syntactically broken
    // file is never half-imported.
    std::optional<ImportIssue> fileError;
};

// Reads assets from CSV (RFC 4180, UTF-8, BOM optional) or a GeoJSON FeatureCollection.
// Each asset is checked with rules::validateAsset plus import checks (numbers parse, required
// source_id and coordinates, value maps). Duplicated source ids: the first accepted occurrence
// wins; each later row is rejected with code `duplicate`, params value and first_line (in this
// data duplicates are often different structures metres apart, so neither may silently
// replace the other: a person fixes the source).
ImportResult importAssets(std::istream& data, ImportFormat format, const ImportOptions& options);
ImportResult importAssets(std::string_view data, ImportFormat format, const ImportOptions& options);

} // namespace yanghu::transfer
