// SPDX-License-Identifier: MIT
#include "Samples.h"

#include "yanghu/core/wire/Codec.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace yanghu;
using namespace yanghu::wire;

namespace {

// The checked-in golden files are the wire contract: a change to them is an API change.
Json golden(const std::string& name)
{
    std::ifstream in(std::string(YANGHU_WIRE_TEST_DATA) + "/" + name, std::ios::binary);
    EXPECT_TRUE(in) << name;
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = parse(text.str());
    EXPECT_TRUE(parsed.ok()) << name;
    return parsed.ok() ? *parsed : Json();
}

} // namespace

TEST(GoldenJson, ManholeAssetEncodesExactlyTheContractKeys)
{
    const Json expected = golden("asset_manhole.json");
    EXPECT_EQ(toJson(samples::asset(AssetKind::Manhole)), expected) << toJson(samples::asset(AssetKind::Manhole)).dump(2);
}

TEST(GoldenJson, WorkOrderEncodesExactlyTheContractKeys)
{
    const Json expected = golden("work_order.json");
    EXPECT_EQ(toJson(samples::workOrder()), expected) << toJson(samples::workOrder()).dump(2);
}

TEST(GoldenJson, GoldenFilesDecodeToTheSamples)
{
    auto asset = fromJson<Asset>(golden("asset_manhole.json"));
    ASSERT_TRUE(asset.ok()) << samples::describe(asset.error());
    EXPECT_EQ(*asset, samples::asset(AssetKind::Manhole));
    auto order = fromJson<WorkOrder>(golden("work_order.json"));
    ASSERT_TRUE(order.ok()) << samples::describe(order.error());
    EXPECT_EQ(*order, samples::workOrder());
}

TEST(GoldenJson, AbsentOptionalFieldsAreOmittedNotNull)
{
    Asset bare = samples::asset(AssetKind::Manhole);
    bare.streetId.reset();
    bare.chainageFromM.reset();
    bare.conditionGrade.reset();
    bare.attributes = ManholeAttributes{};
    const Json json = toJson(bare);
    EXPECT_FALSE(json.contains("street_id"));
    EXPECT_FALSE(json.contains("chainage_from_m"));
    EXPECT_FALSE(json.contains("condition_grade"));
    EXPECT_EQ(json.at("attributes"), Json::object());
    EXPECT_TRUE(json.contains("chainage_to_m"));
}

TEST(GoldenJson, UserNeverCarriesItsPasswordHash)
{
    const User user = samples::user();
    ASSERT_FALSE(user.passwordHash.empty());
    const Json json = toJson(user);
    EXPECT_FALSE(json.contains("password_hash"));
    EXPECT_EQ(json.dump().find("argon2id"), std::string::npos);
    EXPECT_EQ(json.at("role"), "field_crew");
    EXPECT_EQ(json.at("crew_id"), "01950000-0000-7000-8000-000000000005");
}

TEST(GoldenJson, ShiftCalendarUsesLocalClockTimes)
{
    EXPECT_EQ(toJson(samples::calendar()), Json::parse(R"({
        "id": "01950000-0000-7000-8000-000000000006", "name": "邯郸", "utc_offset_minutes": 480,
        "day": {"start": "07:30", "end": "16:30"}, "night": {"start": "21:00", "end": "05:45"},
        "holidays": ["2025-10-01", "2025-10-02"], "row_version": 42, "deleted": true,
        "created_at": "2025-03-01T08:00:00.000Z", "updated_at": "2025-03-02T09:30:15.250Z"})"));
}
