// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/EnumNames.h"
#include "yanghu/core/domain/Common.h"

#include <nlohmann/json.hpp>

#include <variant>

namespace yanghu {

enum class AssetKind { SidewalkSegment, StormInlet, Manhole, PipeSegment, Bridge };
YANGHU_ENUM_NAMES(AssetKind, {AssetKind::SidewalkSegment, "sidewalk_segment"}, {AssetKind::StormInlet, "storm_inlet"},
                  {AssetKind::Manhole, "manhole"}, {AssetKind::PipeSegment, "pipe_segment"}, {AssetKind::Bridge, "bridge"});

enum class StreetSide { None, Left, Right };
YANGHU_ENUM_NAMES(StreetSide, {StreetSide::None, "none"}, {StreetSide::Left, "left"}, {StreetSide::Right, "right"});

enum class AssetStatus { InService, OutOfService, Removed };
YANGHU_ENUM_NAMES(AssetStatus, {AssetStatus::InService, "in_service"}, {AssetStatus::OutOfService, "out_of_service"},
                  {AssetStatus::Removed, "removed"});

// Kind-specific attributes. Every field is optional: real inventories are sparse.
struct SidewalkAttributes {
    std::optional<std::string> pavingType; // e.g. "granite_paver", "concrete", "brick"
    std::optional<double> widthM;
    std::optional<double> areaM2;
    bool operator==(const SidewalkAttributes&) const = default;
};
struct StormInletAttributes {
    std::optional<std::string> grateType;
    std::optional<Date> lastCleaned; // nullopt = unknown (sentinel dates in imports become this)
    bool operator==(const StormInletAttributes&) const = default;
};
struct ManholeAttributes {
    std::optional<std::string> coverMaterial;
    std::optional<double> diameterMm;
    std::optional<std::string> loadClass; // EN 124 class, e.g. "D400"
    bool operator==(const ManholeAttributes&) const = default;
};
struct PipeAttributes {
    std::optional<double> diameterMm;
    std::optional<double> lengthM;
    std::optional<std::string> material;
    bool operator==(const PipeAttributes&) const = default;
};
struct BridgeAttributes {
    std::optional<double> spanM;
    std::optional<double> deckAreaM2;
    std::optional<int> rating; // 0-9, NBI style
    bool operator==(const BridgeAttributes&) const = default;
};

// Invariant (checked by validateAsset): the alternative held matches `kind`.
using AssetAttributes =
    std::variant<SidewalkAttributes, StormInletAttributes, ManholeAttributes, PipeAttributes, BridgeAttributes>;

AssetAttributes defaultAttributes(AssetKind kind);
AssetKind attributesKind(const AssetAttributes& attributes);

struct Asset {
    Uuid id;
    AssetKind kind = AssetKind::StormInlet;
    std::string code; // people-facing, e.g. "YS-00412"
    std::optional<Uuid> streetId;
    StreetSide side = StreetSide::None;
    std::optional<double> chainageFromM;
    std::optional<double> chainageToM;
    // One point for point assets, a polyline for linear ones (sidewalk segments, pipes).
    std::vector<GeoPoint> geometry;
    std::optional<int> conditionGrade; // 1 (very good) .. 5 (very poor)
    std::optional<double> conditionScore; // optional standard score, 0..100
    AssetStatus status = AssetStatus::InService;
    AssetAttributes attributes = StormInletAttributes{};
    // Columns of an imported source that have no field here, kept verbatim.
    nlohmann::json extra = nlohmann::json::object();
    // Identifier in the source inventory (e.g. Cambridge FACILITYID); re-imports update by it.
    std::string sourceId;
    RowMeta meta;
    bool operator==(const Asset&) const = default;
};

} // namespace yanghu
