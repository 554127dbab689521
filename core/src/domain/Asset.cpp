// SPDX-License-Identifier: MIT
#include "yanghu/core/domain/Asset.h"
#include "yanghu/core/domain/DefectReport.h"

namespace yanghu {

AssetAttributes defaultAttributes(AssetKind kind)
{
    switch (kind) {
    case AssetKind::SidewalkSegment: return SidewalkAttributes{};
    case AssetKind::StormInlet: return StormInletAttributes{};
    case AssetKind::Manhole: return ManholeAttributes{};
    case AssetKind::PipeSegment: return PipeAttributes{};
    case AssetKind::Bridge: return BridgeAttributes{};
    }
    return StormInletAttributes{};
}

AssetKind attributesKind(const AssetAttributes& attributes)
{
    // The variant's alternatives are declared in AssetKind order.
    return static_cast<AssetKind>(attributes.index());
}

std::optional<AssetKind> categoryKind(DefectCategory category)
{
    switch (category) {
    case DefectCategory::BrokenPavers:
    case DefectCategory::RaisedTreePitStone:
    case DefectCategory::TripHazard: return AssetKind::SidewalkSegment;
    case DefectCategory::CloggedInlet:
    case DefectCategory::DamagedGrate: return AssetKind::StormInlet;
    case DefectCategory::CoverRattling:
    case DefectCategory::CoverSunken:
    case DefectCategory::CoverMissing: return AssetKind::Manhole;
    case DefectCategory::PipeBlockage: return AssetKind::PipeSegment;
    case DefectCategory::BridgeJointDamage:
    case DefectCategory::BridgeRailingDamage:
    case DefectCategory::BridgeDeckDamage: return AssetKind::Bridge;
    case DefectCategory::Other: return std::nullopt;
    }
    return std::nullopt;
}

} // namespace yanghu
