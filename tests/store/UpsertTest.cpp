// SPDX-License-Identifier: MIT
#include "Samples.h"
#include "TestDatabase.h"

#include "store/AssetRepository.h"

#include <set>

namespace yanghu::store::test {
namespace {

class AssetUpsert : public StoreTest {
protected:
    std::vector<Asset> batch(int n)
    {
        std::vector<Asset> out;
        for (int i = 0; i < n; ++i) out.push_back(sampleInlet("YS-" + std::to_string(2000 + i), std::nullopt, "CB-" + std::to_string(i)));
        return out;
    }
    UpsertCounts upsert(std::vector<Asset>& assets)
    {
        auto r = m_store->write([&](Tx& tx) { return repo.upsertBySourceId(tx, assets); });
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().code);
        return r.ok() ? r.value() : UpsertCounts{};
    }
    AssetRepository repo;
};

TEST_P(AssetUpsert, TwiceGivesNoDuplicatesAndCountsUpdates)
{
    auto first = batch(30);
    EXPECT_EQ(upsert(first), (UpsertCounts{30, 0, 0}));
    std::set<Uuid> ids;
    for (const auto& a : first) ids.insert(a.id);

    auto second = batch(35);
    for (auto& a : second) a.id = Uuid{}; // re-import: the file has no ids
    second[0].conditionGrade = 5;
    second[1].extra["备注"] = "已更换篦子";
    EXPECT_EQ(upsert(second), (UpsertCounts{5, 2, 28}));
    EXPECT_EQ(count("asset"), 35);
    for (int i = 0; i < 30; ++i) EXPECT_TRUE(ids.count(second[i].id)) << i;
    EXPECT_EQ(second[0].meta.rowVersion, 2);
    EXPECT_EQ(second[2].meta.rowVersion, 1);

    auto stored = m_store->read([&](Tx& tx) { return repo.get(tx, second[0].id); }).value();
    EXPECT_EQ(stored.conditionGrade, 5);
    // 30 + 5 inserts, 2 updates.
    EXPECT_EQ(changeLog().size(), 37u);
}

TEST_P(AssetUpsert, ALargeImportIsWrittenInOnePass)
{
    auto assets = batch(1200);
    EXPECT_EQ(upsert(assets), (UpsertCounts{1200, 0, 0}));
    auto again = batch(1200);
    EXPECT_EQ(upsert(again), (UpsertCounts{0, 0, 1200}));
    EXPECT_EQ(count("asset"), 1200);
}

YANGHU_BOTH_BACKENDS(AssetUpsert);

} // namespace
} // namespace yanghu::store::test
