// SPDX-License-Identifier: MIT
#include "store/Sql.h"

#include <Poco/Data/PooledSessionImpl.h>
#include <Poco/Data/PostgreSQL/PostgreSQLException.h>
#include <Poco/Data/PostgreSQL/SessionImpl.h>
#include <Poco/Data/SQLite/Utility.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <stdexcept>

namespace yanghu::store::sql {

std::string numberPlaceholders(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 16);
    int n = 0;
    char quote = 0;
    for (char c : text) {
        if (quote) {
            if (c == quote) quote = 0;
            out += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            out += c;
        } else if (c == '?') {
            out += '$';
            out += std::to_string(++n);
        } else {
            out += c;
        }
    }
    return out;
}

namespace {

[[noreturn]] void typeMismatch(std::size_t column)
{
    throw std::logic_error("store: value of column " + std::to_string(column) + " does not match its SQL type");
}

// Consumes the strings of `rows` (moved into the bound vectors: bulk imports are mostly text).
// SQLite runs through its own C API: the same prepared statement Poco would make, without
// Poco's per-row copies into Nullable column vectors and its per-call bookkeeping, which cost
// more than SQLite's own work on bulk writes. Errors are raised the way Poco raises them (the
// same exception classes), so constraint handling is shared by both paths.
// Prepared statements per SQLite connection, by SQL text: a request runs the same dozen
// statements again and again, and compiling them cost more than running them. A connection is
// used by one thread at a time (the pool leases it), so only the outer map needs a lock.
// Entries are finalized by forgetConnection() before their connection closes.
class StatementCache {
public:
    struct Entry {
        sqlite3_stmt* stmt = nullptr;
        bool inUse = false;
    };
    using PerConnection = std::unordered_map<std::string, Entry>;

    static StatementCache& instance()
    {
        static StatementCache cache;
        return cache;
    }
    PerConnection& of(sqlite3* db)
    {
        {
            const std::shared_lock lock(m_mutex);
            if (auto it = m_connections.find(db); it != m_connections.end()) return *it->second;
        }
        const std::unique_lock lock(m_mutex);
        auto& slot = m_connections[db];
        if (!slot) slot = std::make_unique<PerConnection>();
        return *slot;
    }
    void forget(sqlite3* db)
    {
        const std::unique_lock lock(m_mutex);
        auto it = m_connections.find(db);
        if (it == m_connections.end()) return;
        for (auto& [text, entry] : *it->second) sqlite3_finalize(entry.stmt);
        m_connections.erase(it);
    }

private:
    std::shared_mutex m_mutex;
    std::unordered_map<sqlite3*, std::unique_ptr<PerConnection>> m_connections;
};

constexpr std::size_t kMaxCached = 256;
constexpr std::ptrdiff_t kMaxCachedParameters = 40;

class SqliteStatement {
public:
    // Takes the connection's cached statement for `text` (prepared on first use). A statement
    // already in use further up the stack (never, today) gets a private one instead.
    SqliteStatement(sqlite3* db, std::string_view text) : m_db(db)
    {
        auto& cache = StatementCache::instance().of(db);
        auto it = cache.find(std::string(text));
        if (it != cache.end() && !it->second.inUse) {
            m_entry = &it->second;
        } else {
            // Texts whose length depends on the data (IN lists sized by a page or a request
            // body) are not kept, nor more than kMaxCached per connection: the cache must stay
            // small whatever the clients send.
            const bool keep = it == cache.end() && cache.size() < kMaxCached &&
                              std::count(text.begin(), text.end(), '?') <= kMaxCachedParameters;
            sqlite3_stmt* stmt = nullptr;
            const int rc = sqlite3_prepare_v3(db, text.data(), static_cast<int>(text.size()),
                                              keep ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
            if (rc != SQLITE_OK) fail(rc);
            if (keep) m_entry = &cache.emplace(std::string(text), StatementCache::Entry{stmt, false}).first->second;
            else m_private = stmt;
        }
        if (m_entry) m_entry->inUse = true;
        m_stmt = m_entry ? m_entry->stmt : m_private;
    }
    // Reset, so a cached SELECT never holds its read snapshot open between uses.
    ~SqliteStatement()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
        if (m_entry) m_entry->inUse = false;
        if (m_private) sqlite3_finalize(m_private);
    }
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    // Binds `row` (values must outlive the next step: strings are bound without a copy).
    void bind(const SqlRow& row, const std::vector<SqlType>* types)
    {
        const int expected = sqlite3_bind_parameter_count(m_stmt);
        if (static_cast<int>(row.size()) != expected)
            throw std::logic_error("store: " + std::to_string(row.size()) + " values for " + std::to_string(expected) +
                                   " placeholders");
        for (std::size_t c = 0; c < row.size(); ++c) {
            const int i = static_cast<int>(c) + 1;
            const auto& v = row[c];
            int rc = SQLITE_OK;
            if (std::holds_alternative<std::monostate>(v)) {
                rc = sqlite3_bind_null(m_stmt, i);
            } else if (auto* s = std::get_if<std::string>(&v)) {
                if (types && (*types)[c] != SqlType::Text) typeMismatch(c);
                rc = sqlite3_bind_text64(m_stmt, i, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
            } else if (auto* n = std::get_if<std::int64_t>(&v)) {
                if (types && (*types)[c] == SqlType::Text) typeMismatch(c);
                rc = types && (*types)[c] == SqlType::Real ? sqlite3_bind_double(m_stmt, i, static_cast<double>(*n))
                                                           : sqlite3_bind_int64(m_stmt, i, *n);
            } else {
                if (types && (*types)[c] != SqlType::Real) typeMismatch(c);
                rc = sqlite3_bind_double(m_stmt, i, std::get<double>(v));
            }
            if (rc != SQLITE_OK) fail(rc);
        }
    }
    // Steps once; true while a result row is available.
    bool step()
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) fail(rc);
        return false;
    }
    void reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    SqlValue column(int i, SqlType type) const
    {
        if (sqlite3_column_type(m_stmt, i) == SQLITE_NULL) return {};
        switch (type) {
        case SqlType::Int: return std::int64_t{sqlite3_column_int64(m_stmt, i)};
        case SqlType::Real: return sqlite3_column_double(m_stmt, i);
        case SqlType::Text: break;
        }
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, i));
        return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, i)));
    }
    int columnCount() const { return sqlite3_column_count(m_stmt); }

private:
    [[noreturn]] void fail(int rc)
    {
        // The extended code names the constraint kind; Poco maps the primary code to its class.
        Poco::Data::SQLite::Utility::throwException(m_db, rc & 0xff);
        throw std::logic_error("store: SQLite error " + std::to_string(rc)); // not reached: Poco throws
    }

    sqlite3* m_db;
    StatementCache::Entry* m_entry = nullptr;
    sqlite3_stmt* m_private = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};


// PostgreSQL runs through libpq directly: PQexecParams sends parse, bind and execute in one
// round trip, where Poco::Data prepares, describes, executes and deallocates every statement
// in turn (several round trips each: 490 single-row reads/s). Values travel as text; integers
// and reals say their type (int8, float8), text and NULLs leave it to the server to infer
// from the context (every text column is TEXT). Errors are raised as Poco's PostgreSQL
// exceptions with the server's message, DETAIL included, so constraint handling is shared.
// A Poco session over PostgreSQL is pooled: its PGconn sits behind PooledSessionImpl, whose
// accessor is protected; the member pointer below reads it without a cast of the object.
struct PooledAccess : Poco::Data::PooledSessionImpl {
    static Poco::Data::SessionImpl* implOf(const Poco::Data::PooledSessionImpl& pooled)
    {
        return (pooled.*(&PooledAccess::impl))();
    }
};

PGconn* pgHandle(Poco::Data::Session& session)
{
    Poco::Data::SessionImpl* impl = session.impl();
    if (auto* pooled = dynamic_cast<Poco::Data::PooledSessionImpl*>(impl)) impl = PooledAccess::implOf(*pooled);
    auto* pg = dynamic_cast<Poco::Data::PostgreSQL::SessionImpl*>(impl);
    if (!pg) throw std::logic_error("store: session is neither SQLite nor PostgreSQL");
    return static_cast<PGconn*>(pg->handle());
}

using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

// One row of parameter values as libpq takes them. Strings are referenced, not copied: `row`
// must outlive the execution.
class PgParams {
public:
    void set(const SqlRow& row, const std::vector<SqlType>* types)
    {
        m_numbers.assign(row.size(), std::string());
        m_values.assign(row.size(), nullptr);
        m_types.assign(row.size(), 0);
        for (std::size_t c = 0; c < row.size(); ++c) {
            const auto& v = row[c];
            if (std::holds_alternative<std::monostate>(v)) {
                if (types && (*types)[c] != SqlType::Text) m_types[c] = oidOf((*types)[c]);
                continue;
            }
            if (auto* s = std::get_if<std::string>(&v)) {
                if (types && (*types)[c] != SqlType::Text) typeMismatch(c);
                // Text parameters end at their NUL; PostgreSQL text cannot hold one either.
                if (s->find('\0') != std::string::npos)
                    throw Poco::Data::PostgreSQL::StatementException(
                        "ERROR:  invalid byte sequence for encoding \"UTF8\": 0x00 (parameter " + std::to_string(c + 1) + ")");
                m_values[c] = s->c_str();
                continue;
            }
            char buffer[32];
            std::to_chars_result written{};
            if (auto* n = std::get_if<std::int64_t>(&v)) {
                if (types && (*types)[c] == SqlType::Text) typeMismatch(c);
                const bool real = types && (*types)[c] == SqlType::Real;
                written = real ? std::to_chars(buffer, buffer + sizeof buffer, static_cast<double>(*n))
                               : std::to_chars(buffer, buffer + sizeof buffer, *n);
                m_types[c] = oidOf(real ? SqlType::Real : SqlType::Int);
            } else {
                if (types && (*types)[c] != SqlType::Real) typeMismatch(c);
                written = std::to_chars(buffer, buffer + sizeof buffer, std::get<double>(v));
                m_types[c] = oidOf(SqlType::Real);
            }
            m_numbers[c].assign(buffer, written.ptr);
            m_values[c] = m_numbers[c].c_str();
        }
    }
    int count() const { return static_cast<int>(m_values.size()); }
    const char* const* values() const { return m_values.data(); }
    const Oid* types() const { return m_types.data(); }

private:
    static Oid oidOf(SqlType t) { return t == SqlType::Int ? 20 /* int8 */ : t == SqlType::Real ? 701 /* float8 */ : 0; }

    std::vector<std::string> m_numbers; // text of numeric values
    std::vector<const char*> m_values;
    std::vector<Oid> m_types;
};

[[noreturn]] void pgFail(PGconn* conn, const PGresult* result)
{
    std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    if (PQstatus(conn) != CONNECTION_OK) throw Poco::Data::PostgreSQL::ConnectionException(message);
    throw Poco::Data::PostgreSQL::StatementException(message);
}

PgResult pgCheck(PGconn* conn, PGresult* raw)
{
    PgResult result(raw, &PQclear);
    const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) pgFail(conn, result.get());
    return result;
}

std::size_t pgAffected(const PGresult* result)
{
    const char* text = PQcmdTuples(const_cast<PGresult*>(result));
    std::size_t n = 0;
    std::from_chars(text, text + std::strlen(text), n);
    return n;
}

PgResult pgRun(PGconn* conn, const std::string& text, const PgParams& params)
{
    return pgCheck(conn, PQexecParams(conn, text.c_str(), params.count(), params.types(), params.values(), nullptr,
                                      nullptr, 0));
}

SqlValue pgColumn(const PGresult* result, int row, int column, SqlType type)
{
    if (PQgetisnull(result, row, column)) return {};
    const char* text = PQgetvalue(result, row, column);
    const auto length = static_cast<std::size_t>(PQgetlength(result, row, column));
    switch (type) {
    case SqlType::Int: {
        std::int64_t n = 0;
        if (std::from_chars(text, text + length, n).ec != std::errc{})
            throw std::runtime_error("store: PostgreSQL answered '" + std::string(text, length) + "' for an integer");
        return n;
    }
    case SqlType::Real: {
        double d = 0;
        if (std::from_chars(text, text + length, d).ec != std::errc{}) {
            // Infinity, -Infinity, NaN: what from_chars spells differently.
            const std::string word(text, length);
            if (word == "Infinity") return std::numeric_limits<double>::infinity();
            if (word == "-Infinity") return -std::numeric_limits<double>::infinity();
            if (word == "NaN") return std::numeric_limits<double>::quiet_NaN();
            throw std::runtime_error("store: PostgreSQL answered '" + word + "' for a real");
        }
        return d;
    }
    case SqlType::Text: break;
    }
    return std::string(text, length);
}

bool isSqlite(Poco::Data::Session& session) { return session.connector() == "sqlite"; }

sqlite3* sqliteHandle(Poco::Data::Session& session) { return Poco::Data::SQLite::Utility::dbHandle(session); }

SqlType typeOf(const SqlValue& v)
{
    if (std::holds_alternative<std::int64_t>(v)) return SqlType::Int;
    if (std::holds_alternative<double>(v)) return SqlType::Real;
    return SqlType::Text;
}

} // namespace

std::size_t executeMany(Poco::Data::Session& session, std::string_view text, const std::vector<SqlType>& types,
                        std::vector<SqlRow> rows)
{
    if (rows.empty()) return 0;
    if (isSqlite(session)) {
        sqlite3* db = sqliteHandle(session);
        SqliteStatement statement(db, text);
        for (const auto& row : rows) {
            statement.bind(row, &types);
            statement.step();
            statement.reset();
        }
        return static_cast<std::size_t>(sqlite3_changes64(db));
    }
    PGconn* conn = pgHandle(session);
    const std::string numbered = numberPlaceholders(text);
    PgParams params;
    if (rows.size() == 1) {
        params.set(rows.front(), &types);
        return pgAffected(pgRun(conn, numbered, params).get());
    }
    // Parsed once as the unnamed statement, then executed per row (nothing else runs on the
    // connection in between: the pool leases it to this thread).
    params.set(rows.front(), &types);
    pgCheck(conn, PQprepare(conn, "", numbered.c_str(), params.count(), params.types()));
    std::size_t affected = 0;
    for (const auto& row : rows) {
        params.set(row, &types);
        affected = pgAffected(
            pgCheck(conn, PQexecPrepared(conn, "", params.count(), params.values(), nullptr, nullptr, 0)).get());
    }
    return affected;
}

std::size_t execute(Poco::Data::Session& session, std::string_view text, const SqlRow& params)
{
    if (params.empty() && isSqlite(session)) {
        // BEGIN / COMMIT and other fixed statements: cached like the rest.
        sqlite3* db = sqliteHandle(session);
        SqliteStatement statement(db, text);
        while (statement.step()) {
        }
        return static_cast<std::size_t>(sqlite3_changes64(db));
    }
    std::vector<SqlType> types;
    types.reserve(params.size());
    for (const auto& p : params) types.push_back(typeOf(p));
    if (params.empty()) {
        PgParams none;
        return pgAffected(pgRun(pgHandle(session), numberPlaceholders(text), none).get());
    }
    return executeMany(session, text, types, {params});
}

std::vector<SqlRow> query(Poco::Data::Session& session, std::string_view text, const SqlRow& params,
                          const std::vector<SqlType>& resultTypes)
{
    if (isSqlite(session)) {
        SqliteStatement statement(sqliteHandle(session), text);
        if (statement.columnCount() != static_cast<int>(resultTypes.size()))
            throw std::logic_error("store: query has " + std::to_string(statement.columnCount()) + " columns, " +
                                   std::to_string(resultTypes.size()) + " expected");
        statement.bind(params, nullptr);
        std::vector<SqlRow> rows;
        while (statement.step()) {
            SqlRow& row = rows.emplace_back();
            row.reserve(resultTypes.size());
            for (std::size_t c = 0; c < resultTypes.size(); ++c)
                row.push_back(statement.column(static_cast<int>(c), resultTypes[c]));
        }
        return rows;
    }
    PGconn* conn = pgHandle(session);
    PgParams bound;
    bound.set(params, nullptr);
    auto result = pgRun(conn, numberPlaceholders(text), bound);
    if (PQnfields(result.get()) != static_cast<int>(resultTypes.size()))
        throw std::logic_error("store: query has " + std::to_string(PQnfields(result.get())) + " columns, " +
                               std::to_string(resultTypes.size()) + " expected");
    const int n = PQntuples(result.get());
    std::vector<SqlRow> rows(static_cast<std::size_t>(n));
    for (int r = 0; r < n; ++r) {
        SqlRow& row = rows[static_cast<std::size_t>(r)];
        row.reserve(resultTypes.size());
        for (std::size_t c = 0; c < resultTypes.size(); ++c)
            row.push_back(pgColumn(result.get(), r, static_cast<int>(c), resultTypes[c]));
    }
    return rows;
}

bool inTransaction(Poco::Data::Session& session)
{
    if (isSqlite(session)) return sqlite3_get_autocommit(sqliteHandle(session)) == 0;
    return PQtransactionStatus(pgHandle(session)) != PQTRANS_IDLE;
}

void forgetSqliteConnection(Poco::Data::Session& session)
{
    if (session.connector() == "sqlite") StatementCache::instance().forget(sqliteHandle(session));
}

std::string placeholders(std::size_t n)
{
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
    return out;
}

std::string likeEscape(std::string_view text)
{
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

} // namespace yanghu::store::sql
