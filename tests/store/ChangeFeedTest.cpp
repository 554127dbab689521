// SPDX-License-Identifier: MIT
// The change log as a feed (store/ChangeFeed.h): numbered in commit order, so a cursor never
// skips a transaction that was slow to commit; rolled-back writes leave nothing; epochs.
#include "Samples.h"
#include "TestDatabase.h"

#include "store/ChangeFeed.h"
#include "store/StreetRepository.h"

#include <future>
#include <thread>

namespace yanghu::store::test {
namespace {

class ChangeFeed : public StoreTest {
protected:
    std::vector<ChangeRef> after(std::int64_t since)
    {
        return m_store->read([&](Tx& tx) { return changesAfter(tx, since, 1000); });
    }
    SyncState state()
    {
        return m_store->read([](Tx& tx) { return readSyncState(tx); });
    }
    StreetRepository streets;
};

TEST_P(ChangeFeed, ATransactionThatCommitsLaterIsNumberedLaterWhenItsRowsWereWrittenFirst)
{
    if (GetParam() == Backend::SQLite)
        GTEST_SKIP() << "SQLite has one writer at a time: a second write waits for the first to commit";
    // T1 writes its row first, then stalls before committing; T2 writes and commits meanwhile.
    std::promise<void> written, release;
    auto proceed = release.get_future().share();
    auto t1 = std::async(std::launch::async, [&] {
        return m_store->write([&](Tx& tx) -> Result<Street> {
            auto s = streets.insert(tx, sampleStreet("慢路", "丛台区"));
            written.set_value();
            proceed.wait();
            return s;
        });
    });
    written.get_future().wait();
    auto quick = m_store->write([&](Tx& tx) { return streets.insert(tx, sampleStreet("快路", "丛台区")); });
    ASSERT_TRUE(quick.ok());

    // A replica pulls now: it sees T2's change and keeps its seq as the cursor.
    auto first = after(0);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].rowId, quick->id);
    const std::int64_t cursor = first[0].seq;

    release.set_value();
    auto slow = t1.get();
    ASSERT_TRUE(slow.ok());
    // T1's change comes after the cursor: nothing was skipped.
    auto next = after(cursor);
    ASSERT_EQ(next.size(), 1u);
    EXPECT_EQ(next[0].rowId, slow->id);
    EXPECT_GT(next[0].seq, cursor);
}

TEST_P(ChangeFeed, EntriesAreNumberedWithoutGapsInCommitOrderAndRollbacksLeaveNone)
{
    const auto before = state();
    ASSERT_TRUE(m_store->write([&](Tx& tx) -> Status {
        for (const char* name : {"一路", "二路", "三路"})
            if (!streets.insert(tx, sampleStreet(name)).ok()) return Error::of("failed");
        return success();
    }).ok());
    auto failed = m_store->write([&](Tx& tx) -> Status {
        if (!streets.insert(tx, sampleStreet("回滚路")).ok()) return Error::of("failed");
        return Error::of("rolled_back");
    });
    EXPECT_FALSE(failed.ok());
    ASSERT_TRUE(m_store->write([&](Tx& tx) { return streets.insert(tx, sampleStreet("四路")); }).ok());

    auto log = after(before.lastSeq);
    ASSERT_EQ(log.size(), 4u);
    for (std::size_t i = 0; i < log.size(); ++i) EXPECT_EQ(log[i].seq, before.lastSeq + 1 + static_cast<std::int64_t>(i));
    EXPECT_EQ(state().lastSeq, before.lastSeq + 4);
    EXPECT_EQ(after(log.back().seq).size(), 0u);
}

TEST_P(ChangeFeed, ANewEpochDiffersAndKeepsTheWholeHistoryForTheDownloadsItCauses)
{
    ASSERT_TRUE(m_store->write([&](Tx& tx) { return streets.insert(tx, sampleStreet()); }).ok());
    const auto before = state();
    EXPECT_EQ(before.epoch.size(), 32u);
    auto epoch = m_store->write([](Tx& tx) -> Result<std::string> { return startNewEpoch(tx); });
    ASSERT_TRUE(epoch.ok());
    const auto now = state();
    EXPECT_EQ(now.epoch, *epoch);
    EXPECT_NE(now.epoch, before.epoch);
    EXPECT_EQ(now.historyFrom, before.historyFrom);
    EXPECT_EQ(now.lastSeq, before.lastSeq);
}

YANGHU_BOTH_BACKENDS(ChangeFeed);

} // namespace
} // namespace yanghu::store::test
