// SPDX-License-Identifier: MIT
#include "transfer/AssetExporter.h"
#include "transfer/AssetImporter.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace yanghu;
using namespace yanghu::transfer;

namespace {

struct Fixture {
    test::Ids ids;
    Uuid taihang = ids.generator.next();
    Uuid changhan = ids.generator.next();
    ExportLookups lookups{{{taihang, "太行东街"}, {changhan, "长邯路"}}};

    std::vector<Asset> assets()
    {
        using namespace std::chrono;
        std::vector<Asset> out;

        Asset inlet;
        inlet.id = ids.generator.next();
        inlet.kind = AssetKind::StormInlet;
        inlet.code = "YS-00412";
        inlet.sourceId = "D32CBN0446";
        inlet.streetId = taihang;
        inlet.side = StreetSide::Left;
        inlet.chainageFromM = 120.5;
        inlet.chainageToM = 120.5;
        inlet.geometry = {{114.4936812345678, 36.61234567891234}};
        inlet.conditionGrade = 3;
        inlet.attributes = StormInletAttributes{"平箅, \"双\"", Date{year{2025}, month{5}, day{31}}};
        inlet.extra = {{"备注", "太行东街北侧,靠近\"公交站\"\n第二行"}, {"depth", 1.25}, {"nested", {{"a", 1}}}};
        out.push_back(inlet);

        Asset walk;
        walk.id = ids.generator.next();
        walk.kind = AssetKind::SidewalkSegment;
        walk.code = "RX-长邯路-001";
        walk.sourceId = "seg-1";
        walk.streetId = changhan;
        walk.side = StreetSide::Right;
        walk.geometry = {{114.5, 36.6}, {114.5012, 36.6003}, {114.5031, 36.6007}};
        walk.conditionGrade = 1;
        walk.conditionScore = 92.5;
        walk.status = AssetStatus::OutOfService;
        walk.attributes = SidewalkAttributes{"granite_paver", 0.1 + 0.2, 340.0};
        out.push_back(walk);

        Asset bridge;
        bridge.id = ids.generator.next();
        bridge.kind = AssetKind::Bridge;
        bridge.code = "QL-07";
        bridge.sourceId = "bridge-7";
        bridge.geometry = {{114.51, 36.59}};
        bridge.status = AssetStatus::Removed;
        bridge.attributes = BridgeAttributes{32.5, std::nullopt, 6};
        out.push_back(bridge);

        Asset pipe;
        pipe.id = ids.generator.next();
        pipe.kind = AssetKind::PipeSegment;
        pipe.code = "GD-1";
        pipe.sourceId = "p1";
        pipe.geometry = {{114.52, 36.58}, {114.53, 36.58}};
        pipe.attributes = PipeAttributes{600.0, 85.0, "混凝土"};
        out.push_back(pipe);
        return out;
    }
};

void expectSameAssets(const std::vector<Asset>& expected, const ImportResult& r)
{
    ASSERT_FALSE(r.fileError);
    EXPECT_TRUE(r.issues.empty()) << r.issues.front().field << " " << r.issues.front().code;
    ASSERT_EQ(r.assets.size(), expected.size());
    EXPECT_EQ(r.mappingName, "generic");
    for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(r.assets[i], expected[i]) << "asset " << i;
}

} // namespace

TEST(RoundTrip, CsvExportThenImportGivesTheSameAssets)
{
    Fixture f;
    const auto assets = f.assets();
    std::ostringstream out;
    exportAssetsCsv(out, assets, f.lookups);
    const std::string csv = out.str();

    EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBF" "id,source_id,code,kind,"));
    EXPECT_NE(csv.find("\r\n"), std::string::npos);
    EXPECT_NE(csv.find(",太行东街,"), std::string::npos);
    EXPECT_NE(csv.find("\"平箅, \"\"双\"\"\""), std::string::npos);

    const auto r = importAssets(std::string_view(csv), ImportFormat::Csv, ImportOptions{f.ids.generator});
    expectSameAssets(assets, r);
}

TEST(RoundTrip, GeoJsonExportThenImportGivesTheSameAssets)
{
    Fixture f;
    const auto assets = f.assets();
    std::ostringstream out;
    exportAssetsGeoJson(out, assets, f.lookups);
    const auto doc = nlohmann::json::parse(out.str());
    ASSERT_EQ(doc["type"], "FeatureCollection");
    ASSERT_EQ(doc["features"].size(), 4u);
    EXPECT_EQ(doc["features"][0]["geometry"]["type"], "Point");
    EXPECT_EQ(doc["features"][1]["geometry"]["type"], "LineString");
    EXPECT_EQ(doc["features"][0]["properties"]["street"], "太行东街");
    EXPECT_EQ(doc["features"][0]["properties"]["extra"]["depth"], 1.25);
    EXPECT_FALSE(doc["features"][2]["properties"].contains("street_id"));

    std::istringstream in(out.str());
    const auto r = importAssets(in, ImportFormat::GeoJson, ImportOptions{f.ids.generator});
    expectSameAssets(assets, r);
}

TEST(RoundTrip, StreetNameResolvesThroughTheLookupWhenNoIdIsGiven)
{
    test::Ids ids;
    const Uuid street = ids.generator.next();
    ImportOptions o{ids.generator};
    o.streetIdsByName = {{"太行东街", street}};
    auto r = importAssets(std::string_view("source_id,code,kind,lon,lat,street\r\n"
                                           "a,YS-1,storm_inlet,114.5,36.6,太行东街\r\n"
                                           "b,YS-2,storm_inlet,114.5,36.6,无名路\r\n"),
                          ImportFormat::Csv, o);
    ASSERT_EQ(r.accepted, 2u);
    EXPECT_EQ(r.assets[0].streetId, street);
    EXPECT_FALSE(r.assets[1].streetId);
    EXPECT_EQ(r.assets[1].extra["street"], "无名路"); // unresolved names are kept, not lost
}

TEST(RoundTrip, CambridgeImportSurvivesExportAndReimport)
{
    test::Ids ids;
    std::ifstream in(test::dataPath("cambridge_catchbasins.csv"), std::ios::binary);
    const auto first = importAssets(in, ImportFormat::Csv, ImportOptions{ids.generator});
    ASSERT_EQ(first.accepted, 5434u);
    std::ostringstream csv;
    exportAssetsCsv(csv, first.assets);
    const auto again = importAssets(std::string_view(csv.str()), ImportFormat::Csv, ImportOptions{ids.generator});
    ASSERT_EQ(again.accepted, first.accepted);
    EXPECT_EQ(again.assets, first.assets);
}
