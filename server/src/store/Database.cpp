// SPDX-License-Identifier: MIT
#include "store/Database.h"
#include "store/FifoSemaphore.h"
#include "store/Sql.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Data/DataException.h>
#include <Poco/Exception.h>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace yanghu::store {

using Poco::Data::Keywords::now;

namespace {

void registerConnectors()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // SQLite's memory statistics take one process-wide mutex on every allocation, which
        // all request threads then queue on; nothing here reads them. Only possible before
        // SQLite initialises (a no-op returning SQLITE_MISUSE if something opened it first).
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

// Applies per-connection settings every time the pool hands out a new session.
constexpr int kMaxSessions = 16;

class CustomizedPool final : public Poco::Data::SessionPool {
public:
    CustomizedPool(const std::string& connector, const std::string& connection, Dialect dialect)
        // SQLite sessions are never closed for idleness (a week is "never" here): their
        // prepared statements are cached (Sql.cpp) and finalized only by the database's
        // destructor. PostgreSQL sessions idle for a minute are closed.
        : Poco::Data::SessionPool(connector, connection, 1, kMaxSessions, dialect == Dialect::SQLite ? 7 * 24 * 3600 : 60),
          m_dialect(dialect)
    {
    }

protected:
    void customizeSession(Poco::Data::Session& session) override
    {
        if (m_dialect == Dialect::SQLite) {
            session << "PRAGMA foreign_keys = ON", now;
            session << "PRAGMA busy_timeout = 10000", now;
            session << "PRAGMA synchronous = NORMAL", now;
            // 32 MiB of page cache (default 2 MiB): a bulk write of a city's assets otherwise
            // spills dirty pages mid-transaction. Pages are allocated on use, so idle pooled
            // connections stay small.
            session << "PRAGMA cache_size = -32768", now;
        }
    }

private:
    Dialect m_dialect;
};

struct PgUrl {
    std::string connectorString; // libpq key=value
    std::string displayUrl;      // password removed
};

std::string quoteLibpq(const std::string& v)
{
    std::string out = "'";
    for (char c : v) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

std::string percentDecode(const std::string& s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// postgresql://[user[:password]@]host[:port]/dbname[?key=value&...]
PgUrl parsePostgresUrl(const std::string& url)
{
    const std::string scheme = url.rfind("postgresql://", 0) == 0 ? "postgresql://" : "postgres://";
    std::string rest = url.substr(scheme.size());
    std::string query;
    if (auto q = rest.find('?'); q != std::string::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    std::string user, password;
    if (auto at = rest.rfind('@'); at != std::string::npos) {
        std::string userinfo = rest.substr(0, at);
        rest = rest.substr(at + 1);
        if (auto colon = userinfo.find(':'); colon != std::string::npos) {
            user = userinfo.substr(0, colon);
            password = userinfo.substr(colon + 1);
        } else {
            user = userinfo;
        }
    }
    std::string hostport = rest, db;
    if (auto slash = rest.find('/'); slash != std::string::npos) {
        hostport = rest.substr(0, slash);
        db = rest.substr(slash + 1);
    }
    std::string host = hostport, port;
    if (auto colon = hostport.rfind(':'); colon != std::string::npos && hostport.find(']') == std::string::npos) {
        host = hostport.substr(0, colon);
        port = hostport.substr(colon + 1);
    }
    PgUrl out;
    auto add = [&](const std::string& k, const std::string& v) {
        if (v.empty()) return;
        if (!out.connectorString.empty()) out.connectorString += ' ';
        out.connectorString += k + "=" + quoteLibpq(percentDecode(v));
    };
    add("host", host);
    add("port", port);
    add("user", user);
    add("password", password);
    add("dbname", db);
    while (!query.empty()) {
        auto amp = query.find('&');
        std::string kv = query.substr(0, amp);
        query = amp == std::string::npos ? "" : query.substr(amp + 1);
        if (auto eq = kv.find('='); eq != std::string::npos) add(kv.substr(0, eq), kv.substr(eq + 1));
    }
    out.displayUrl = scheme + (user.empty() ? "" : user + (password.empty() ? "@" : ":***@")) + hostport +
                     (db.empty() ? "" : "/" + db);
    return out;
}

class PooledDatabase final : public Database {
public:
    PooledDatabase(Dialect dialect, const std::string& connector, const std::string& connection, std::string display)
        : m_dialect(dialect), m_display(std::move(display)), m_pool(connector, connection, dialect)
    {
    }

    Dialect dialect() const override { return m_dialect; }
    const std::string& displayUrl() const override { return m_display; }
    Poco::Data::Session session() override
    {
        using Clock = std::chrono::steady_clock;
        const auto deadline = Clock::now() + std::chrono::seconds(10);
        bool counted = false;
        for (;;) {
            try {
                return m_pool.get();
            } catch (const Poco::Data::SessionPoolExhaustedException&) {
                if (!counted) {
                    m_waits.fetch_add(1, std::memory_order_relaxed);
                    counted = true;
                }
                if (Clock::now() >= deadline) throw;
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
        }
    }

    void acquireSlot() override
    {
        if (!m_slots.tryAcquireFor(std::chrono::seconds(10)))
            throw Poco::Data::SessionPoolExhaustedException("no database session free within 10 s");
    }
    void releaseSlot() override { m_slots.release(); }

    void acquireWriteTurn() override
    {
        if (m_dialect != Dialect::SQLite) return;
        if (!m_writer.tryAcquireFor(std::chrono::seconds(10)))
            throw Poco::Data::SQLite::DBLockedException("no turn to write within 10 s");
    }
    void releaseWriteTurn() override
    {
        if (m_dialect == Dialect::SQLite) m_writer.release();
    }

    void beginRead(Poco::Data::Session& session) override
    {
        if (m_dialect == Dialect::SQLite)
            sql::execute(session, "BEGIN");
        else
            sql::execute(session, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    }
    void endRead(Poco::Data::Session& session) override { sql::execute(session, "COMMIT"); }

    ~PooledDatabase() override
    {
        // Cached SQLite statements are finalized while their connections are still open (the
        // pool closes them next). At destruction every session is idle, so get() visits each.
        if (m_dialect != Dialect::SQLite) return;
        try {
            std::vector<Poco::Data::Session> all;
            for (int n = m_pool.idle(); n > 0; --n) {
                all.push_back(m_pool.get());
                sql::forgetSqliteConnection(all.back());
            }
        } catch (...) {
        }
    }

    PoolStats poolStats() const override
    {
        return PoolStats{m_pool.used(), m_pool.idle(), m_pool.capacity(),
                         m_waits.load(std::memory_order_relaxed) + m_slots.queued(), m_writer.queued()};
    }

    void begin(Poco::Data::Session& session) override
    {
        if (m_dialect == Dialect::SQLite)
            session << "BEGIN IMMEDIATE", now;
        else
            session.begin();
    }
    void commit(Poco::Data::Session& session) override
    {
        if (m_dialect == Dialect::SQLite)
            session << "COMMIT", now;
        else
            session.commit();
    }
    void rollback(Poco::Data::Session& session) override
    {
        if (m_dialect == Dialect::SQLite)
            session << "ROLLBACK", now;
        else
            session.rollback();
    }

private:
    Dialect m_dialect;
    std::string m_display;
    CustomizedPool m_pool;
    std::atomic<std::uint64_t> m_waits{0};
    FifoSemaphore m_slots{kMaxSessions};
    FifoSemaphore m_writer{1}; // SQLite only
};

} // namespace

std::unique_ptr<Database> Database::open(const std::string& url)
{
    registerConnectors();
    std::unique_ptr<PooledDatabase> db;
    std::string display = url;
    try {
        if (url.rfind("sqlite:", 0) == 0) {
            std::filesystem::path path = url.substr(7);
            if (path.empty()) throw std::runtime_error("empty path");
            if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
            db = std::make_unique<PooledDatabase>(Dialect::SQLite, "SQLite", path.string(), display);
            auto session = db->session();
            // WAL is a property of the database file; setting it once per open is enough.
            std::string mode;
            session << "PRAGMA journal_mode = WAL", Poco::Data::Keywords::into(mode), now;
        } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
            PgUrl pg = parsePostgresUrl(url);
            display = pg.displayUrl;
            db = std::make_unique<PooledDatabase>(Dialect::PostgreSQL, "PostgreSQL", pg.connectorString, display);
            db->session(); // connect now so a wrong URL fails here, not at the first query
        } else {
            throw std::runtime_error("unsupported URL scheme (expected sqlite:PATH or postgresql://...)");
        }
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("cannot open database " + display + ": " + e.displayText());
    } catch (const std::exception& e) {
        if (url.rfind("postgres", 0) == 0 && display == url) display = parsePostgresUrl(url).displayUrl;
        throw std::runtime_error("cannot open database " + display + ": " + e.what());
    }
    return db;
}

} // namespace yanghu::store
