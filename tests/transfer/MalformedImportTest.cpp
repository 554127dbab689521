// SPDX-License-Identifier: MIT
#include "transfer/AssetImporter.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace yanghu;
using namespace yanghu::transfer;

namespace {

ImportResult importCsv(std::string_view text, ImportOptions options)
{
    return importAssets(text, ImportFormat::Csv, options);
}

bool hasIssue(const ImportResult& r, int line, const std::string& field, const std::string& code)
{
    return std::any_of(r.issues.begin(), r.issues.end(), [&](const ImportIssue& i) {
        return i.lineOrFeature == line && i.field == field && i.code == code;
    });
}

constexpr std::string_view Header = "source_id,code,kind,lon,lat\r\n";

} // namespace

TEST(MalformedImport, UnterminatedQuoteRefusesTheWholeFileWithItsLine)
{
    test::Ids ids;
    const std::string text = std::string(Header) + "a1,YS-1,storm_inlet,114.5,36.6\r\n" +
                             "a2,\"YS-2,storm_inlet,114.5,36.6\r\na3,YS-3,storm_inlet,114.5,36.6\r\n";
    auto r = importCsv(text, ImportOptions{ids.generator});
    ASSERT_TRUE(r.fileError);
    EXPECT_EQ(r.fileError->lineOrFeature, 3);
    EXPECT_EQ(r.fileError->code, "invalid_format");
    EXPECT_EQ(r.fileError->params.at("expected"), "closing_quote");
    EXPECT_EQ(r.accepted, 0u);
    EXPECT_TRUE(r.assets.empty());
    EXPECT_EQ(r.read, r.rejected);
}

TEST(MalformedImport, WrongFieldCountRejectsOnlyThatRow)
{
    test::Ids ids;
    const std::string text = std::string(Header) + "a1,YS-1,storm_inlet,114.5\r\na2,YS-2,storm_inlet,114.5,36.6\r\n";
    auto r = importCsv(text, ImportOptions{ids.generator});
    EXPECT_FALSE(r.fileError);
    EXPECT_EQ(r.read, 2u);
    EXPECT_EQ(r.accepted, 1u);
    EXPECT_TRUE(hasIssue(r, 2, "", "invalid_format"));
}

TEST(MalformedImport, LatitudeOutOfRangeAndBadNumbersAreRejectedPerRow)
{
    test::Ids ids;
    const std::string text = std::string(Header) + "a1,YS-1,storm_inlet,114.5,123\r\n" +
                             "a2,YS-2,storm_inlet,east,36.6\r\n" + "a3,YS-3,storm_inlet,,\r\n" +
                             "a4,YS-4,storm_inlet,114.5,36.6\r\n";
    auto r = importCsv(text, ImportOptions{ids.generator});
    EXPECT_EQ(r.read, 4u);
    EXPECT_EQ(r.accepted, 1u);
    EXPECT_EQ(r.rejected, 3u);
    EXPECT_TRUE(std::any_of(r.issues.begin(), r.issues.end(), [](const ImportIssue& i) {
        return i.lineOrFeature == 2 && i.code == "out_of_range" && i.field.find("lat") != std::string::npos;
    }));
    EXPECT_TRUE(hasIssue(r, 3, "lon", "invalid_format"));
    EXPECT_TRUE(hasIssue(r, 4, "lon", "required"));
    EXPECT_TRUE(hasIssue(r, 4, "lat", "required"));
    EXPECT_EQ(r.assets.at(0).sourceId, "a4");
}

TEST(MalformedImport, UnknownKindNameInARowIsRejected)
{
    test::Ids ids;
    const std::string text = std::string(Header) + "a1,YS-1,sewer_thing,114.5,36.6\r\n";
    auto r = importCsv(text, ImportOptions{ids.generator});
    EXPECT_EQ(r.accepted, 0u);
    ASSERT_TRUE(hasIssue(r, 2, "kind", "invalid_enum"));
    EXPECT_EQ(r.issues.at(0).params.at("value"), "sewer_thing");
}

TEST(MalformedImport, UnknownKindNameInAMappingRefusesTheFile)
{
    test::Ids ids;
    ImportOptions o{ids.generator};
    o.mapping = nlohmann::json::parse(R"({"name":"m","kind":"sewer_thing","fields":{"source_id":"ID"}})");
    auto r = importCsv("ID,x\r\n1,2\r\n", o);
    ASSERT_TRUE(r.fileError);
    EXPECT_EQ(r.fileError->field, "mapping");
    EXPECT_TRUE(hasIssue(r, 0, "mapping.kind", "invalid_enum"));
    EXPECT_EQ(r.accepted, 0u);
}

TEST(MalformedImport, KindOptionContradictingTheRowIsReported)
{
    test::Ids ids;
    ImportOptions o{ids.generator};
    o.kind = AssetKind::Manhole;
    auto r = importCsv(std::string(Header) + "a1,YS-1,storm_inlet,114.5,36.6\r\n", o);
    EXPECT_EQ(r.accepted, 0u);
    EXPECT_TRUE(hasIssue(r, 2, "kind", "mismatch"));
}

TEST(MalformedImport, KindOptionFillsRowsWithoutKind)
{
    test::Ids ids;
    ImportOptions o{ids.generator};
    o.kind = AssetKind::Manhole;
    auto r = importCsv("source_id,code,lon,lat,cover_material\r\nm1,JG-1,114.5,36.6,铸铁\r\n", o);
    ASSERT_EQ(r.accepted, 1u);
    EXPECT_EQ(r.assets[0].kind, AssetKind::Manhole);
    EXPECT_EQ(std::get<ManholeAttributes>(r.assets[0].attributes).coverMaterial, "铸铁");
}

TEST(MalformedImport, NotJsonGeoJsonRefusesTheFile)
{
    test::Ids ids;
    auto r = importAssets(std::string_view("{\"type\": \"FeatureCollection\", \"features\": [ oops"), ImportFormat::GeoJson,
                          ImportOptions{ids.generator});
    ASSERT_TRUE(r.fileError);
    EXPECT_EQ(r.fileError->code, "malformed_json");
    EXPECT_FALSE(r.fileError->params.at("offset").empty());
    EXPECT_EQ(r.accepted, 0u);
}

TEST(MalformedImport, JsonThatIsNotAFeatureCollectionRefusesTheFile)
{
    test::Ids ids;
    auto r = importAssets(std::string_view(R"({"type":"Feature"})"), ImportFormat::GeoJson, ImportOptions{ids.generator});
    ASSERT_TRUE(r.fileError);
    EXPECT_EQ(r.fileError->code, "invalid_format");
    EXPECT_EQ(r.fileError->params.at("expected"), "FeatureCollection");
}

TEST(MalformedImport, GeoJsonFeatureWithoutGeometryIsRejectedByNumber)
{
    test::Ids ids;
    auto r = importAssets(std::string_view(R"({"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":null,"properties":{"source_id":"a","code":"c","kind":"manhole"}},
        {"type":"Feature","geometry":{"type":"Point","coordinates":[114.5,36.6]},"properties":{"source_id":"b","code":"d","kind":"manhole"}}]})"),
                          ImportFormat::GeoJson, ImportOptions{ids.generator});
    EXPECT_EQ(r.accepted, 1u);
    EXPECT_EQ(r.rejected, 1u);
    EXPECT_TRUE(hasIssue(r, 1, "geometry", "required"));
}

TEST(MalformedImport, FileWithoutSourceIdColumnIsRefusedOnce)
{
    test::Ids ids;
    auto r = importCsv("name,lon,lat\r\nx,1,2\r\ny,1,2\r\n", ImportOptions{ids.generator});
    ASSERT_TRUE(r.fileError);
    EXPECT_EQ(r.fileError->field, "source_id");
    EXPECT_EQ(r.fileError->code, "required");
    EXPECT_TRUE(r.issues.empty());
}

TEST(MalformedImport, EmptyFileIsRefused)
{
    test::Ids ids;
    auto r = importCsv("", ImportOptions{ids.generator});
    ASSERT_TRUE(r.fileError);
    EXPECT_EQ(r.fileError->field, "header");
}

TEST(MalformedImport, UnmappedConditionValueIsReportedWithItsColumn)
{
    test::Ids ids;
    ImportOptions o{ids.generator};
    o.mappingName = "cambridge_pedestrian_ramps";
    auto r = importAssets(std::string_view(R"({"type":"FeatureCollection","features":[
        {"type":"Feature","id":7,"geometry":{"type":"Point","coordinates":[-71.1,42.37]},"properties":{"GlobalID":"{AB}","CONDITION":"X"}}]})"),
                          ImportFormat::GeoJson, o);
    EXPECT_EQ(r.accepted, 0u);
    ASSERT_TRUE(hasIssue(r, 1, "condition_grade", "invalid_enum"));
    EXPECT_EQ(r.issues[0].params.at("column"), "CONDITION");
    EXPECT_EQ(r.issues[0].params.at("value"), "X");
}

TEST(MalformedImport, BadDateInAMappedColumnIsReported)
{
    test::Ids ids;
    auto r = importCsv("source_id,code,kind,lon,lat,last_cleaned\r\na,b,storm_inlet,1,2,31/31/2020\r\n",
                       ImportOptions{ids.generator});
    EXPECT_EQ(r.accepted, 0u);
    EXPECT_TRUE(hasIssue(r, 2, "last_cleaned", "invalid_date"));
}

TEST(ImportMapping, TwoDigitYearsFollowThePivot)
{
    test::Ids ids;
    ImportOptions o{ids.generator};
    o.mappingName = "cambridge_catch_basins";
    const std::string text = "FACILITYID,LIFECYCLES,GRATETYPE,LastCleanD,x,y\r\n"
                             "A,IS,D,3/30/29 0:00,-71.1,42.37\r\n"
                             "B,ABN, ,12/1/30 0:00,-71.1,42.37\r\n"
                             "C, ,UNK,2/29/2000 11:00:00 AM,-71.1,42.37\r\n";
    auto r = importCsv(text, o);
    ASSERT_EQ(r.accepted, 3u);
    using namespace std::chrono;
    EXPECT_EQ(std::get<StormInletAttributes>(r.assets[0].attributes).lastCleaned, (Date{year{2029}, month{3}, day{30}}));
    EXPECT_EQ(std::get<StormInletAttributes>(r.assets[1].attributes).lastCleaned, (Date{year{1930}, month{12}, day{1}}));
    EXPECT_EQ(std::get<StormInletAttributes>(r.assets[2].attributes).lastCleaned, (Date{year{2000}, month{2}, day{29}}));
    EXPECT_EQ(r.assets[1].status, AssetStatus::Removed);
    EXPECT_EQ(r.assets[2].status, AssetStatus::InService); // blank lifecycle: default
    EXPECT_FALSE(std::get<StormInletAttributes>(r.assets[1].attributes).grateType);
    EXPECT_FALSE(std::get<StormInletAttributes>(r.assets[2].attributes).grateType);
}

TEST(ImportMapping, EveryBuiltinParses)
{
    for (const auto& name : ImportMapping::builtinNames()) {
        auto m = ImportMapping::builtin(name);
        ASSERT_TRUE(m.ok()) << name;
        EXPECT_EQ(m->name, name);
    }
    EXPECT_FALSE(ImportMapping::builtin("nope").ok());
}

TEST(ImportMapping, UserMappingRenamesColumnsAndMapsValues)
{
    test::Ids ids;
    ImportOptions o{ids.generator};
    o.mapping = nlohmann::json::parse(R"({
        "name": "district_wells", "kind": "manhole", "code_prefix": "JG-",
        "fields": {"source_id": "编号", "lon": "经度", "lat": "纬度",
                   "condition_grade": {"column": "状况", "values": {"好": 1, "差": 4}},
                   "diameter_mm": {"column": "直径", "unknown": ["-"]}}})");
    auto r = importCsv("编号,经度,纬度,状况,直径,备注\n0001,114.49,36.61,差,700,异响\n0002,114.50,36.62,好,-,\n", o);
    ASSERT_EQ(r.accepted, 2u) << (r.issues.empty() ? "" : r.issues[0].code + " " + r.issues[0].field);
    EXPECT_EQ(r.mappingName, "district_wells");
    EXPECT_EQ(r.assets[0].code, "JG-0001");
    EXPECT_EQ(r.assets[0].conditionGrade, 4);
    EXPECT_EQ(std::get<ManholeAttributes>(r.assets[0].attributes).diameterMm, 700.0);
    EXPECT_EQ(r.assets[0].extra["备注"], "异响");
    EXPECT_FALSE(std::get<ManholeAttributes>(r.assets[1].attributes).diameterMm);
    EXPECT_FALSE(r.assets[1].extra.contains("备注"));
}
