// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Domain.h"
#include "yanghu/core/Result.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace yanghu::transfer {

enum class ImportFormat { Csv, GeoJson };

// How one asset field is read from a source row (a CSV column or a GeoJSON property).
// Order of treatment: first non-blank column -> strip characters -> "unknown" sentinel ->
// value map -> type conversion (date_format, number) -> scale -> prefix.
struct FieldSpec {
    // Candidate source columns, first non-blank wins. "$id" is a GeoJSON feature's `id`.
    std::vector<std::string> columns;
    std::map<std::string, nlohmann::json> values; // source text -> target value; empty = as is
    std::vector<nlohmann::json> unknown;           // sentinels meaning "unknown" (string or number)
    std::string dateFormat = "YYYY-MM-DD";         // "M/D/Y" (2- or 4-digit year), "YYYYMMDD", "YYYY-MM-DD"
    std::optional<double> scale;                   // multiply numbers (e.g. feet -> metres)
    std::string strip;                             // characters removed from both ends
    std::string prefix;                            // prepended to strings (codes)
};

// A mapping file (`yanghu-admin import --map mapping.json`): which source columns give which
// asset fields. Field targets are the asset's wire names: id, source_id, code, kind, status,
// lon, lat, geometry, condition_grade, condition_score, street_id, street (a name), side,
// chainage_from_m, chainage_to_m and the attribute names (paving_type, width_m, area_m2,
// grate_type, last_cleaned, cover_material, diameter_mm, load_class, length_m, material,
// span_m, deck_area_m2, rating). Every source column no field reads goes to `extra` verbatim
// unless blank or one of its `extra` sentinels.
struct ImportMapping {
    std::string name;
    std::optional<ImportFormat> format;       // nullopt = CSV and GeoJSON
    std::optional<AssetKind> kind;            // fixed kind; else the `kind` field or --kind
    std::vector<std::string> detect;          // all present in a header => this mapping applies
    std::vector<std::string> blankValues;     // cell texts that mean blank ("" always does)
    int twoDigitYearPivot = 30;               // yy < pivot -> 20yy, else 19yy
    std::string codePrefix;                   // without a code field: code = prefix + source_id
    std::map<std::string, FieldSpec> fields;  // by target name
    std::map<std::string, std::vector<nlohmann::json>> extraUnknown; // column -> sentinels
    std::string extraJsonColumn;              // a column holding a JSON object merged into extra

    // Source columns that some field reads (they never go to extra).
    std::set<std::string> mappedColumns() const;
    bool matches(const std::set<std::string>& columns) const;

    // Errors: validation_failed with one FieldError per problem, fields as JSON paths
    // ("fields.width_m.scale"), codes required / wrong_type / invalid_enum.
    static Result<ImportMapping> fromJson(const nlohmann::json& json);

    // Built-ins compiled from server/src/transfer/mappings/*.json:
    // "cambridge_catch_basins", "cambridge_pedestrian_ramps", "generic".
    static std::vector<std::string> builtinNames();
    static Result<ImportMapping> builtin(std::string_view name); // not_found for other names
};

// The field targets a mapping may name, and the kind an attribute target belongs to
// (nullopt for the common fields).
bool isKnownTarget(std::string_view target);
std::optional<AssetKind> attributeKind(std::string_view target);

} // namespace yanghu::transfer
