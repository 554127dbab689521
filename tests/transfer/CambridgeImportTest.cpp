// SPDX-License-Identifier: MIT
// The two real Cambridge (MA) inventories in tests/data, imported with the built-in mappings.
// Expected figures were counted independently with Python's csv/json modules (see the report
// of the transfer work): 5,457 rows, 22 FACILITYIDs repeated (23 later rows), 4,605 ramps.
#include "transfer/AssetImporter.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>

using namespace yanghu;
using namespace yanghu::transfer;

namespace {

const Asset* bySourceId(const ImportResult& r, const std::string& id)
{
    auto it = std::find_if(r.assets.begin(), r.assets.end(), [&](const Asset& a) { return a.sourceId == id; });
    return it == r.assets.end() ? nullptr : &*it;
}

class CatchBasins : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        std::ifstream in(test::dataPath("cambridge_catchbasins.csv"), std::ios::binary);
        ASSERT_TRUE(in);
        test::Ids ids;
        s_result = new ImportResult(importAssets(in, ImportFormat::Csv, ImportOptions{ids.generator}));
    }
    static void TearDownTestSuite() { delete s_result; }
    static ImportResult* s_result;
};
ImportResult* CatchBasins::s_result = nullptr;

} // namespace

TEST_F(CatchBasins, AreDetectedAsTheCambridgeMapping)
{
    EXPECT_FALSE(s_result->fileError);
    EXPECT_EQ(s_result->mappingName, "cambridge_catch_basins");
}

TEST_F(CatchBasins, EveryRowIsAcceptedOrRejectedWithExactCounts)
{
    const auto& r = *s_result;
    EXPECT_EQ(r.read, 5457u);
    EXPECT_EQ(r.accepted, 5434u);
    EXPECT_EQ(r.rejected, 23u);
    EXPECT_EQ(r.assets.size(), r.accepted);
    EXPECT_EQ(r.issues.size(), 23u);
}

TEST_F(CatchBasins, ReportsTheTwentyTwoDuplicatedFacilityIds)
{
    std::map<std::string, int> laterRows;
    for (const auto& i : s_result->issues) {
        EXPECT_EQ(i.code, "duplicate");
        EXPECT_EQ(i.field, "source_id");
        ++laterRows[i.params.at("value")];
    }
    EXPECT_EQ(laterRows.size(), 22u);
    EXPECT_EQ(laterRows["D07CBN0531"], 2);
    auto d = std::find_if(s_result->issues.begin(), s_result->issues.end(),
                          [](const ImportIssue& i) { return i.params.at("value") == "D07CBN0531"; });
    ASSERT_NE(d, s_result->issues.end());
    EXPECT_EQ(d->lineOrFeature, 3819);
    EXPECT_EQ(d->params.at("first_line"), "3620");
}

TEST_F(CatchBasins, MapsFieldsCodesAndStatus)
{
    const Asset* a = bySourceId(*s_result, "D32CBN0446"); // line 2
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->kind, AssetKind::StormInlet);
    EXPECT_EQ(a->code, "YS-D32CBN0446");
    EXPECT_EQ(a->status, AssetStatus::InService);
    ASSERT_EQ(a->geometry.size(), 1u);
    EXPECT_DOUBLE_EQ(a->geometry[0].lon, -71.13905169);
    EXPECT_DOUBLE_EQ(a->geometry[0].lat, 42.37492594);
    const auto& attrs = std::get<StormInletAttributes>(a->attributes);
    EXPECT_EQ(attrs.grateType, "D");
    using namespace std::chrono;
    EXPECT_EQ(attrs.lastCleaned, (Date{year{2009}, month{3}, day{30}})); // "3/30/09 0:00"

    const auto removed = std::count_if(s_result->assets.begin(), s_result->assets.end(),
                                       [](const Asset& x) { return x.status == AssetStatus::Removed; });
    EXPECT_EQ(removed, 18); // LIFECYCLES = ABN
}

TEST_F(CatchBasins, SentinelsBecomeUnknown)
{
    int installKnown = 0, lastCleanedKnown = 0, elevationKnown = 0, grateKnown = 0;
    for (const auto& a : s_result->assets) {
        if (a.extra.contains("INSTALLDAT")) {
            ++installKnown;
            EXPECT_NE(a.extra["INSTALLDAT"], "1/1/1753 12:00:00 AM");
        }
        if (a.extra.contains("SURFACEELE")) {
            ++elevationKnown;
            EXPECT_NE(a.extra["SURFACEELE"], "999");
        }
        if (a.extra.contains("INVERTELEV")) {
            EXPECT_NE(a.extra["INVERTELEV"], "999");
        }
        const auto& attrs = std::get<StormInletAttributes>(a.attributes);
        if (attrs.lastCleaned) ++lastCleanedKnown;
        if (attrs.grateType) ++grateKnown;
    }
    EXPECT_EQ(installKnown, 2058);     // 2,861 accepted rows carry the 1/1/1753 sentinel
    EXPECT_EQ(lastCleanedKnown, 4266); // the rest are blank
    EXPECT_EQ(elevationKnown, 1210);
    EXPECT_EQ(grateKnown, 5128);       // blank and UNK are unknown

    const Asset* a = bySourceId(*s_result, "D37CBN1731"); // installed "11/26/74 0:00"
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->extra["INSTALLDAT"], "11/26/74 0:00"); // kept verbatim
    using namespace std::chrono;
    EXPECT_EQ(std::get<StormInletAttributes>(a->attributes).lastCleaned, (Date{year{2011}, month{10}, day{21}}));
}

TEST_F(CatchBasins, SingleSpaceBlanksAreNotKeptAndUnknownColumnsAre)
{
    int comments = 0;
    for (const auto& a : s_result->assets) {
        for (const auto& [k, v] : a.extra.items()) {
            ASSERT_TRUE(v.is_string()) << k;
            EXPECT_NE(v.get<std::string>(), " ") << a.sourceId << " " << k;
            EXPECT_FALSE(v.get<std::string>().empty());
        }
        // Mapped columns never reappear in extra.
        for (const char* mapped : {"FACILITYID", "x", "y", "LIFECYCLES", "GRATETYPE", "LastCleanD"})
            EXPECT_FALSE(a.extra.contains(mapped)) << mapped;
        if (a.extra.contains("COMMENTS")) ++comments;
    }
    EXPECT_EQ(comments, 667);
    const Asset* a = bySourceId(*s_result, "D32CBN0446");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->extra["ADDRESS"], "MT AUBURN");
    EXPECT_EQ(a->extra["ARCFMID"], "SCB000002677");
    EXPECT_EQ(a->extra["FID"], "1");
    EXPECT_FALSE(a->extra.contains("COMMENTS")); // " " in the file
}

TEST_F(CatchBasins, CoordinatesLieInsideCambridge)
{
    for (const auto& a : s_result->assets) {
        ASSERT_EQ(a.geometry.size(), 1u);
        EXPECT_GT(a.geometry[0].lon, -71.161);
        EXPECT_LT(a.geometry[0].lon, -71.064);
        EXPECT_GT(a.geometry[0].lat, 42.352);
        EXPECT_LT(a.geometry[0].lat, 42.404);
    }
}

TEST_F(CatchBasins, GetsDistinctFreshIds)
{
    std::set<Uuid> ids;
    for (const auto& a : s_result->assets) ids.insert(a.id);
    EXPECT_EQ(ids.size(), s_result->assets.size());
    EXPECT_EQ(s_result->assets.front().id.version(), 7);
}

TEST(PedestrianRamps, AllFeaturesAreAccountedForWithConditionAndWidth)
{
    test::Ids ids;
    const std::string text = test::readFile(test::dataPath("cambridge_pedestrian_ramps.geojson"));
    const auto r = importAssets(std::string_view(text), ImportFormat::GeoJson, ImportOptions{ids.generator});
    ASSERT_FALSE(r.fileError);
    EXPECT_EQ(r.mappingName, "cambridge_pedestrian_ramps");
    EXPECT_EQ(r.read, 4605u);
    EXPECT_EQ(r.accepted, 4605u);
    EXPECT_EQ(r.rejected, 0u);
    EXPECT_TRUE(r.issues.empty());

    std::map<std::optional<int>, int> grades;
    int widths = 0, locations = 0, dates = 0;
    for (const auto& a : r.assets) {
        EXPECT_EQ(a.kind, AssetKind::SidewalkSegment);
        ++grades[a.conditionGrade];
        if (std::get<SidewalkAttributes>(a.attributes).widthM) ++widths;
        if (a.extra.contains("LOCATION")) ++locations;
        if (a.extra.contains("date")) ++dates;
        EXPECT_FALSE(a.extra.contains("CONDITION"));
        EXPECT_FALSE(a.extra.contains("GlobalID"));
        EXPECT_FALSE(a.extra.contains("SW_WIDTH"));
    }
    EXPECT_EQ(grades[1], 3262); // E
    EXPECT_EQ(grades[2], 771);  // G
    EXPECT_EQ(grades[3], 495);  // F
    EXPECT_EQ(grades[4], 72);   // P
    EXPECT_EQ(grades[std::nullopt], 5);
    EXPECT_EQ(widths, 2754);    // absent on 1,268 features, 0 (unknown) on 583
    EXPECT_EQ(locations, 2008); // sparse: absent keys stay absent
    EXPECT_EQ(dates, 3188);

    const Asset& first = r.assets.front();
    EXPECT_EQ(first.sourceId, "5C457D9C-D618-4F9A-9D29-82D9CF507D3C");
    EXPECT_EQ(first.code, "RX-1");
    EXPECT_EQ(first.conditionGrade, 2);
    EXPECT_NEAR(*std::get<SidewalkAttributes>(first.attributes).widthM, 8.1 * 0.3048, 1e-6); // feet -> m
    EXPECT_EQ(first.extra["LOCATION"], "PORTLAND+WASHINGTON");
    EXPECT_EQ(first.extra["F_TOTAL"], 2.0); // numbers stay numbers

    const Asset& sparse = r.assets[515]; // feature 516 has neither LOCATION nor CONDITION
    EXPECT_FALSE(sparse.extra.contains("LOCATION"));
    EXPECT_EQ(sparse.code, "RX-516");
    EXPECT_EQ(sparse.conditionGrade, std::nullopt);
}
