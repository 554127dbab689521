// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/EnumNames.h"
#include "yanghu/core/domain/Common.h"

namespace yanghu {

enum class WorkType { Repair, Cleaning, Replacement, Dredging, Inspection, MakeSafe };
YANGHU_ENUM_NAMES(WorkType, {WorkType::Repair, "repair"}, {WorkType::Cleaning, "cleaning"},
                  {WorkType::Replacement, "replacement"}, {WorkType::Dredging, "dredging"},
                  {WorkType::Inspection, "inspection"}, {WorkType::MakeSafe, "make_safe"});

// How the work disturbs traffic; lane and road closures may only run in the night window.
enum class TrafficImpact { None, SidewalkClosure, LaneClosure, RoadClosure };
YANGHU_ENUM_NAMES(TrafficImpact, {TrafficImpact::None, "none"}, {TrafficImpact::SidewalkClosure, "sidewalk_closure"},
                  {TrafficImpact::LaneClosure, "lane_closure"}, {TrafficImpact::RoadClosure, "road_closure"});

enum class WorkOrderStatus { Draft, Ready, Scheduled, InProgress, Completed, Verified, OnHold, Cancelled };
YANGHU_ENUM_NAMES(WorkOrderStatus, {WorkOrderStatus::Draft, "draft"}, {WorkOrderStatus::Ready, "ready"},
                  {WorkOrderStatus::Scheduled, "scheduled"}, {WorkOrderStatus::InProgress, "in_progress"},
                  {WorkOrderStatus::Completed, "completed"}, {WorkOrderStatus::Verified, "verified"},
                  {WorkOrderStatus::OnHold, "on_hold"}, {WorkOrderStatus::Cancelled, "cancelled"});

// Dispatcher-owned: who does the work, on which shift, in which order.
struct Assignment {
    std::optional<Uuid> crewId;
    std::optional<Date> shiftDate; // local date the shift starts on
    std::optional<Instant> plannedStart;
    std::optional<Instant> plannedEnd;
    std::optional<int> routeOrder; // 1-based position in the crew's route for that shift
    bool operator==(const Assignment&) const = default;
};

// Child lines are append-only (sync unions them by id), each with its own id.
struct LabourLine {
    Uuid id;
    std::optional<Uuid> userId;
    std::string worker; // name as written on the sheet
    double hours = 0;
    bool operator==(const LabourLine&) const = default;
};
struct MaterialLine {
    Uuid id;
    std::string material; // e.g. "granite paver 300x300", "manhole cover D400"
    double quantity = 0;
    std::string unit;     // "pcs", "m2", "t", ...
    bool operator==(const MaterialLine&) const = default;
};
// Work done, in the unit the programme counts: m² relaid, inlets cleaned, metres dredged.
struct QuantityLine {
    Uuid id;
    std::string measure; // "m2_relaid", "inlets_cleaned", "m_dredged", "covers_replaced", ...
    double quantity = 0;
    std::string unit;
    bool operator==(const QuantityLine&) const = default;
};
struct WorkNote {
    Uuid id;
    std::optional<Uuid> authorId;
    Instant at{};
    std::string text;
    bool operator==(const WorkNote&) const = default;
};

struct WorkOrder {
    Uuid id;
    std::string number; // "WO-2025-000123"; empty while created offline and not yet numbered
    std::string title;
    std::string description;
    WorkType type = WorkType::Repair;
    std::vector<Uuid> assetIds;
    std::vector<Uuid> defectIds;
    std::optional<Uuid> programmeId;
    // The work order that must be finished before this one starts ("break out before pour"):
    // the planner never puts this one earlier. Never itself, never a cycle (the server refuses
    // both on write).
    std::optional<Uuid> followsId;
    int priority = 3; // 1 (P1, most urgent) .. 4
    TrafficImpact trafficImpact = TrafficImpact::None;
    int estimatedMinutes = 60;
    std::vector<std::string> requiredSkills;
    std::vector<std::string> requiredEquipment;
    std::optional<Date> dueDate;
    Assignment assignment;
    std::optional<Instant> actualStart;
    std::optional<Instant> actualEnd;
    std::vector<LabourLine> labour;
    std::vector<MaterialLine> materials;
    std::vector<QuantityLine> quantities;
    std::vector<WorkNote> notes;
    std::vector<std::string> photos; // SHA-256 hex
    WorkOrderStatus status = WorkOrderStatus::Draft;
    std::string holdReason;   // why on_hold / cancelled / sent back
    std::optional<Uuid> verifiedBy;
    RowMeta meta;
    bool operator==(const WorkOrder&) const = default;
};

} // namespace yanghu
