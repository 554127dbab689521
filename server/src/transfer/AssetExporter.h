// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Domain.h"
#include "yanghu/core/Uuid.h"

#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

namespace yanghu::transfer {

// Names the exporter cannot know from an Asset alone.
struct ExportLookups {
    std::unordered_map<Uuid, std::string> streetNames; // written as `street`
};

// Both layouts are what the built-in "generic" mapping reads back: exporting then importing
// gives the same assets (id included; row metadata is the store's and is not exported).
// Columns/properties: id, source_id (the asset's id when it has none), code, kind, status,
// lon, lat (points) or geometry ([[lon,lat],...] for lines, CSV only), condition_grade,
// condition_score, street_id, street, side, chainage_from_m, chainage_to_m, the attribute
// names of every kind (blank when not the asset's kind), extra (a JSON object).

// GeoJSON FeatureCollection: Point for one point, LineString for more, null for none; the
// feature id is the asset id; absent optional fields are omitted; extra is a nested object.
void exportAssetsGeoJson(std::ostream& out, const std::vector<Asset>& assets, const ExportLookups& lookups = {});

// CSV for spreadsheets: UTF-8 with BOM (so Excel shows Chinese), CRLF, RFC 4180 quoting,
// numbers in shortest round-trip form, dates YYYY-MM-DD.
void exportAssetsCsv(std::ostream& out, const std::vector<Asset>& assets, const ExportLookups& lookups = {});

} // namespace yanghu::transfer
