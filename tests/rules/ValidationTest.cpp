// SPDX-License-Identifier: MIT
#include "yanghu/core/rules/ErrorCodes.h"
#include "yanghu/core/rules/Validation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace yanghu;
using namespace yanghu::rules;
using namespace std::chrono;

namespace {

using Params = std::map<std::string, std::string>;

Uuid id(std::uint8_t n)
{
    std::array<std::uint8_t, 16> bytes{};
    bytes[15] = n;
    bytes[6] = 0x70;
    return Uuid{bytes};
}

const std::string kPhoto(64, 'a');
const std::string kBadUtf8 = "\xE5\xA4"; // the first two bytes of 太, cut short
const Params kUtf8{{"expected", "utf8"}};

// The single error on `field`, failing the test when there is none or more than one.
testing::AssertionResult hasError(const std::vector<FieldError>& errors, const std::string& field,
                                  std::string_view code, const std::optional<Params>& params = std::nullopt)
{
    std::vector<const FieldError*> onField;
    for (const auto& e : errors)
        if (e.field == field) onField.push_back(&e);
    std::string all;
    for (const auto& e : errors) all += " [" + e.field + ": " + e.code + "]";
    if (onField.size() != 1)
        return testing::AssertionFailure() << onField.size() << " errors on " << field << "; all:" << all;
    if (onField[0]->code != code) return testing::AssertionFailure() << field << " has " << onField[0]->code;
    if (params && onField[0]->params != *params) {
        auto failure = testing::AssertionFailure() << field << " params:";
        for (const auto& [k, v] : onField[0]->params) failure << " " << k << "=" << v;
        return failure;
    }
    return testing::AssertionSuccess();
}

std::string describe(const std::vector<FieldError>& errors)
{
    std::string all;
    for (const auto& e : errors) all += " [" + e.field + ": " + e.code + "]";
    return all;
}

Street street()
{
    Street s;
    s.id = id(1);
    s.name = "太行东街";
    s.district = "丛台区";
    s.centreline = {{114.49, 36.61}, {114.52, 36.61}};
    s.lengthM = 2650;
    return s;
}

Asset asset()
{
    Asset a;
    a.id = id(2);
    a.kind = AssetKind::SidewalkSegment;
    a.code = "RX-00412";
    a.streetId = id(1);
    a.side = StreetSide::Left;
    a.chainageFromM = 100;
    a.chainageToM = 150;
    a.geometry = {{114.49, 36.61}, {114.4905, 36.61}};
    a.conditionGrade = 3;
    a.conditionScore = 62.5;
    a.attributes = SidewalkAttributes{"granite_paver", 3.5, 175};
    return a;
}

DefectReport defect()
{
    DefectReport d;
    d.id = id(3);
    d.category = DefectCategory::CoverRattling;
    d.severity = 3;
    d.assetId = id(2);
    d.description = "井盖异响，车辆经过时有明显撞击声";
    d.photos = {kPhoto};
    return d;
}

WorkOrder workOrder()
{
    WorkOrder w;
    w.id = id(4);
    w.title = "太行东街北侧人行道铺装修复";
    w.assetIds = {id(2)};
    w.priority = 2;
    w.estimatedMinutes = 240;
    w.assignment.crewId = id(5);
    w.assignment.shiftDate = 2026y / 5 / 12;
    w.assignment.plannedStart = sys_days{2026y / 5 / 12} + 14h;
    w.assignment.plannedEnd = sys_days{2026y / 5 / 12} + 18h;
    w.assignment.routeOrder = 1;
    w.actualStart = sys_days{2026y / 5 / 12} + 14h;
    w.actualEnd = sys_days{2026y / 5 / 12} + 17h;
    w.labour = {LabourLine{id(6), std::nullopt, "张伟", 3}};
    w.materials = {MaterialLine{id(7), "花岗岩步道砖 300x300", 120, "pcs"}};
    w.quantities = {QuantityLine{id(8), "m2_relaid", 10.8, "m2"}};
    w.notes = {WorkNote{id(9), std::nullopt, {}, "树池石已复位"}};
    w.photos = {kPhoto};
    return w;
}

User user()
{
    User u;
    u.id = id(10);
    u.username = "zhang.wei-01";
    u.displayName = "张伟";
    u.role = Role::FieldCrew;
    u.crewId = id(5);
    return u;
}

} // namespace

// --- GeoPoint -----------------------------------------------------------------------------

TEST(ValidateGeoPoint, AcceptsTheCornersOfTheWorld)
{
    for (GeoPoint p : {GeoPoint{-180, -90}, GeoPoint{180, 90}, GeoPoint{0, 0}, GeoPoint{114.49, 36.61}})
        EXPECT_TRUE(validateGeoPoint(p, "location").empty());
}

TEST(ValidateGeoPoint, ReportsLongitudeAndLatitudeOutOfRangeWithBounds)
{
    const auto errors = validateGeoPoint({180.5, -91}, "location");
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_TRUE(hasError(errors, "location.lon", codes::OutOfRange, Params{{"min", "-180"}, {"max", "180"}, {"value", "180.5"}}));
    EXPECT_TRUE(hasError(errors, "location.lat", codes::OutOfRange, Params{{"min", "-90"}, {"max", "90"}, {"value", "-91"}}));
}

TEST(ValidateGeoPoint, RejectsNonFiniteCoordinates)
{
    const auto errors = validateGeoPoint({std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}, "p");
    EXPECT_TRUE(hasError(errors, "p.lon", codes::OutOfRange));
    EXPECT_TRUE(hasError(errors, "p.lat", codes::OutOfRange));
}

// --- Street -------------------------------------------------------------------------------

TEST(ValidateStreet, AcceptsAChineseStreet) { EXPECT_TRUE(validateStreet(street()).empty()) << describe(validateStreet(street())); }

TEST(ValidateStreet, RequiresNameAfterTrimmingAndDistrict)
{
    Street s = street();
    s.name = " \t\xE3\x80\x80"; // ASCII blanks and an ideographic space
    s.district.clear();
    const auto errors = validateStreet(s);
    EXPECT_EQ(errors.size(), 2u);
    EXPECT_TRUE(hasError(errors, "name", codes::Required));
    EXPECT_TRUE(hasError(errors, "district", codes::Required));
}

TEST(ValidateStreet, CountsNameLengthInBytes)
{
    Street s = street();
    s.name.clear();
    for (int i = 0; i < 66; ++i) s.name += "街"; // 198 bytes, 66 characters
    EXPECT_TRUE(validateStreet(s).empty());
    s.name += "街"; // 201 bytes
    EXPECT_TRUE(hasError(validateStreet(s), "name", codes::TooLong, Params{{"max", "200"}}));
}

TEST(ValidateStreet, RejectsInvalidUtf8Name)
{
    Street s = street();
    s.name = "太行" + kBadUtf8;
    EXPECT_TRUE(hasError(validateStreet(s), "name", codes::InvalidFormat, kUtf8));
}

TEST(ValidateStreet, RejectsNegativeLengthAndBadCentrelinePoints)
{
    Street s = street();
    s.lengthM = -1;
    s.centreline[1].lat = 95;
    const auto errors = validateStreet(s);
    EXPECT_EQ(errors.size(), 2u);
    EXPECT_TRUE(hasError(errors, "length_m", codes::OutOfRange, Params{{"min", "0"}, {"value", "-1"}}));
    EXPECT_TRUE(hasError(errors, "centreline[1].lat", codes::OutOfRange));
}

// --- Asset --------------------------------------------------------------------------------

TEST(ValidateAsset, AcceptsAValidSidewalkSegment)
{
    EXPECT_TRUE(validateAsset(asset()).empty()) << describe(validateAsset(asset()));
}

TEST(ValidateAsset, RequiresCodeOfAtMost64Bytes)
{
    Asset a = asset();
    a.code = "";
    EXPECT_TRUE(hasError(validateAsset(a), "code", codes::Required));
    a.code = std::string(65, 'X');
    EXPECT_TRUE(hasError(validateAsset(a), "code", codes::TooLong, Params{{"max", "64"}}));
    a.code = std::string(64, 'X');
    EXPECT_TRUE(validateAsset(a).empty());
}

TEST(ValidateAsset, RequiresGeometryAndChecksEveryPoint)
{
    Asset a = asset();
    a.geometry.clear();
    EXPECT_TRUE(hasError(validateAsset(a), "geometry", codes::Empty));
    a.geometry = {{114.49, 36.61}, {200, 36.61}, {114.49, -100}};
    const auto errors = validateAsset(a);
    EXPECT_EQ(errors.size(), 2u);
    EXPECT_TRUE(hasError(errors, "geometry[1].lon", codes::OutOfRange));
    EXPECT_TRUE(hasError(errors, "geometry[2].lat", codes::OutOfRange));
}

TEST(ValidateAsset, AttributesMustMatchKind)
{
    Asset a = asset();
    a.kind = AssetKind::Manhole;
    EXPECT_TRUE(hasError(validateAsset(a), "attributes", codes::Mismatch, Params{{"with", "kind"}}));
}

TEST(ValidateAsset, ConditionGradeAndScoreInRange)
{
    Asset a = asset();
    a.conditionGrade = 6;
    a.conditionScore = 100.5;
    auto errors = validateAsset(a);
    EXPECT_TRUE(hasError(errors, "condition_grade", codes::OutOfRange, Params{{"min", "1"}, {"max", "5"}, {"value", "6"}}));
    EXPECT_TRUE(hasError(errors, "condition_score", codes::OutOfRange, Params{{"min", "0"}, {"max", "100"}, {"value", "100.5"}}));
    a.conditionGrade = 0;
    a.conditionScore = -0.5;
    errors = validateAsset(a);
    EXPECT_TRUE(hasError(errors, "condition_grade", codes::OutOfRange));
    EXPECT_TRUE(hasError(errors, "condition_score", codes::OutOfRange));
    a.conditionGrade = 1;
    a.conditionScore = 0;
    EXPECT_TRUE(validateAsset(a).empty());
}

TEST(ValidateAsset, ChainageNonNegativeAndInOrder)
{
    Asset a = asset();
    a.chainageFromM = -5;
    EXPECT_TRUE(hasError(validateAsset(a), "chainage_from_m", codes::OutOfRange));
    a.chainageFromM = 200;
    EXPECT_TRUE(hasError(validateAsset(a), "chainage_to_m", codes::OrderInvalid, Params{{"after", "chainage_from_m"}}));
    a.chainageToM = -1; // out of range, and not also "before from"
    EXPECT_TRUE(hasError(validateAsset(a), "chainage_to_m", codes::OutOfRange, Params{{"min", "0"}, {"value", "-1"}}));
    a.chainageFromM = 150; // equal bounds: a point on the street
    a.chainageToM = 150;
    EXPECT_TRUE(validateAsset(a).empty());
}

TEST(ValidateAsset, SideNeedsAStreet)
{
    Asset a = asset();
    a.streetId.reset();
    EXPECT_TRUE(hasError(validateAsset(a), "street_id", codes::Required));
    a.side = StreetSide::None;
    EXPECT_TRUE(validateAsset(a).empty());
}

TEST(ValidateAsset, SidewalkSizesMustBePositive)
{
    Asset a = asset();
    a.attributes = SidewalkAttributes{std::nullopt, 0.0, -3.0};
    const auto errors = validateAsset(a);
    EXPECT_TRUE(hasError(errors, "attributes.width_m", codes::OutOfRange,
                         Params{{"min", "0"}, {"min_exclusive", "true"}, {"value", "0"}}));
    EXPECT_TRUE(hasError(errors, "attributes.area_m2", codes::OutOfRange));
}

TEST(ValidateAsset, ManholePipeAndBridgeAttributesAreChecked)
{
    Asset manhole = asset();
    manhole.kind = AssetKind::Manhole;
    manhole.attributes = ManholeAttributes{"ductile_iron", 0.0, "D400"};
    EXPECT_TRUE(hasError(validateAsset(manhole), "attributes.diameter_mm", codes::OutOfRange));

    Asset pipe = asset();
    pipe.kind = AssetKind::PipeSegment;
    pipe.attributes = PipeAttributes{-300.0, -2.0, "concrete"};
    auto errors = validateAsset(pipe);
    EXPECT_TRUE(hasError(errors, "attributes.diameter_mm", codes::OutOfRange));
    EXPECT_TRUE(hasError(errors, "attributes.length_m", codes::OutOfRange));

    Asset bridge = asset();
    bridge.kind = AssetKind::Bridge;
    bridge.attributes = BridgeAttributes{0.0, 0.0, 10};
    errors = validateAsset(bridge);
    EXPECT_TRUE(hasError(errors, "attributes.span_m", codes::OutOfRange));
    EXPECT_TRUE(hasError(errors, "attributes.deck_area_m2", codes::OutOfRange));
    EXPECT_TRUE(hasError(errors, "attributes.rating", codes::OutOfRange, Params{{"min", "0"}, {"max", "9"}, {"value", "10"}}));
    bridge.attributes = BridgeAttributes{32.0, 480.0, 0};
    EXPECT_TRUE(validateAsset(bridge).empty());
}

TEST(ValidateAsset, SparseAttributesAreFine)
{
    Asset a = asset();
    a.kind = AssetKind::StormInlet;
    a.attributes = StormInletAttributes{};
    EXPECT_TRUE(validateAsset(a).empty());
}

// --- DefectReport -------------------------------------------------------------------------

TEST(ValidateDefectReport, AcceptsAValidReport)
{
    EXPECT_TRUE(validateDefectReport(defect()).empty()) << describe(validateDefectReport(defect()));
}

TEST(ValidateDefectReport, SeverityOneToFour)
{
    DefectReport d = defect();
    d.severity = 5;
    EXPECT_TRUE(hasError(validateDefectReport(d), "severity", codes::OutOfRange, Params{{"min", "1"}, {"max", "4"}, {"value", "5"}}));
    d.severity = 0;
    EXPECT_TRUE(hasError(validateDefectReport(d), "severity", codes::OutOfRange));
}

TEST(ValidateDefectReport, DescriptionAtMost4000BytesAndUtf8)
{
    DefectReport d = defect();
    d.description = std::string(4001, 'x');
    EXPECT_TRUE(hasError(validateDefectReport(d), "description", codes::TooLong, Params{{"max", "4000"}}));
    d.description = "井盖" + kBadUtf8 + "沉陷";
    EXPECT_TRUE(hasError(validateDefectReport(d), "description", codes::InvalidFormat, kUtf8));
}

TEST(ValidateDefectReport, NeedsAnAssetOrALocation)
{
    DefectReport d = defect();
    d.assetId.reset();
    EXPECT_TRUE(hasError(validateDefectReport(d), "asset_id", codes::Required));
    d.location = GeoPoint{114.5, 36.6};
    EXPECT_TRUE(validateDefectReport(d).empty());
    d.location = GeoPoint{114.5, 136.6};
    EXPECT_TRUE(hasError(validateDefectReport(d), "location.lat", codes::OutOfRange));
}

TEST(ValidateDefectReport, DuplicateIffDuplicateOf)
{
    DefectReport d = defect();
    d.status = DefectStatus::Duplicate;
    EXPECT_TRUE(hasError(validateDefectReport(d), "duplicate_of", codes::Required));
    d.duplicateOf = id(30);
    EXPECT_TRUE(validateDefectReport(d).empty());
    d.status = DefectStatus::Triaged;
    EXPECT_TRUE(hasError(validateDefectReport(d), "duplicate_of", codes::NotAllowed));
}

TEST(ValidateDefectReport, ConvertedIffWorkOrder)
{
    DefectReport d = defect();
    d.status = DefectStatus::Converted;
    EXPECT_TRUE(hasError(validateDefectReport(d), "work_order_id", codes::Required));
    d.workOrderId = id(31);
    EXPECT_TRUE(validateDefectReport(d).empty());
    d.status = DefectStatus::New;
    EXPECT_TRUE(hasError(validateDefectReport(d), "work_order_id", codes::NotAllowed));
}

TEST(ValidateDefectReport, RejectedIffRejectReason)
{
    DefectReport d = defect();
    d.status = DefectStatus::Rejected;
    d.rejectReason = "  ";
    EXPECT_TRUE(hasError(validateDefectReport(d), "reject_reason", codes::Required));
    d.rejectReason = "非本中心管辖范围";
    EXPECT_TRUE(validateDefectReport(d).empty());
    d.status = DefectStatus::Triaged;
    EXPECT_TRUE(hasError(validateDefectReport(d), "reject_reason", codes::NotAllowed));
}

TEST(ValidateDefectReport, PhotosAreLowerCaseSha256Hex)
{
    DefectReport d = defect();
    d.photos = {kPhoto, std::string(64, 'A'), std::string(63, 'a'), std::string(63, 'a') + "g"};
    const auto errors = validateDefectReport(d);
    EXPECT_EQ(errors.size(), 3u);
    for (const char* field : {"photos[1]", "photos[2]", "photos[3]"})
        EXPECT_TRUE(hasError(errors, field, codes::InvalidFormat, Params{{"expected", "sha256_hex"}}));
}

// --- WorkOrder ----------------------------------------------------------------------------

TEST(ValidateWorkOrder, AcceptsAFilledInOrder)
{
    EXPECT_TRUE(validateWorkOrder(workOrder()).empty()) << describe(validateWorkOrder(workOrder()));
}

TEST(ValidateWorkOrder, TitleRequiredAtMost200BytesAndUtf8)
{
    WorkOrder w = workOrder();
    w.title = "";
    EXPECT_TRUE(hasError(validateWorkOrder(w), "title", codes::Required));
    w.title = std::string(201, 'a');
    EXPECT_TRUE(hasError(validateWorkOrder(w), "title", codes::TooLong, Params{{"max", "200"}}));
    w.title = "\xFF\xFE";
    EXPECT_TRUE(hasError(validateWorkOrder(w), "title", codes::InvalidFormat, kUtf8));
}

TEST(ValidateWorkOrder, PriorityAndEstimatedMinutesInRange)
{
    WorkOrder w = workOrder();
    w.priority = 5;
    w.estimatedMinutes = 0;
    auto errors = validateWorkOrder(w);
    EXPECT_TRUE(hasError(errors, "priority", codes::OutOfRange, Params{{"min", "1"}, {"max", "4"}, {"value", "5"}}));
    EXPECT_TRUE(hasError(errors, "estimated_minutes", codes::OutOfRange,
                         Params{{"min", "1"}, {"max", "10080"}, {"value", "0"}}));
    w.priority = 1;
    w.estimatedMinutes = 10081;
    EXPECT_TRUE(hasError(validateWorkOrder(w), "estimated_minutes", codes::OutOfRange));
    w.estimatedMinutes = 10080;
    EXPECT_TRUE(validateWorkOrder(w).empty());
}

TEST(ValidateWorkOrder, NeedsAnAssetOrADefect)
{
    WorkOrder w = workOrder();
    w.assetIds.clear();
    EXPECT_TRUE(hasError(validateWorkOrder(w), "asset_ids", codes::Required));
    w.defectIds = {id(3)};
    EXPECT_TRUE(validateWorkOrder(w).empty());
}

TEST(ValidateWorkOrder, PlannedEndMustBeAfterPlannedStart)
{
    WorkOrder w = workOrder();
    w.assignment.plannedEnd = w.assignment.plannedStart;
    EXPECT_TRUE(hasError(validateWorkOrder(w), "assignment.planned_end", codes::OrderInvalid,
                         Params{{"after", "assignment.planned_start"}}));
}

TEST(ValidateWorkOrder, ActualEndNotBeforeActualStart)
{
    WorkOrder w = workOrder();
    w.actualEnd = *w.actualStart - 1ms;
    EXPECT_TRUE(hasError(validateWorkOrder(w), "actual_end", codes::OrderInvalid, Params{{"after", "actual_start"}}));
    w.actualEnd = w.actualStart;
    EXPECT_TRUE(validateWorkOrder(w).empty());
}

TEST(ValidateWorkOrder, RouteOrderStartsAtOne)
{
    WorkOrder w = workOrder();
    w.assignment.routeOrder = 0;
    EXPECT_TRUE(hasError(validateWorkOrder(w), "assignment.route_order", codes::OutOfRange, Params{{"min", "1"}, {"value", "0"}}));
}

TEST(ValidateWorkOrder, LabourHoursAboveZeroAndAtMostADay)
{
    WorkOrder w = workOrder();
    w.labour.push_back(LabourLine{id(40), std::nullopt, "李娜", 0});
    w.labour.push_back(LabourLine{id(41), std::nullopt, "王强", 24.5});
    w.labour.push_back(LabourLine{id(42), std::nullopt, "赵敏", 24});
    const auto errors = validateWorkOrder(w);
    EXPECT_EQ(errors.size(), 2u) << describe(errors);
    EXPECT_TRUE(hasError(errors, "labour[1].hours", codes::OutOfRange,
                         Params{{"min", "0"}, {"min_exclusive", "true"}, {"max", "24"}, {"value", "0"}}));
    EXPECT_TRUE(hasError(errors, "labour[2].hours", codes::OutOfRange));
}

TEST(ValidateWorkOrder, MaterialLinesNeedMaterialPositiveQuantityAndUnit)
{
    WorkOrder w = workOrder();
    w.materials.push_back(MaterialLine{id(43), "", -2, ""});
    const auto errors = validateWorkOrder(w);
    EXPECT_EQ(errors.size(), 3u) << describe(errors);
    EXPECT_TRUE(hasError(errors, "materials[1].material", codes::Required));
    EXPECT_TRUE(hasError(errors, "materials[1].quantity", codes::OutOfRange));
    EXPECT_TRUE(hasError(errors, "materials[1].unit", codes::Required));
}

TEST(ValidateWorkOrder, QuantityLinesNeedMeasurePositiveQuantityAndUnit)
{
    WorkOrder w = workOrder();
    w.quantities[0] = QuantityLine{id(8), " ", 0, ""};
    const auto errors = validateWorkOrder(w);
    EXPECT_EQ(errors.size(), 3u) << describe(errors);
    EXPECT_TRUE(hasError(errors, "quantities[0].measure", codes::Required));
    EXPECT_TRUE(hasError(errors, "quantities[0].quantity", codes::OutOfRange));
    EXPECT_TRUE(hasError(errors, "quantities[0].unit", codes::Required));
}

TEST(ValidateWorkOrder, NotesNeedTextAndPhotosAreHex)
{
    WorkOrder w = workOrder();
    w.notes.push_back(WorkNote{id(44), std::nullopt, {}, ""});
    w.photos.push_back("not-a-hash");
    const auto errors = validateWorkOrder(w);
    EXPECT_EQ(errors.size(), 2u) << describe(errors);
    EXPECT_TRUE(hasError(errors, "notes[1].text", codes::Required));
    EXPECT_TRUE(hasError(errors, "photos[1]", codes::InvalidFormat));
}

TEST(ValidateWorkOrder, ReportsEveryProblemNotJustTheFirst)
{
    WorkOrder w = workOrder();
    w.title.clear();
    w.priority = 9;
    w.assetIds.clear();
    w.labour[0].hours = -1;
    w.photos = {"x"};
    EXPECT_EQ(validateWorkOrder(w).size(), 5u) << describe(validateWorkOrder(w));
}

// --- Crew, User, Programme, calendars ---------------------------------------------------

TEST(ValidateCrew, CodeNameAndSize)
{
    Crew c;
    c.id = id(5);
    c.code = "C-01";
    c.name = "雨水井清掏一班";
    c.size = 4;
    EXPECT_TRUE(validateCrew(c).empty());
    c.code = "";
    c.name = "";
    c.size = 51;
    c.depot = GeoPoint{181, 0};
    auto errors = validateCrew(c);
    EXPECT_EQ(errors.size(), 4u) << describe(errors);
    EXPECT_TRUE(hasError(errors, "code", codes::Required));
    EXPECT_TRUE(hasError(errors, "name", codes::Required));
    EXPECT_TRUE(hasError(errors, "size", codes::OutOfRange, Params{{"min", "1"}, {"max", "50"}, {"value", "51"}}));
    EXPECT_TRUE(hasError(errors, "depot.lon", codes::OutOfRange));
    c.size = 0;
    EXPECT_TRUE(hasError(validateCrew(c), "size", codes::OutOfRange));
}

TEST(ValidateUser, AcceptsAFieldCrewMemberWithACrew)
{
    EXPECT_TRUE(validateUser(user()).empty()) << describe(validateUser(user()));
}

TEST(ValidateUser, UsernameIsThreeToSixtyFourOfLowerCaseDigitsAndPunctuation)
{
    User u = user();
    u.username = "";
    EXPECT_TRUE(hasError(validateUser(u), "username", codes::Required));
    for (const std::string& bad : std::vector<std::string>{"ab", std::string(65, 'a'), "Zhang", "zhang wei", "张伟", "a@b"}) {
        u.username = bad;
        EXPECT_TRUE(hasError(validateUser(u), "username", codes::InvalidFormat)) << bad;
    }
    for (const std::string& good : std::vector<std::string>{"abc", std::string(64, 'a'), "dispatch_01", "li.na-2"}) {
        u.username = good;
        EXPECT_TRUE(validateUser(u).empty()) << good;
    }
}

TEST(ValidateUser, DisplayNameRequiredAndUtf8)
{
    User u = user();
    u.displayName = "";
    EXPECT_TRUE(hasError(validateUser(u), "display_name", codes::Required));
    u.displayName = "张" + kBadUtf8;
    EXPECT_TRUE(hasError(validateUser(u), "display_name", codes::InvalidFormat, kUtf8));
}

TEST(ValidateUser, FieldCrewNeedsACrewAndOnlyFieldCrewMayHaveOne)
{
    User u = user();
    u.crewId.reset();
    EXPECT_TRUE(hasError(validateUser(u), "crew_id", codes::Required));
    for (Role role : {Role::Dispatcher, Role::Supervisor, Role::Admin}) {
        u.role = role;
        u.crewId.reset();
        EXPECT_TRUE(validateUser(u).empty());
        u.crewId = id(5);
        EXPECT_TRUE(hasError(validateUser(u), "crew_id", codes::NotAllowed));
    }
}

TEST(ValidateProgramme, NameRequiredAndDeadlineNotBeforeStart)
{
    Programme p;
    p.id = id(50);
    p.code = "FX-2026";
    p.name = "汛前雨水井清掏";
    p.startDate = 2026y / 3 / 1;
    p.deadline = 2026y / 6 / 1;
    EXPECT_TRUE(validateProgramme(p).empty());
    p.deadline = 2026y / 3 / 1;
    EXPECT_TRUE(validateProgramme(p).empty());
    p.deadline = 2026y / 2 / 28;
    p.name = "";
    const auto errors = validateProgramme(p);
    EXPECT_EQ(errors.size(), 2u);
    EXPECT_TRUE(hasError(errors, "deadline", codes::OrderInvalid, Params{{"after", "start_date"}}));
    EXPECT_TRUE(hasError(errors, "name", codes::Required));
}

TEST(ValidateShiftCalendar, DefaultCalendarIsValid) { EXPECT_TRUE(validateShiftCalendar(ShiftCalendar{}).empty()); }

TEST(ValidateShiftCalendar, UtcOffsetWithinTheOffsetsInUse)
{
    ShiftCalendar c;
    c.cityTime.utcOffsetMinutes = 841;
    EXPECT_TRUE(hasError(validateShiftCalendar(c), "utc_offset_minutes", codes::OutOfRange,
                         Params{{"min", "-720"}, {"max", "840"}, {"value", "841"}}));
    c.cityTime.utcOffsetMinutes = -721;
    EXPECT_TRUE(hasError(validateShiftCalendar(c), "utc_offset_minutes", codes::OutOfRange));
    c.cityTime.utcOffsetMinutes = -720;
    EXPECT_TRUE(validateShiftCalendar(c).empty());
}

TEST(ValidateShiftCalendar, WindowsHaveLengthAndTimesWithinTheDay)
{
    ShiftCalendar c;
    c.day.end = c.day.start;
    c.night.start = 1440;
    c.night.end = -1;
    const auto errors = validateShiftCalendar(c);
    EXPECT_EQ(errors.size(), 3u) << describe(errors);
    EXPECT_TRUE(hasError(errors, "day", codes::Empty));
    EXPECT_TRUE(hasError(errors, "night.start", codes::OutOfRange, Params{{"min", "0"}, {"max", "1439"}, {"value", "1440"}}));
    EXPECT_TRUE(hasError(errors, "night.end", codes::OutOfRange));
}

TEST(ValidateCrewShift, NeedsACrew)
{
    CrewShift s;
    s.id = id(60);
    s.date = 2026y / 5 / 12;
    EXPECT_TRUE(hasError(validateCrewShift(s), "crew_id", codes::Required));
    s.crewId = id(5);
    EXPECT_TRUE(validateCrewShift(s).empty());
}

// --- UTF-8 and toStatus -------------------------------------------------------------------

TEST(ValidateText, AcceptsChineseAndFourByteCharacters)
{
    Street s = street();
    s.name = "长邯路 𠀀 🚧";
    EXPECT_TRUE(validateStreet(s).empty());
}

TEST(ValidateText, RejectsMalformedUtf8Sequences)
{
    // A stray continuation byte, an overlong '/', an encoded surrogate, a code point above
    // U+10FFFF, a truncated 4-byte sequence, and 0xFF.
    for (const std::string bad : {"\x80", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF0\x9F\x9A", "a\xFF"}) {
        Street s = street();
        s.name = bad;
        EXPECT_TRUE(hasError(validateStreet(s), "name", codes::InvalidFormat, kUtf8));
    }
}

TEST(ToStatus, OkWhenNoErrorsElseValidationFailedWithAllFields)
{
    EXPECT_TRUE(toStatus({}).ok());
    const Status s = toStatus({FieldError{"title", "required", {}}, FieldError{"priority", "out_of_range", {}}});
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, codes::ValidationFailed);
    EXPECT_EQ(s.error().fields.size(), 2u);
}
