// SPDX-License-Identifier: MIT
#include "Samples.h"

#include "yanghu/core/wire/Codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

using namespace yanghu;
using namespace yanghu::wire;

namespace {

using Params = std::map<std::string, std::string>;

FieldError fe(std::string field, std::string code, Params params = {})
{
    return FieldError{std::move(field), std::move(code), std::move(params)};
}

template <class T>
std::vector<FieldError> errorsOf(const Json& json)
{
    auto result = fromJson<T>(json);
    EXPECT_FALSE(result.ok()) << json.dump();
    if (result.ok()) return {};
    EXPECT_EQ(result.error().code, "validation_failed");
    return result.error().fields;
}

} // namespace

TEST(CodecDecodeErrors, EveryMissingRequiredFieldIsReportedNotJustTheFirst)
{
    EXPECT_EQ(errorsOf<WorkOrder>(Json::object()),
              (std::vector<FieldError>{fe("id", "required"), fe("title", "required"), fe("type", "required")}));
    EXPECT_EQ(errorsOf<CrewShift>(Json::object()),
              (std::vector<FieldError>{fe("id", "required"), fe("crew_id", "required"), fe("date", "required"),
                                       fe("kind", "required")}));
}

TEST(CodecDecodeErrors, NullCountsAsMissingForRequiredAndAsAbsentForOptional)
{
    Json json = toJson(samples::workOrder());
    json["title"] = nullptr;
    json["programme_id"] = nullptr;
    json["assignment"]["crew_id"] = nullptr;
    EXPECT_EQ(errorsOf<WorkOrder>(json), std::vector<FieldError>{fe("title", "required")});

    json["title"] = "t";
    auto decoded = fromJson<WorkOrder>(json);
    ASSERT_TRUE(decoded.ok()) << samples::describe(decoded.error());
    EXPECT_FALSE(decoded->programmeId);
    EXPECT_FALSE(decoded->assignment.crewId);
    EXPECT_EQ(decoded->assignment.routeOrder, 3);
}

TEST(CodecDecodeErrors, NestedProblemsCarryTheirJsonPaths)
{
    Json json = toJson(samples::workOrder());
    json["assignment"]["crew_id"] = "not-a-uuid";
    json["assignment"]["planned_start"] = "2025-03-05 14:00";
    json["labour"][1]["hours"] = "1.5";
    json["notes"][0]["at"] = "yesterday";
    json["materials"][0].erase("material");
    json["due_date"] = "2025-02-30";
    json["type"] = "demolition";
    json["priority"] = 2.5;
    json["asset_ids"][0] = 7;

    EXPECT_EQ(errorsOf<WorkOrder>(json),
              (std::vector<FieldError>{
                  fe("type", "invalid_enum", {{"value", "demolition"}}),
                  fe("asset_ids[0]", "wrong_type", {{"expected", "string"}}),
                  fe("priority", "wrong_type", {{"expected", "integer"}}),
                  fe("due_date", "invalid_date", {{"value", "2025-02-30"}}),
                  fe("assignment.crew_id", "invalid_uuid", {{"value", "not-a-uuid"}}),
                  fe("assignment.planned_start", "invalid_time", {{"value", "2025-03-05 14:00"}}),
                  fe("labour[1].hours", "wrong_type", {{"expected", "number"}}),
                  fe("materials[0].material", "required"),
                  fe("notes[0].at", "invalid_time", {{"value", "yesterday"}}),
              }));
}

TEST(CodecDecodeErrors, GeometryPointsMustBeLonLatPairs)
{
    Json json = toJson(samples::asset(AssetKind::SidewalkSegment));
    json["geometry"] = Json::parse(R"([[114.5, 36.6], [114.5], "x", [1, "2"]])");
    EXPECT_EQ(errorsOf<Asset>(json), (std::vector<FieldError>{fe("geometry[1]", "wrong_type", {{"expected", "[lon, lat]"}}),
                                                             fe("geometry[2]", "wrong_type", {{"expected", "[lon, lat]"}}),
                                                             fe("geometry[3]", "wrong_type", {{"expected", "[lon, lat]"}})}));
}

TEST(CodecDecodeErrors, AttributesAreCheckedAgainstTheAssetsKind)
{
    Json json = toJson(samples::asset(AssetKind::Manhole));
    json["attributes"] = {{"diameter_mm", "700"}, {"load_class", 400}, {"rating", "ignored: not a manhole key"}};
    EXPECT_EQ(errorsOf<Asset>(json), (std::vector<FieldError>{fe("attributes.diameter_mm", "wrong_type", {{"expected", "number"}}),
                                                             fe("attributes.load_class", "wrong_type", {{"expected", "string"}})}));

    auto alone = attributesFromJson(AssetKind::Bridge, Json{{"rating", 7.5}});
    ASSERT_FALSE(alone.ok());
    EXPECT_EQ(alone.error().fields, std::vector<FieldError>{fe("rating", "wrong_type", {{"expected", "integer"}})});
}

TEST(CodecDecodeErrors, UnknownKindSkipsTheAttributesInsteadOfGuessing)
{
    Json json = toJson(samples::asset(AssetKind::Manhole));
    json["kind"] = "lamp_post";
    json["attributes"] = 12;
    EXPECT_EQ(errorsOf<Asset>(json), std::vector<FieldError>{fe("kind", "invalid_enum", {{"value", "lamp_post"}})});
}

TEST(CodecDecodeErrors, ShiftWindowsNeedClockTimes)
{
    Json json = toJson(samples::calendar());
    json["day"]["start"] = "8am";
    json["night"].erase("end");
    json["holidays"][1] = "2025/10/02";
    EXPECT_EQ(errorsOf<ShiftCalendar>(json),
              (std::vector<FieldError>{fe("day.start", "invalid_format", {{"expected", "HH:MM"}}),
                                       fe("night.end", "required"),
                                       fe("holidays[1]", "invalid_date", {{"value", "2025/10/02"}})}));
}

TEST(CodecDecodeErrors, IntegersOutsideTheirFieldAreOutOfRange)
{
    Json json = toJson(samples::crew());
    json["size"] = 1LL << 40;
    EXPECT_EQ(errorsOf<Crew>(json), std::vector<FieldError>{fe("size", "out_of_range", {{"value", "1099511627776"}})});
    json["size"] = 18446744073709551615ULL;
    json["row_version"] = 18446744073709551615ULL;
    EXPECT_EQ(errorsOf<Crew>(json), (std::vector<FieldError>{fe("size", "out_of_range", {{"value", "18446744073709551615"}}),
                                                            fe("row_version", "out_of_range", {{"value", "18446744073709551615"}})}));
}

TEST(CodecDecodeErrors, ExtraMustBeAnObjectButIsOtherwiseVerbatim)
{
    Json json = toJson(samples::asset(AssetKind::StormInlet));
    json["extra"] = Json::array({1, 2});
    EXPECT_EQ(errorsOf<Asset>(json), std::vector<FieldError>{fe("extra", "wrong_type", {{"expected", "object"}})});
}

TEST(CodecDecodeErrors, UnknownKeysAreIgnored)
{
    Json json = toJson(samples::defect());
    json["client_build"] = "2025.3";
    json["meta"] = {{"row_version", "nested meta is not the contract"}};
    auto decoded = fromJson<DefectReport>(json);
    ASSERT_TRUE(decoded.ok()) << samples::describe(decoded.error());
    EXPECT_EQ(*decoded, samples::defect());
}

TEST(CodecDecodeErrors, PasswordHashOnTheWireIsIgnored)
{
    Json json = toJson(samples::user());
    json["password_hash"] = "$argon2id$smuggled";
    auto decoded = fromJson<User>(json);
    ASSERT_TRUE(decoded.ok()) << samples::describe(decoded.error());
    EXPECT_TRUE(decoded->passwordHash.empty());
}

TEST(CodecDecodeErrors, ADocumentThatIsNotAnObjectIsAWrongTypeAtTheRoot)
{
    for (const Json& root : {Json(nullptr), Json(42), Json("x"), Json::array(), Json(true)}) {
        EXPECT_EQ(errorsOf<WorkOrder>(root), std::vector<FieldError>{fe("", "wrong_type", {{"expected", "object"}})});
    }
    EXPECT_EQ(errorsOf<GeoPoint>(Json::object()), std::vector<FieldError>{fe("", "wrong_type", {{"expected", "[lon, lat]"}})});
}

namespace {

bool isLonLat(const Json& json)
{
    return json.is_array() && json.size() == 2 && json[0].is_number() && json[1].is_number();
}

// Every value and container inside `json`, with its path in the decoder's notation. A
// [lon, lat] pair is one value: its problems are reported at the pair.
using PathVisitor = std::function<void(const std::string& path, const Json::json_pointer& pointer)>;

void eachPath(const Json& json, const std::string& path, const Json::json_pointer& pointer, const PathVisitor& visit)
{
    if (!path.empty()) visit(path, pointer);
    if (json.is_object()) {
        for (const auto& [key, value] : json.items())
            eachPath(value, path.empty() ? key : path + "." + key, pointer / key, visit);
    } else if (json.is_array() && !isLonLat(json)) {
        for (std::size_t i = 0; i < json.size(); ++i)
            eachPath(json[i], path + "[" + std::to_string(i) + "]", pointer / i, visit);
    }
}

// Replaces every value of the document in turn with values of every other type: decoding
// never throws, and every error it reports lies at or below the replaced value.
template <class T>
void expectEveryWrongTypeReportedWhereItIs(const T& sample)
{
    const Json original = toJson(sample);
    const std::vector<Json> replacements = {nullptr, true, -1, 1.5, 18446744073709551615ULL, "x", "", Json::array(),
                                            Json::array({Json::array({1})}), Json::object(), Json{{"a", 1}}};
    int failures = 0;
    eachPath(original, "", Json::json_pointer(), [&](const std::string& path, const Json::json_pointer& pointer) {
        for (const Json& replacement : replacements) {
            Json mutated = original;
            mutated[pointer] = replacement;
            std::optional<Result<T>> result;
            EXPECT_NO_THROW(result.emplace(fromJson<T>(mutated))) << path << " = " << replacement.dump();
            if (!result || result->ok()) continue;
            ++failures;
            for (const FieldError& error : result->error().fields) {
                const bool atOrBelow = error.field == path || error.field.starts_with(path + ".") ||
                                       error.field.starts_with(path + "[");
                EXPECT_TRUE(atOrBelow) << path << " = " << replacement.dump() << " reported at " << error.field;
            }
        }
    });
    EXPECT_GT(failures, 0);
}

} // namespace

TEST(CodecDecodeErrors, WrongTypesEverywhereNeverThrowAndAreReportedWhereTheyAre)
{
    expectEveryWrongTypeReportedWhereItIs(samples::street());
    expectEveryWrongTypeReportedWhereItIs(samples::defect());
    expectEveryWrongTypeReportedWhereItIs(samples::workOrder());
    expectEveryWrongTypeReportedWhereItIs(samples::crew());
    expectEveryWrongTypeReportedWhereItIs(samples::calendar());
    expectEveryWrongTypeReportedWhereItIs(samples::crewShift());
    expectEveryWrongTypeReportedWhereItIs(samples::programme());
    expectEveryWrongTypeReportedWhereItIs(samples::user());
    for (const auto& [kind, name] : EnumNames<AssetKind>::table) {
        SCOPED_TRACE(std::string(name));
        expectEveryWrongTypeReportedWhereItIs(samples::asset(kind));
    }
}

TEST(ParseJson, MalformedTextGivesTheByteOffsetOfTheProblem)
{
    auto bad = parse(R"({"a": tru})");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "malformed_json");
    EXPECT_EQ(bad.error().params.at("offset"), "9");
    EXPECT_FALSE(bad.error().params.at("detail").empty());
}

TEST(ParseJson, OffsetCountsBytesNotCharacters)
{
    // "太行东街" is 12 bytes of UTF-8: the stray '}' after the comma is byte 22.
    auto bad = parse(R"({"街":"太行东街",})");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().params.at("offset"), "22");
}

TEST(ParseJson, EmptyAndTruncatedInputAreMalformed)
{
    for (std::string_view text : {"", "   ", "{", R"({"labour": [)", "\xff"}) {
        auto bad = parse(text);
        ASSERT_FALSE(bad.ok()) << text;
        EXPECT_EQ(bad.error().code, "malformed_json");
        EXPECT_TRUE(bad.error().params.contains("offset"));
    }
}

TEST(ParseJson, WellFormedTextParses)
{
    auto good = parse(R"({"street": "太行东街", "n": [1, 2.5, null]})");
    ASSERT_TRUE(good.ok()) << samples::describe(good.error());
    EXPECT_EQ(good->at("street"), "太行东街");
}

TEST(CodecDecodeErrors, UnknownMembersAreIgnoredByDefaultAndRefusedWhenAskedAtEveryDepth)
{
    Json order = toJson(samples::workOrder());
    order["colour"] = "red";
    order["assignment"]["crew_lead"] = "王";
    order["labour"][0]["overtime"] = true;
    order["extra_note"] = nullptr; // null is still a member the entity does not have

    EXPECT_TRUE(fromJson<WorkOrder>(order).ok());
    auto refused = fromJson<WorkOrder>(order, UnknownFields::Refuse);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "validation_failed");
    std::vector<std::string> fields;
    for (const auto& f : refused.error().fields) {
        EXPECT_EQ(f.code, "unknown_field") << f.field;
        fields.push_back(f.field);
    }
    std::sort(fields.begin(), fields.end());
    EXPECT_EQ(fields, (std::vector<std::string>{"assignment.crew_lead", "colour", "extra_note", "labour[0].overtime"}));
}

TEST(CodecDecodeErrors, RefusingUnknownMembersAcceptsEveryKnownOneAndFreeFormExtra)
{
    Json asset = toJson(samples::asset(AssetKind::Manhole));
    asset["extra"] = {{"任何", "键"}, {"nested", {{"deep", 1}}}};
    EXPECT_TRUE(fromJson<Asset>(asset, UnknownFields::Refuse).ok()) << asset.dump();
    EXPECT_TRUE(fromJson<WorkOrder>(toJson(samples::workOrder()), UnknownFields::Refuse).ok());

    Json badKind = asset;
    badKind["kind"] = "tunnel";
    auto refused = fromJson<Asset>(badKind, UnknownFields::Refuse);
    ASSERT_FALSE(refused.ok());
    // The attributes cannot be checked without a kind; they are not reported as unknown.
    ASSERT_EQ(refused.error().fields.size(), 1u);
    EXPECT_EQ(refused.error().fields[0].field, "kind");
}

TEST(ParseJson, NestingDeeperThanSixtyFourLevelsIsRefusedBeforeParsing)
{
    const std::string deep = "{\"text\":" + std::string(5000, '[') + std::string(5000, ']') + "}";
    auto refused = parse(deep);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "malformed_json");
    EXPECT_EQ(refused.error().params.at("offset"), "71"); // the bracket that opens level 65
    // Brackets inside strings do not count; 64 real levels are fine.
    EXPECT_TRUE(parse("{\"s\":\"" + std::string(500, '[') + "\"}").ok());
    EXPECT_TRUE(parse(std::string(63, '[') + "{\"a\":\"\\\"[\"}" + std::string(63, ']')).ok());
}

TEST(ParseJson, ANumberTooLargeForADoubleIsMalformedNotAnException)
{
    auto refused = parse(R"({"username": 1e400})");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "malformed_json");
}
