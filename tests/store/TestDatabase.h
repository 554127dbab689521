// SPDX-License-Identifier: MIT
#pragma once

#include "store/Database.h"
#include "store/Store.h"

#include "yanghu/core/Clock.h"
#include "yanghu/core/Uuid.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

namespace yanghu::store::test {

enum class Backend { SQLite, PostgreSQL };
std::string backendName(const ::testing::TestParamInfo<Backend>& info);

// A throw-away, empty database: a fresh SQLite file in a temp directory, or a fresh
// PostgreSQL database created through the server named by YANGHU_TEST_PG (dropped again on
// destruction). `skipReason` is set when the back end is not available.
class ScratchDatabase {
public:
    explicit ScratchDatabase(Backend backend);
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    const std::string& url() const { return m_url; }
    const std::string& skipReason() const { return m_skip; }
    // A new connection pool on the scratch database (close it before the ScratchDatabase).
    std::unique_ptr<Database> open() const { return Database::open(m_url); }

private:
    Backend m_backend;
    std::string m_url;
    std::string m_skip;
    std::filesystem::path m_dir;
    std::string m_adminUrl;
    std::string m_dbName;
};

// Fixture for tests run against both back ends: a migrated scratch database, a manual
// clock and a Store.
class StoreTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override;
    void TearDown() override;

    // Rows in change_log, in seq order: (entity, row_id, row_version, op).
    struct LogRow {
        std::int64_t seq;
        std::string entity;
        std::string rowId;
        std::int64_t rowVersion;
        std::string op;
    };
    std::vector<LogRow> changeLog();
    std::int64_t count(const std::string& table);

    std::unique_ptr<ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_db;
    ManualClock m_clock{Instant{std::chrono::sys_days{std::chrono::year{2026} / 5 / 20}}};
    UuidGenerator m_ids{m_clock, 42};
    std::unique_ptr<Store> m_store;
};

#define YANGHU_BOTH_BACKENDS(Suite)                                                                                    \
    INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                                          \
                             ::testing::Values(::yanghu::store::test::Backend::SQLite,                                 \
                                               ::yanghu::store::test::Backend::PostgreSQL),                            \
                             ::yanghu::store::test::backendName)

} // namespace yanghu::store::test
