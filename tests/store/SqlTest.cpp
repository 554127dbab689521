// SPDX-License-Identifier: MIT
// The store's SQL layer (store/Sql.h) on both back ends, through their C APIs: every storage
// class round-trips exactly, NULLs and the extremes included; batches report what the last
// execution changed; errors keep the server's words (constraint handling depends on them).
#include "TestDatabase.h"

#include "store/Constraint.h"
#include "store/Sql.h"

#include <Poco/Exception.h>

#include <cmath>
#include <limits>
#include <string>

namespace yanghu::store::test {
namespace {

class SqlLayer : public StoreTest {
protected:
    void SetUp() override
    {
        StoreTest::SetUp();
        if (HasFatalFailure() || IsSkipped()) return;
        ASSERT_TRUE(m_store->write([](Tx& tx) -> Status {
            sql::execute(tx.session(), "CREATE TABLE sql_probe (k BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, "
                                       "t TEXT, u TEXT UNIQUE)");
            return success();
        }).ok());
    }
    std::vector<SqlRow> all()
    {
        return m_store->read([](Tx& tx) {
            return sql::query(tx.session(), "SELECT k, i, r, t FROM sql_probe ORDER BY k", {},
                              {SqlType::Int, SqlType::Int, SqlType::Real, SqlType::Text});
        });
    }
};

TEST_P(SqlLayer, EveryStorageClassRoundTripsExactlyWithNulls)
{
    const std::vector<SqlRow> rows{
        {std::int64_t{1}, std::numeric_limits<std::int64_t>::max(), 0.1, std::string("丛台路 12号 \"井盖\" 'x' \\ %_")},
        {std::int64_t{2}, std::numeric_limits<std::int64_t>::min(), 1.7976931348623157e308, std::string()},
        {std::int64_t{3}, std::int64_t{0}, 4.9406564584124654e-324, std::string("line\nbreak\ttab")},
        {std::int64_t{4}, SqlValue{}, -2.5, SqlValue{}},
        {std::int64_t{5}, std::int64_t{-7}, SqlValue{}, std::string("😀 emoji")},
    };
    ASSERT_TRUE(m_store->write([&](Tx& tx) -> Status {
        sql::executeMany(tx.session(), "INSERT INTO sql_probe (k, i, r, t) VALUES (?, ?, ?, ?)",
                         {SqlType::Int, SqlType::Int, SqlType::Real, SqlType::Text}, rows);
        return success();
    }).ok());
    EXPECT_EQ(all(), rows);
}

TEST_P(SqlLayer, AnIntegerBoundAsRealIsStoredAsAReal)
{
    ASSERT_TRUE(m_store->write([&](Tx& tx) -> Status {
        sql::executeMany(tx.session(), "INSERT INTO sql_probe (k, r) VALUES (?, ?)", {SqlType::Int, SqlType::Real},
                         {{std::int64_t{1}, std::int64_t{3}}});
        return success();
    }).ok());
    const auto rows = all();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(std::get<double>(rows[0][2]), 3.0);
}

TEST_P(SqlLayer, ExecuteReportsAffectedRowsAndQueryBindsUntypedParameters)
{
    ASSERT_TRUE(m_store->write([&](Tx& tx) -> Status {
        sql::executeMany(tx.session(), "INSERT INTO sql_probe (k, i, t) VALUES (?, ?, ?)",
                         {SqlType::Int, SqlType::Int, SqlType::Text},
                         {{std::int64_t{1}, std::int64_t{10}, std::string("a")},
                          {std::int64_t{2}, std::int64_t{20}, std::string("b")},
                          {std::int64_t{3}, std::int64_t{30}, std::string("b")}});
        EXPECT_EQ(sql::execute(tx.session(), "UPDATE sql_probe SET i = i + ? WHERE t = ?", {std::int64_t{1}, std::string("b")}),
                  2u);
        EXPECT_EQ(sql::execute(tx.session(), "DELETE FROM sql_probe WHERE k > ?", {std::int64_t{100}}), 0u);
        return success();
    }).ok());
    auto rows = m_store->read([](Tx& tx) {
        return sql::query(tx.session(), "SELECT k FROM sql_probe WHERE i >= ? AND t = ? ORDER BY k LIMIT ?",
                          {std::int64_t{21}, std::string("b"), std::int64_t{5}}, {SqlType::Int});
    });
    EXPECT_EQ(rows, (std::vector<SqlRow>{{std::int64_t{2}}, {std::int64_t{3}}}));
}

TEST_P(SqlLayer, AUniqueViolationKeepsTheServersWordsAndRollsBack)
{
    auto insert = [&](std::int64_t k) {
        return m_store->write([&](Tx& tx) -> Status {
            sql::execute(tx.session(), "INSERT INTO sql_probe (k, u) VALUES (?, ?)", {k, std::string("同一个")});
            return success();
        });
    };
    ASSERT_TRUE(insert(1).ok());
    try {
        (void)insert(2);
        FAIL() << "a duplicate was accepted";
    } catch (const Poco::Exception& e) {
        auto duplicate = uniqueViolation(e);
        ASSERT_TRUE(duplicate) << e.displayText();
        EXPECT_EQ(duplicate->params.at("field"), "u");
    }
    EXPECT_EQ(all().size(), 1u);
}

TEST_P(SqlLayer, ABadStatementThrowsAndTheSessionServesTheNextTransaction)
{
    EXPECT_THROW(m_store->read([](Tx& tx) {
        return sql::query(tx.session(), "SELECT no_such_column FROM sql_probe", {}, {SqlType::Int});
    }),
                 Poco::Exception);
    EXPECT_TRUE(all().empty());
}

YANGHU_BOTH_BACKENDS(SqlLayer);

} // namespace
} // namespace yanghu::store::test
