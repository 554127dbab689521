// SPDX-License-Identifier: MIT
#include "Samples.h"

namespace yanghu::store::test {

using namespace std::chrono;

namespace {
Uuid fixedId(std::uint8_t n)
{
    std::array<std::uint8_t, 16> b{};
    b[0] = 0x01;
    b[6] = 0x70;
    b[8] = 0x80;
    b[15] = n;
    return Uuid(b);
}
const Instant t0 = Instant{sys_days{year{2026} / 5 / 18}} + hours{14};
} // namespace

Street sampleStreet(const std::string& name, const std::string& district)
{
    Street s;
    s.name = name;
    s.district = district;
    s.centreline = {{114.4801, 36.6102}, {114.4912345678901, 36.6103}};
    s.lengthM = 1002.5;
    return s;
}

Asset sampleInlet(const std::string& code, std::optional<Uuid> streetId, const std::string& sourceId)
{
    Asset a;
    a.kind = AssetKind::StormInlet;
    a.code = code;
    a.streetId = streetId;
    a.side = StreetSide::Left;
    a.chainageFromM = 12.5;
    a.chainageToM = 13.0;
    a.geometry = {{114.4851, 36.6101}};
    a.conditionGrade = 3;
    a.conditionScore = 71.25;
    a.status = AssetStatus::InService;
    a.attributes = StormInletAttributes{"铸铁篦子", year{2026} / 4 / 1};
    a.extra = {{"备注", "靠近公交站"}, {"FACILITYID", "CB-" + code}};
    a.sourceId = sourceId;
    return a;
}

Crew sampleCrew(const std::string& code)
{
    Crew c;
    c.code = code;
    c.name = "雨水井清掏一班";
    c.district = "丛台区";
    c.skills = {"inlet_cleaning", "manhole"};
    c.equipment = {"vactor_truck"};
    c.size = 5;
    c.depotName = "丛台养护站";
    c.depot = GeoPoint{114.47, 36.62};
    c.active = true;
    return c;
}

User sampleUser(const std::string& username, std::optional<Uuid> crewId)
{
    User u;
    u.username = username;
    u.displayName = "王师傅";
    u.role = crewId ? Role::FieldCrew : Role::Dispatcher;
    u.crewId = crewId;
    u.active = true;
    u.passwordHash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    return u;
}

Programme sampleProgramme(const Uuid& assetId)
{
    Programme p;
    p.code = "P-2026-01";
    p.name = "汛前雨水井清掏";
    p.description = "6月1日前清掏全部雨水井";
    p.assetKind = AssetKind::StormInlet;
    p.districts = {"丛台区", "邯山区"};
    p.assetIds = {assetId};
    p.startDate = year{2026} / 4 / 1;
    p.deadline = year{2026} / 6 / 1;
    p.status = ProgrammeStatus::Active;
    return p;
}

ShiftCalendar sampleCalendar()
{
    ShiftCalendar c;
    c.name = "邯郸市";
    c.cityTime.utcOffsetMinutes = 480;
    c.day = {ShiftKind::Day, 7 * 60 + 30, 17 * 60};
    c.night = {ShiftKind::Night, 22 * 60, 5 * 60 + 30};
    c.holidays = {year{2026} / 5 / 1, year{2026} / 10 / 1};
    return c;
}

CrewShift sampleCrewShift(const Uuid& crewId)
{
    CrewShift s;
    s.crewId = crewId;
    s.date = year{2026} / 5 / 21;
    s.kind = ShiftKind::Night;
    return s;
}

DefectReport sampleDefect(std::optional<Uuid> assetId, std::optional<Uuid> reportedBy)
{
    DefectReport d;
    d.category = DefectCategory::CloggedInlet;
    d.severity = 3;
    d.source = DefectSource::Crew;
    d.assetId = assetId;
    d.location = GeoPoint{114.4851, 36.6101};
    d.description = "雨水口堵塞，积水严重";
    d.photos = {std::string(64, 'a')};
    d.status = DefectStatus::Triaged;
    d.reportedAt = t0;
    d.reportedBy = reportedBy;
    d.externalId = "311-0001";
    return d;
}

WorkOrder sampleWorkOrder(const Uuid& assetId, const Uuid& defectId, const Uuid& crewId, const Uuid& userId)
{
    WorkOrder w;
    w.number = "WO-2026-000001";
    w.title = "清掏雨水口 YS-000001";
    w.description = "夜间作业，占用人行道";
    w.type = WorkType::Cleaning;
    w.assetIds = {assetId};
    w.defectIds = {defectId};
    w.priority = 2;
    w.trafficImpact = TrafficImpact::SidewalkClosure;
    w.estimatedMinutes = 45;
    w.requiredSkills = {"inlet_cleaning"};
    w.requiredEquipment = {"vactor_truck"};
    w.dueDate = year{2026} / 5 / 31;
    w.assignment = {crewId, year{2026} / 5 / 21, t0 + hours{8}, t0 + hours{9}, 1};
    w.actualStart = t0 + hours{8} + minutes{5};
    w.actualEnd = t0 + hours{8} + minutes{50};
    w.labour = {LabourLine{fixedId(1), userId, "王师傅", 0.75}};
    w.materials = {MaterialLine{fixedId(2), "吸污车", 1, "台班"}};
    w.quantities = {QuantityLine{fixedId(3), "inlets_cleaned", 1, "个"}};
    w.notes = {WorkNote{fixedId(4), userId, t0 + hours{9}, "淤泥较多，已清理"}};
    w.photos = {std::string(64, 'b')};
    w.status = WorkOrderStatus::Completed;
    w.holdReason = "";
    w.verifiedBy = std::nullopt;
    return w;
}

} // namespace yanghu::store::test
