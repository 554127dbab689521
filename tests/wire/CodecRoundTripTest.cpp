// SPDX-License-Identifier: MIT
#include "Samples.h"

#include "yanghu/core/wire/Codec.h"

#include <gtest/gtest.h>

using namespace yanghu;
using namespace yanghu::wire;

namespace {

// Through the tree and through the text, the decoded value equals the original.
template <class T>
void expectRoundTrip(const T& original)
{
    const Json json = toJson(original);
    auto direct = fromJson<T>(json);
    ASSERT_TRUE(direct.ok()) << samples::describe(direct.error()) << "\n" << json.dump(2);
    EXPECT_EQ(*direct, original) << json.dump(2);

    auto reparsed = parse(json.dump());
    ASSERT_TRUE(reparsed.ok()) << samples::describe(reparsed.error());
    auto viaText = fromJson<T>(*reparsed);
    ASSERT_TRUE(viaText.ok()) << samples::describe(viaText.error());
    EXPECT_EQ(*viaText, original);
}

} // namespace

TEST(CodecRoundTrip, StreetWithChineseNameSurvives) { expectRoundTrip(samples::street()); }
TEST(CodecRoundTrip, DefectReportWithEmojiSurvives) { expectRoundTrip(samples::defect()); }
TEST(CodecRoundTrip, WorkOrderWithEveryLineKindSurvives) { expectRoundTrip(samples::workOrder()); }
TEST(CodecRoundTrip, CrewSurvives) { expectRoundTrip(samples::crew()); }
TEST(CodecRoundTrip, ShiftCalendarKeepsWindowsAndHolidays) { expectRoundTrip(samples::calendar()); }
TEST(CodecRoundTrip, CrewShiftSurvives) { expectRoundTrip(samples::crewShift()); }
TEST(CodecRoundTrip, ProgrammeSurvives) { expectRoundTrip(samples::programme()); }
TEST(CodecRoundTrip, GeoPointSurvivesAsLonLatPair) { expectRoundTrip(GeoPoint{114.5051, 36.6124}); }

TEST(CodecRoundTrip, AssetOfEveryKindKeepsItsAttributes)
{
    for (const auto& [kind, name] : EnumNames<AssetKind>::table) {
        SCOPED_TRACE(std::string(name));
        expectRoundTrip(samples::asset(kind));
    }
}

TEST(CodecRoundTrip, UserSurvivesWithoutItsPasswordHash)
{
    User withHash = samples::user();
    auto decoded = fromJson<User>(toJson(withHash));
    ASSERT_TRUE(decoded.ok()) << samples::describe(decoded.error());
    EXPECT_TRUE(decoded->passwordHash.empty());
    User withoutHash = withHash;
    withoutHash.passwordHash.clear();
    EXPECT_EQ(*decoded, withoutHash);
}

TEST(CodecRoundTrip, EntitiesWithOnlyDefaultsSurvive)
{
    // A default Date{} is 0000-00-00, which is no date: those two get a real one.
    CrewShift shift;
    shift.date = samples::date("2025-03-05");
    Programme programme;
    programme.deadline = samples::date("2025-06-01");
    expectRoundTrip(Street{});
    expectRoundTrip(Asset{});
    expectRoundTrip(DefectReport{});
    expectRoundTrip(WorkOrder{});
    expectRoundTrip(Crew{});
    expectRoundTrip(ShiftCalendar{});
    expectRoundTrip(shift);
    expectRoundTrip(programme);
    expectRoundTrip(User{});
}

TEST(CodecRoundTrip, ChineseTextTravelsAsUtf8NotEscapes)
{
    const std::string text = toJson(samples::workOrder()).dump();
    EXPECT_NE(text.find("井盖异响，已更换"), std::string::npos);
    EXPECT_NE(text.find("📷"), std::string::npos);
}

TEST(CodecRoundTrip, AttributesAloneRoundTripForTheirKind)
{
    const Asset bridge = samples::asset(AssetKind::Bridge);
    const Json json = attributesToJson(bridge.attributes);
    EXPECT_EQ(json, Json({{"span_m", 32.5}, {"deck_area_m2", 410.0}, {"rating", 7}}));
    auto decoded = attributesFromJson(AssetKind::Bridge, json);
    ASSERT_TRUE(decoded.ok()) << samples::describe(decoded.error());
    EXPECT_EQ(*decoded, bridge.attributes);
}

TEST(CodecRoundTrip, RowMetaEncodesItsFourFields)
{
    EXPECT_EQ(toJson(samples::meta()), Json::parse(R"({"row_version": 42, "deleted": true,
        "created_at": "2025-03-01T08:00:00.000Z", "updated_at": "2025-03-02T09:30:15.250Z"})"));
}
