// SPDX-License-Identifier: MIT
#include "Samples.h"
#include "TestDatabase.h"

#include "store/AssetRepository.h"
#include "store/Sql.h"

#include "yanghu/core/rules/ErrorCodes.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace yanghu::store::test {
namespace {

class Transactions : public StoreTest {
protected:
    AssetRepository assets;
};

TEST_P(Transactions, AFailingSecondInsertLeavesNoRowAndNoChangeLog)
{
    auto result = m_store->write([&](Tx& tx) -> Result<Asset> {
        auto first = assets.insert(tx, sampleInlet("YS-000007"));
        if (!first) return first;
        return assets.insert(tx, sampleInlet("YS-000007")); // UNIQUE code
    });
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, codes::Duplicate);
    EXPECT_EQ(result.error().params.at("field"), "code");
    EXPECT_EQ(count("asset"), 0);
    EXPECT_EQ(count("change_log"), 0);
}

TEST_P(Transactions, AnExceptionRollsBackAndIsRethrown)
{
    EXPECT_THROW(m_store->write([&](Tx& tx) -> Status {
        if (!assets.insert(tx, sampleInlet("YS-000008")).ok()) return Error::of("unexpected");
        throw std::runtime_error("disk on fire");
    }),
                 std::runtime_error);
    EXPECT_EQ(count("asset"), 0);
    EXPECT_EQ(count("change_log"), 0);
}

TEST_P(Transactions, AnErrorResultRollsBackEverything)
{
    auto result = m_store->write([&](Tx& tx) -> Status {
        (void)assets.insert(tx, sampleInlet("YS-000009"));
        return Error::of("validation_failed");
    });
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(count("asset"), 0);
    EXPECT_EQ(count("change_log"), 0);
}

TEST_P(Transactions, ASuccessfulWriteCommitsRowsAndLogTogether)
{
    auto result = m_store->write([&](Tx& tx) -> Status {
        for (int i = 0; i < 3; ++i)
            if (!assets.insert(tx, sampleInlet("YS-00010" + std::to_string(i))).ok()) return Error::of("failed");
        return success();
    });
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(count("asset"), 3);
    auto log = changeLog();
    ASSERT_EQ(log.size(), 3u);
    auto session = m_db->session();
    auto txIds = sql::query(session, "SELECT DISTINCT tx_id FROM change_log", {}, {SqlType::Text});
    EXPECT_EQ(txIds.size(), 1u);
}

TEST(DatabaseOpen, AnUnreachablePostgreSQLNamesTheUrlWithoutThePassword)
{
    try {
        (void)Database::open("postgresql://yh:s3cret@127.0.0.1:1/nowhere");
        FAIL() << "expected an exception";
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("127.0.0.1:1/nowhere"), std::string::npos) << what;
        EXPECT_EQ(what.find("s3cret"), std::string::npos) << what;
    }
}

TEST(DatabaseOpen, SQLiteCreatesParentDirectories)
{
    auto dir = std::filesystem::temp_directory_path() / ("yanghu-open-" + std::to_string(getpid()));
    {
        auto db = Database::open("sqlite:" + (dir / "a" / "b" / "central.db").string());
        EXPECT_EQ(db->dialect(), Dialect::SQLite);
    }
    EXPECT_TRUE(std::filesystem::exists(dir / "a" / "b" / "central.db"));
    std::filesystem::remove_all(dir);
}

// Tx::attempt (one push operation): a refused step leaves neither its rows nor its change-log
// entries, a failed statement inside it (which aborts a PostgreSQL transaction) does not stop
// the steps after it, and the steps that succeeded commit with the transaction.
TEST_P(Transactions, ARefusedStepIsUndoneAndTheTransactionGoesOn)
{
    auto result = m_store->write([&](Tx& tx) -> Status {
        auto kept = tx.attempt([&] { return assets.insert(tx, sampleInlet("YS-000201")); });
        if (!kept) return kept.error();
        auto refused = tx.attempt([&]() -> Result<Asset> {
            auto inserted = assets.insert(tx, sampleInlet("YS-000202"));
            if (!inserted) return inserted;
            return Error::of("validation_failed");
        });
        EXPECT_FALSE(refused.ok());
        auto clash = tx.attempt([&] { return assets.insert(tx, sampleInlet("YS-000201")); }); // UNIQUE code
        EXPECT_EQ(clash.error().code, codes::Duplicate);
        EXPECT_THROW(tx.attempt([&]() -> Status { throw std::runtime_error("bug"); }), std::runtime_error);
        auto after = tx.attempt([&] { return assets.insert(tx, sampleInlet("YS-000203")); });
        if (!after) return after.error();
        return success();
    });
    ASSERT_TRUE(result.ok()) << result.error().code;
    EXPECT_EQ(count("asset"), 2);
    EXPECT_EQ(count("change_log"), 2);
    auto codesStored = m_store->read(
        [&](Tx& tx) { return sql::query(tx.session(), "SELECT code FROM asset ORDER BY code", {}, {SqlType::Text}); });
    ASSERT_EQ(codesStored.size(), 2u);
    EXPECT_EQ(std::get<std::string>(codesStored[0][0]), "YS-000201");
    EXPECT_EQ(std::get<std::string>(codesStored[1][0]), "YS-000203");
}

// A burst of writers (a shift's laptops pushing at once) on SQLite, where one writes at a
// time: those in line hold no pooled session, so readers (token checks, pulls) still get one.
// Every write lands; on PostgreSQL writers of different rows run side by side.
TEST_P(Transactions, WritersInLineHoldNoSessionAndAllLand)
{
    constexpr int kWriters = 24;
    std::atomic<int> mostSessionsInUse{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
        writers.emplace_back([&, w] {
            auto result = m_store->write([&](Tx& tx) -> Status {
                const int used = m_db->poolStats().used;
                for (int seen = mostSessionsInUse.load();
                     used > seen && !mostSessionsInUse.compare_exchange_weak(seen, used);) {
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(5)); // the others queue meanwhile
                auto inserted = assets.insert(tx, sampleInlet("YS-3" + std::to_string(10000 + w)));
                if (!inserted) return inserted.error();
                return success();
            });
            EXPECT_TRUE(result.ok());
        });
    }
    // A reader in the middle of the burst gets its session and its answer.
    const auto seen = m_store->read(
        [&](Tx& tx) { return sql::query(tx.session(), "SELECT count(*) FROM asset", {}, {SqlType::Int}); });
    EXPECT_EQ(seen.size(), 1u);
    for (auto& t : writers) t.join();
    EXPECT_EQ(count("asset"), kWriters);
    EXPECT_EQ(count("change_log"), kWriters);
    if (GetParam() == Backend::SQLite) {
        EXPECT_LE(mostSessionsInUse.load(), 2) << "the writer and at most the reader";
        EXPECT_GT(m_db->poolStats().writerWaits, 0u) << "writers queued for their turn";
    }
}

YANGHU_BOTH_BACKENDS(Transactions);

} // namespace
} // namespace yanghu::store::test
