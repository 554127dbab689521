// SPDX-License-Identifier: MIT
#include "TestDatabase.h"

#include "store/Migrator.h"
#include "store/Sql.h"

#include <atomic>
#include <cstdlib>
#include <random>
#include <unistd.h>

namespace yanghu::store::test {

std::string backendName(const ::testing::TestParamInfo<Backend>& info)
{
    return info.param == Backend::SQLite ? "SQLite" : "PostgreSQL";
}

namespace {
std::string uniqueSuffix()
{
    static std::atomic<int> counter{0};
    std::random_device rd;
    return std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(rd() % 100000);
}
} // namespace

ScratchDatabase::ScratchDatabase(Backend backend) : m_backend(backend)
{
    if (backend == Backend::SQLite) {
        m_dir = std::filesystem::temp_directory_path() / ("yanghu-store-test-" + uniqueSuffix());
        std::filesystem::create_directories(m_dir);
        m_url = "sqlite:" + (m_dir / "central.db").string();
        return;
    }
    const char* pg = std::getenv("YANGHU_TEST_PG");
    if (!pg || !*pg) {
        m_skip = "YANGHU_TEST_PG is not set (scripts/pg-test-server start DIR prints a URL for it)";
        return;
    }
    m_adminUrl = pg;
    m_dbName = "yh_test_" + uniqueSuffix();
    auto admin = Database::open(m_adminUrl);
    auto session = admin->session();
    sql::execute(session, "CREATE DATABASE " + m_dbName);
    const auto slash = m_adminUrl.rfind('/');
    m_url = m_adminUrl.substr(0, slash + 1) + m_dbName;
}

ScratchDatabase::~ScratchDatabase()
{
    try {
        if (m_backend == Backend::SQLite && !m_dir.empty()) {
            std::filesystem::remove_all(m_dir);
        } else if (!m_dbName.empty()) {
            auto admin = Database::open(m_adminUrl);
            auto session = admin->session();
            sql::execute(session, "DROP DATABASE IF EXISTS " + m_dbName + " WITH (FORCE)");
        }
    } catch (const std::exception& e) {
        ADD_FAILURE() << "cleaning up scratch database: " << e.what();
    }
}

void StoreTest::SetUp()
{
    m_scratch = std::make_unique<ScratchDatabase>(GetParam());
    if (!m_scratch->skipReason().empty()) GTEST_SKIP() << m_scratch->skipReason();
    m_db = m_scratch->open();
    auto migrated = Migrator(*m_db, m_clock).migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.error().code;
    m_store = std::make_unique<Store>(*m_db, m_clock, m_ids);
}

void StoreTest::TearDown()
{
    m_store.reset();
    m_db.reset();
    m_scratch.reset();
}

std::vector<StoreTest::LogRow> StoreTest::changeLog()
{
    auto session = m_db->session();
    auto rows = sql::query(session, "SELECT seq, entity, row_id, row_version, op FROM change_log ORDER BY seq", {},
                           {SqlType::Int, SqlType::Text, SqlType::Text, SqlType::Int, SqlType::Text});
    std::vector<LogRow> out;
    for (auto& r : rows)
        out.push_back(LogRow{std::get<std::int64_t>(r[0]), std::get<std::string>(r[1]), std::get<std::string>(r[2]),
                             std::get<std::int64_t>(r[3]), std::get<std::string>(r[4])});
    return out;
}

std::int64_t StoreTest::count(const std::string& table)
{
    auto session = m_db->session();
    auto rows = sql::query(session, "SELECT COUNT(*) FROM " + table, {}, {SqlType::Int});
    return std::get<std::int64_t>(rows.at(0).at(0));
}

} // namespace yanghu::store::test
