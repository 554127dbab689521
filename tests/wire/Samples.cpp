// SPDX-License-Identifier: MIT
#include "Samples.h"

#include <stdexcept>
#include <string>

namespace yanghu::wire::samples {

Uuid id(std::string_view text)
{
    auto parsed = Uuid::parse(text);
    if (!parsed) throw std::invalid_argument("bad sample uuid " + std::string(text));
    return *parsed;
}

Instant at(std::string_view rfc3339)
{
    auto parsed = parseInstant(rfc3339);
    if (!parsed) throw std::invalid_argument("bad sample instant " + std::string(rfc3339));
    return *parsed;
}

Date date(std::string_view yyyyMmDd)
{
    auto parsed = parseDate(yyyyMmDd);
    if (!parsed) throw std::invalid_argument("bad sample date " + std::string(yyyyMmDd));
    return *parsed;
}

RowMeta meta()
{
    return RowMeta{42, true, at("2025-03-01T08:00:00.000Z"), at("2025-03-02T09:30:15.250Z")};
}

Street street()
{
    Street s;
    s.id = id("01950000-0000-7000-8000-000000000001");
    s.name = "太行东街";
    s.district = "丛台区";
    s.centreline = {{114.5021, 36.6123}, {114.5102, 36.6125}, {114.5188, 36.6131}};
    s.lengthM = 1534.5;
    s.meta = meta();
    return s;
}

Asset asset(AssetKind kind)
{
    Asset a;
    a.id = id("01950000-0000-7000-8000-000000000002");
    a.kind = kind;
    a.code = "JG-00412";
    a.streetId = street().id;
    a.side = StreetSide::Left;
    a.chainageFromM = 120.5;
    a.chainageToM = 121.25;
    a.geometry = {{114.5051, 36.6124}};
    a.conditionGrade = 4;
    a.conditionScore = 61.5;
    a.status = AssetStatus::OutOfService;
    switch (kind) {
    case AssetKind::SidewalkSegment: a.attributes = SidewalkAttributes{"granite_paver", 3.5, 42.0}; break;
    case AssetKind::StormInlet: a.attributes = StormInletAttributes{"cast_iron", date("2025-05-20")}; break;
    case AssetKind::Manhole: a.attributes = ManholeAttributes{"ductile_iron", 700, "D400"}; break;
    case AssetKind::PipeSegment: a.attributes = PipeAttributes{600, 48.5, "concrete"}; break;
    case AssetKind::Bridge: a.attributes = BridgeAttributes{32.5, 410.0, 7}; break;
    }
    a.extra = {{"OWNER", "市政"}, {"INSTALL_YEAR", 1998}, {"notes", {"旧井盖", nullptr}}};
    a.sourceId = "FAC-77812";
    a.meta = meta();
    return a;
}

DefectReport defect()
{
    DefectReport d;
    d.id = id("01950000-0000-7000-8000-000000000003");
    d.category = DefectCategory::CoverRattling;
    d.severity = 3;
    d.source = DefectSource::Citizen;
    d.assetId = asset(AssetKind::Manhole).id;
    d.location = GeoPoint{114.5051, 36.6124};
    d.description = "井盖异响，夜间车辆经过声音很大 🚗";
    d.photos = {"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"};
    d.status = DefectStatus::Duplicate;
    d.duplicateOf = id("01950000-0000-7000-8000-000000000013");
    d.workOrderId = id("01950000-0000-7000-8000-000000000004");
    d.rejectReason = "重复上报";
    d.reportedAt = at("2025-03-01T22:41:07.000Z");
    d.reportedBy = id("01950000-0000-7000-8000-000000000009");
    d.externalId = "311-2025-000187";
    d.meta = meta();
    return d;
}

WorkOrder workOrder()
{
    WorkOrder w;
    w.id = id("01950000-0000-7000-8000-000000000004");
    w.number = "WO-2025-000123";
    w.title = "更换太行东街井盖";
    w.description = "井盖异响，已更换 ✅";
    w.type = WorkType::Replacement;
    w.assetIds = {asset(AssetKind::Manhole).id};
    w.defectIds = {defect().id};
    w.programmeId = id("01950000-0000-7000-8000-000000000008");
    w.followsId = id("01950000-0000-7000-8000-000000000020");
    w.priority = 2;
    w.trafficImpact = TrafficImpact::LaneClosure;
    w.estimatedMinutes = 90;
    w.requiredSkills = {"manhole"};
    w.requiredEquipment = {"crane", "plate_compactor"};
    w.dueDate = date("2025-03-10");
    w.assignment = Assignment{id("01950000-0000-7000-8000-000000000005"), date("2025-03-05"),
                              at("2025-03-05T14:00:00.000Z"), at("2025-03-05T15:30:00.000Z"), 3};
    w.actualStart = at("2025-03-05T14:05:00.000Z");
    w.actualEnd = at("2025-03-05T15:20:00.000Z");
    w.labour = {{id("01950000-0000-7000-8000-00000000000a"), id("01950000-0000-7000-8000-000000000009"), "王建国", 1.5},
                {id("01950000-0000-7000-8000-00000000000b"), std::nullopt, "李师傅", 1.25}};
    w.materials = {{id("01950000-0000-7000-8000-00000000000c"), "球墨铸铁井盖 D400", 1, "pcs"}};
    w.quantities = {{id("01950000-0000-7000-8000-00000000000d"), "covers_replaced", 1, "pcs"}};
    w.notes = {{id("01950000-0000-7000-8000-00000000000e"), id("01950000-0000-7000-8000-000000000009"),
                at("2025-03-05T15:21:00.000Z"), "井盖异响，已更换"},
               {id("01950000-0000-7000-8000-00000000000f"), std::nullopt, at("2025-03-05T15:22:00.500Z"),
                "Photos after 📷 — 路面已清理"}};
    w.photos = {"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"};
    w.status = WorkOrderStatus::Verified;
    w.holdReason = "等待材料";
    w.verifiedBy = id("01950000-0000-7000-8000-000000000010");
    w.meta = meta();
    return w;
}

Crew crew()
{
    Crew c;
    c.id = id("01950000-0000-7000-8000-000000000005");
    c.code = "C-01";
    c.name = "雨水井清掏一班";
    c.district = "丛台区";
    c.skills = {"inlet_cleaning", "manhole"};
    c.equipment = {"vactor_truck", "jetter"};
    c.size = 5;
    c.depotName = "东区养护站";
    c.depot = GeoPoint{114.49, 36.60};
    c.active = false;
    c.meta = meta();
    return c;
}

ShiftCalendar calendar()
{
    ShiftCalendar c;
    c.id = id("01950000-0000-7000-8000-000000000006");
    c.name = "邯郸";
    c.cityTime.utcOffsetMinutes = 480;
    c.day = ShiftWindow{ShiftKind::Day, 7 * 60 + 30, 16 * 60 + 30};
    c.night = ShiftWindow{ShiftKind::Night, 21 * 60, 5 * 60 + 45};
    c.holidays = {date("2025-10-01"), date("2025-10-02")};
    c.meta = meta();
    return c;
}

CrewShift crewShift()
{
    return CrewShift{id("01950000-0000-7000-8000-000000000007"), crew().id, date("2025-03-05"), ShiftKind::Night, meta()};
}

Programme programme()
{
    Programme p;
    p.id = id("01950000-0000-7000-8000-000000000008");
    p.code = "P-2025-01";
    p.name = "汛前雨水井清掏";
    p.description = "6月1日前清掏全部雨水井";
    p.assetKind = AssetKind::StormInlet;
    p.districts = {"丛台区", "邯山区"};
    p.assetIds = {asset(AssetKind::StormInlet).id};
    p.startDate = date("2025-03-01");
    p.deadline = date("2025-06-01");
    p.status = ProgrammeStatus::Active;
    p.meta = meta();
    return p;
}

User user()
{
    User u;
    u.id = id("01950000-0000-7000-8000-000000000009");
    u.username = "wangjg";
    u.displayName = "王建国";
    u.role = Role::FieldCrew;
    u.crewId = crew().id;
    u.active = true;
    u.passwordHash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
    u.meta = meta();
    return u;
}

std::string describe(const Error& error)
{
    std::string text = error.code;
    for (const auto& [key, value] : error.params) text += " " + key + "=" + value;
    for (const auto& field : error.fields) {
        text += "\n  " + field.field + ": " + field.code;
        for (const auto& [key, value] : field.params) text += " " + key + "=" + value;
    }
    return text;
}

} // namespace yanghu::wire::samples
