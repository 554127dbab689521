// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/EnumNames.h"
#include "yanghu/core/domain/Asset.h"

namespace yanghu {

enum class DefectCategory {
    BrokenPavers, RaisedTreePitStone, TripHazard,          // sidewalk
    CloggedInlet, DamagedGrate,                             // storm inlet
    CoverRattling, CoverSunken, CoverMissing,               // manhole (异响, 沉陷, 缺失)
    PipeBlockage,                                           // pipe
    BridgeJointDamage, BridgeRailingDamage, BridgeDeckDamage, // bridge
    Other,
};
YANGHU_ENUM_NAMES(DefectCategory, {DefectCategory::BrokenPavers, "broken_pavers"},
                  {DefectCategory::RaisedTreePitStone, "raised_tree_pit_stone"}, {DefectCategory::TripHazard, "trip_hazard"},
                  {DefectCategory::CloggedInlet, "clogged_inlet"}, {DefectCategory::DamagedGrate, "damaged_grate"},
                  {DefectCategory::CoverRattling, "cover_rattling"}, {DefectCategory::CoverSunken, "cover_sunken"},
                  {DefectCategory::CoverMissing, "cover_missing"}, {DefectCategory::PipeBlockage, "pipe_blockage"},
                  {DefectCategory::BridgeJointDamage, "bridge_joint_damage"},
                  {DefectCategory::BridgeRailingDamage, "bridge_railing_damage"},
                  {DefectCategory::BridgeDeckDamage, "bridge_deck_damage"}, {DefectCategory::Other, "other"});

// The asset kind a category belongs to; nullopt for Other.
std::optional<AssetKind> categoryKind(DefectCategory category);

enum class DefectSource { Crew, Dispatcher, Citizen, Inspection };
YANGHU_ENUM_NAMES(DefectSource, {DefectSource::Crew, "crew"}, {DefectSource::Dispatcher, "dispatcher"},
                  {DefectSource::Citizen, "citizen"}, {DefectSource::Inspection, "inspection"});

enum class DefectStatus { New, Triaged, Converted, Duplicate, Rejected };
YANGHU_ENUM_NAMES(DefectStatus, {DefectStatus::New, "new"}, {DefectStatus::Triaged, "triaged"},
                  {DefectStatus::Converted, "converted"}, {DefectStatus::Duplicate, "duplicate"},
                  {DefectStatus::Rejected, "rejected"});

struct DefectReport {
    Uuid id;
    DefectCategory category = DefectCategory::Other;
    int severity = 2; // 1..4; 4 = immediate hazard, make safe now
    DefectSource source = DefectSource::Crew;
    std::optional<Uuid> assetId;
    std::optional<GeoPoint> location;
    std::string description;
    std::vector<std::string> photos; // SHA-256 hex of each photo's content
    DefectStatus status = DefectStatus::New;
    std::optional<Uuid> duplicateOf;  // set iff status == Duplicate
    std::optional<Uuid> workOrderId;  // set iff status == Converted
    std::string rejectReason;         // non-empty iff status == Rejected
    Instant reportedAt{};
    std::optional<Uuid> reportedBy;   // user; empty for citizen reports
    std::string externalId;           // e.g. Open311 service_request_id
    RowMeta meta;
    bool operator==(const DefectReport&) const = default;
};

} // namespace yanghu
