// SPDX-License-Identifier: MIT
#include "store/Sql.h"

#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <sqlite3.h>

#include <algorithm>
#include <deque>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <stdexcept>

namespace yanghu::store::sql {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::use;

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

// The statement text for the session's back end. PostgreSQL needs `$1, $2, ...`; SQLite gets
// the `?` as written: there `$N` are named parameters, each resolved by a linear search of the
// names seen so far, so statements with hundreds of them (IN lists of source ids, multi-row
// change_log inserts) spent longer compiling than running. Binding is by position either way.
std::string forBackEnd(Poco::Data::Session& session, std::string_view text)
{
    if (session.connector() == "sqlite") return std::string(text);
    return numberPlaceholders(text);
}

// Column vectors bound to one statement; they must outlive its execution. A deque keeps
// element addresses stable while columns are added.
struct BoundColumns {
    std::deque<std::vector<Poco::Nullable<std::string>>> texts;
    std::deque<std::vector<Poco::Nullable<Poco::Int64>>> ints;
    std::deque<std::vector<Poco::Nullable<double>>> reals;
};

[[noreturn]] void typeMismatch(std::size_t column)
{
    throw std::logic_error("store: value of column " + std::to_string(column) + " does not match its SQL type");
}

// Consumes the strings of `rows` (moved into the bound vectors: bulk imports are mostly text).
void bindColumns(Poco::Data::Statement& statement, BoundColumns& bound, const std::vector<SqlType>& types,
                 std::vector<SqlRow>& rows)
{
    for (std::size_t c = 0; c < types.size(); ++c) {
        switch (types[c]) {
        case SqlType::Text: {
            auto& v = bound.texts.emplace_back();
            v.reserve(rows.size());
            for (auto& row : rows) {
                if (std::holds_alternative<std::monostate>(row[c])) v.emplace_back();
                else if (auto* s = std::get_if<std::string>(&row[c])) v.emplace_back(std::move(*s));
                else typeMismatch(c);
            }
            statement.addBind(use(v));
            break;
        }
        case SqlType::Int: {
            auto& v = bound.ints.emplace_back();
            v.reserve(rows.size());
            for (const auto& row : rows) {
                if (std::holds_alternative<std::monostate>(row[c])) v.emplace_back();
                else if (auto* i = std::get_if<std::int64_t>(&row[c])) v.emplace_back(Poco::Int64{*i});
                else typeMismatch(c);
            }
            statement.addBind(use(v));
            break;
        }
        case SqlType::Real: {
            auto& v = bound.reals.emplace_back();
            v.reserve(rows.size());
            for (const auto& row : rows) {
                if (std::holds_alternative<std::monostate>(row[c])) v.emplace_back();
                else if (auto* d = std::get_if<double>(&row[c])) v.emplace_back(*d);
                else if (auto* i = std::get_if<std::int64_t>(&row[c])) v.emplace_back(static_cast<double>(*i));
                else typeMismatch(c);
            }
            statement.addBind(use(v));
            break;
        }
        }
    }
}

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
    Poco::Data::Statement statement(session);
    statement << forBackEnd(session, text);
    BoundColumns bound;
    bindColumns(statement, bound, types, rows);
    return statement.execute();
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
    if (params.empty()) {
        Poco::Data::Statement statement(session);
        statement << forBackEnd(session, text);
        return statement.execute();
    }
    std::vector<SqlType> types;
    types.reserve(params.size());
    for (const auto& p : params) types.push_back(typeOf(p));
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
    Poco::Data::Statement statement(session);
    statement << forBackEnd(session, text);
    BoundColumns bound;
    if (!params.empty()) {
        std::vector<SqlType> types;
        for (const auto& p : params) types.push_back(typeOf(p));
        std::vector<SqlRow> rows{params};
        bindColumns(statement, bound, types, rows);
    }
    BoundColumns out;
    std::vector<std::size_t> slot; // index into the deque of the column's type
    for (SqlType t : resultTypes) {
        switch (t) {
        case SqlType::Text: slot.push_back(out.texts.size()); statement.addExtract(into(out.texts.emplace_back())); break;
        case SqlType::Int: slot.push_back(out.ints.size()); statement.addExtract(into(out.ints.emplace_back())); break;
        case SqlType::Real: slot.push_back(out.reals.size()); statement.addExtract(into(out.reals.emplace_back())); break;
        }
    }
    statement.execute();
    std::size_t n = 0;
    if (!resultTypes.empty()) {
        switch (resultTypes[0]) {
        case SqlType::Text: n = out.texts[0].size(); break;
        case SqlType::Int: n = out.ints[0].size(); break;
        case SqlType::Real: n = out.reals[0].size(); break;
        }
    }
    std::vector<SqlRow> rows(n, SqlRow(resultTypes.size()));
    for (std::size_t c = 0; c < resultTypes.size(); ++c) {
        for (std::size_t r = 0; r < n; ++r) {
            switch (resultTypes[c]) {
            case SqlType::Text: {
                auto& v = out.texts[slot[c]][r];
                if (!v.isNull()) rows[r][c] = std::move(v.value());
                break;
            }
            case SqlType::Int: {
                auto& v = out.ints[slot[c]][r];
                if (!v.isNull()) rows[r][c] = std::int64_t{v.value()};
                break;
            }
            case SqlType::Real: {
                auto& v = out.reals[slot[c]][r];
                if (!v.isNull()) rows[r][c] = v.value();
                break;
            }
            }
        }
    }
    return rows;
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
