// SPDX-License-Identifier: MIT
#pragma once

#include <Poco/Data/Session.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// The store's only way to run SQL: statement text with `?` placeholders (numbered to `$n`
// here, so one text serves SQLite and PostgreSQL) and values in four storage classes. Both
// back ends are driven through their C APIs (sqlite3, libpq) on the connection a Poco session
// holds; Poco::Data keeps the pool, transactions and exception classes.
namespace yanghu::store {

enum class SqlType { Text, Int, Real };

// NULL, BIGINT/INTEGER, DOUBLE PRECISION or TEXT.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;
using SqlRow = std::vector<SqlValue>;

namespace sql {

// Rewrites each `?` outside quotes to `$1`, `$2`, ... in order.
std::string numberPlaceholders(std::string_view text);

// Prepares `text` once and runs it for every row of `rows`, each row
// giving one value per placeholder of the SQL type `types[i]` (NULLs allowed). Returns the
// affected row count of the LAST execution (what both drivers report reliably). `rows` is
// taken by value so callers can move large batches in (their strings are moved, not copied).
std::size_t executeMany(Poco::Data::Session& session, std::string_view text, const std::vector<SqlType>& types,
                        std::vector<SqlRow> rows);

// Runs `text` once with `params` (a NULL binds as untyped NULL). Returns affected rows.
std::size_t execute(Poco::Data::Session& session, std::string_view text, const SqlRow& params = {});

// Runs a query; the result has one value per column, read as `resultTypes[i]` (NULL ->
// monostate).
std::vector<SqlRow> query(Poco::Data::Session& session, std::string_view text, const SqlRow& params,
                          const std::vector<SqlType>& resultTypes);

// Whether the session's connection is inside a transaction (asks the driver, no round trip).
bool inTransaction(Poco::Data::Session& session);

// SQLite statements are prepared once per connection and kept (see Sql.cpp); this finalizes
// those of `session`'s connection. Call it before the connection closes.
void forgetSqliteConnection(Poco::Data::Session& session);

// Placeholders "?, ?, ?" for an IN list.
std::string placeholders(std::size_t n);

// Escapes % _ and \ for `LIKE ? ESCAPE '\'`.
std::string likeEscape(std::string_view text);

} // namespace sql
} // namespace yanghu::store
