// SPDX-License-Identifier: MIT
#include "TestDatabase.h"

#include "store/Migrator.h"
#include "store/Sql.h"

#include "yanghu/core/rules/ErrorCodes.h"

#include <map>
#include <set>

namespace yanghu::store::test {
namespace {

struct Schema {
    std::map<std::string, std::vector<std::string>> columns; // table -> columns in order
    std::set<std::string> indexes;                           // named indexes (no implicit pk ones)
};

Schema readSchema(Database& db)
{
    Schema schema;
    auto session = db.session();
    if (db.dialect() == Dialect::SQLite) {
        auto tables = sql::query(session,
                                 "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                 {}, {SqlType::Text});
        for (const auto& t : tables) {
            const auto& name = std::get<std::string>(t[0]);
            for (const auto& c : sql::query(session, "SELECT name FROM pragma_table_info(?) ORDER BY cid", {name}, {SqlType::Text}))
                schema.columns[name].push_back(std::get<std::string>(c[0]));
        }
        for (const auto& i : sql::query(session,
                                        "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'",
                                        {}, {SqlType::Text}))
            schema.indexes.insert(std::get<std::string>(i[0]));
    } else {
        for (const auto& c : sql::query(session,
                                        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
                                        "ORDER BY table_name, ordinal_position",
                                        {}, {SqlType::Text, SqlType::Text}))
            schema.columns[std::get<std::string>(c[0])].push_back(std::get<std::string>(c[1]));
        for (const auto& i : sql::query(session,
                                        "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey'",
                                        {}, {SqlType::Text}))
            schema.indexes.insert(std::get<std::string>(i[0]));
    }
    return schema;
}

class Migrations : public StoreTest {};

TEST_P(Migrations, CreateEveryTableWithSyncColumns)
{
    auto schema = readSchema(*m_db);
    for (const char* table : {"street", "asset", "defect_report", "work_order", "crew", "app_user", "programme",
                              "shift_calendar", "crew_shift"}) {
        ASSERT_TRUE(schema.columns.count(table)) << table;
        const auto& cols = schema.columns.at(table);
        for (const char* sync : {"id", "row_version", "deleted", "created_at", "updated_at", "field_versions"})
            EXPECT_NE(std::find(cols.begin(), cols.end(), sync), cols.end()) << table << "." << sync;
    }
    for (const char* table : {"work_order_asset", "work_order_defect", "wo_labour", "wo_material", "wo_quantity", "wo_note",
                              "change_log", "push_batch", "sync_state", "schema_version"})
        EXPECT_TRUE(schema.columns.count(table)) << table;
    EXPECT_TRUE(schema.indexes.count("ux_asset_kind_source_id"));
    EXPECT_TRUE(schema.indexes.count("ux_work_order_number"));
}

TEST_P(Migrations, RunningAgainIsANoOp)
{
    auto before = readSchema(*m_db);
    auto again = Migrator(*m_db, m_clock).migrate();
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->applied.empty());
    EXPECT_EQ(again->fromVersion, again->toVersion);
    EXPECT_EQ(count("schema_version"), static_cast<std::int64_t>(embeddedMigrations().size()));
    auto after = readSchema(*m_db);
    EXPECT_EQ(after.columns, before.columns);
    EXPECT_EQ(after.indexes, before.indexes);
}

TEST_P(Migrations, ADatabaseFromANewerBinaryIsRefusedAndUntouched)
{
    {
        auto session = m_db->session();
        sql::execute(session, "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                     {std::int64_t{9999}, std::string("9999_future.sql"), std::int64_t{0}});
    }
    const auto before = readSchema(*m_db);
    auto migrations = embeddedMigrations();
    const int next = static_cast<int>(migrations.size()) + 1;
    migrations.push_back(Migration{next, "9000_extra.sql", "CREATE TABLE extra_table (id TEXT PRIMARY KEY);"});
    auto refused = Migrator(*m_db, m_clock, migrations).migrate();
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, codes::SchemaTooNew);
    EXPECT_EQ(refused.error().params.at("database"), "9999");
    EXPECT_EQ(refused.error().params.at("binary"), std::to_string(next));
    const auto after = readSchema(*m_db);
    EXPECT_EQ(after.columns, before.columns);
    EXPECT_EQ(count("schema_version"), next); // the embedded ones and the future one, nothing more
}

TEST_P(Migrations, ALaterMigrationIsAppliedOnceInItsOwnTransaction)
{
    auto migrations = embeddedMigrations();
    const int next = static_cast<int>(migrations.size()) + 1;
    migrations.push_back(Migration{next, "9000_broken.sql", "CREATE TABLE half_done (id TEXT PRIMARY KEY);\nSELECT * FROM no_such_table;"});
    EXPECT_ANY_THROW((void)Migrator(*m_db, m_clock, migrations).migrate());
    EXPECT_FALSE(readSchema(*m_db).columns.count("half_done"));
    migrations.back() = Migration{next, "9000_ok.sql", "CREATE TABLE later (seq {{SEQ_PK}}, note TEXT);"};
    auto applied = Migrator(*m_db, m_clock, migrations).migrate();
    ASSERT_TRUE(applied.ok());
    EXPECT_EQ(applied->applied, std::vector<int>{next});
    EXPECT_TRUE(readSchema(*m_db).columns.count("later"));
}

TEST(MigrationTokens, AnUnknownTokenIsAnError)
{
    EXPECT_THROW(Migrator::statements(Migration{5, "0005_x.sql", "CREATE TABLE t (a {{NOPE}});"}, Dialect::SQLite),
                 std::logic_error);
}

TEST(MigrationTokens, StatementsAreSplitAtLineEndsAndCommentsDropped)
{
    auto s = Migrator::statements(Migration{1, "0001_x.sql", "-- a comment; with a semicolon\nCREATE TABLE a (\n  x TEXT\n);\nCREATE INDEX i ON a (x);\n"},
                                  Dialect::PostgreSQL);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[1], "CREATE INDEX i ON a (x)");
}

TEST(MigrationSchemas, SQLiteAndPostgreSQLGetTheSameLogicalSchema)
{
    ScratchDatabase pg(Backend::PostgreSQL);
    if (!pg.skipReason().empty()) GTEST_SKIP() << pg.skipReason();
    ScratchDatabase lite(Backend::SQLite);
    ManualClock clock{Instant{}};
    auto pgDb = pg.open();
    auto liteDb = lite.open();
    ASSERT_TRUE(Migrator(*pgDb, clock).migrate().ok());
    ASSERT_TRUE(Migrator(*liteDb, clock).migrate().ok());
    auto a = readSchema(*liteDb);
    auto b = readSchema(*pgDb);
    EXPECT_EQ(a.columns, b.columns);
    EXPECT_EQ(a.indexes, b.indexes);
    EXPECT_GE(a.columns.size(), 17u);
}

YANGHU_BOTH_BACKENDS(Migrations);

} // namespace
} // namespace yanghu::store::test
