// SPDX-License-Identifier: MIT
#include "app/ServerRuntime.h"

#include "api/ApiContext.h"
#include "api/SystemRoutes.h"
#include "store/Database.h"
#include "store/Migrator.h"

#include "yanghu/core/Clock.h"
#include "yanghu/core/Uuid.h"

#include <Poco/Logger.h>

#include <stdexcept>

namespace yanghu::server {

struct ServerRuntime::Parts {
    SystemClock clock;
    UuidGenerator ids{clock};
    std::unique_ptr<store::Database> database;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<SessionStore> sessions;
    std::unique_ptr<LoginThrottle> throttle;
    std::unique_ptr<PasswordHasher> hasher;
    std::unique_ptr<api::RowCache> rows;
    std::unique_ptr<photos::PhotoStore> photos;
    planning::ProposalBook proposals;
    std::unique_ptr<api::ApiContext> context;
    http::Router router;
    http::Metrics metrics;
    std::unique_ptr<http::ApiServer> server;
};

ServerRuntime::ServerRuntime(const ServerConfig& config, Poco::Logger& log) : m_parts(std::make_unique<Parts>())
{
    auto& p = *m_parts;
    p.database = store::Database::open(config.db);
    store::Migrator migrator(*p.database, p.clock);
    if (config.migrate) {
        auto migrated = migrator.migrate();
        if (!migrated) {
            std::string why = migrated.error().code;
            for (const auto& [k, v] : migrated.error().params) why += " " + k + "=" + v;
            throw std::runtime_error("cannot migrate " + p.database->displayUrl() + ": " + why);
        }
    } else if (migrator.currentVersion() != migrator.latestVersion()) {
        throw std::runtime_error("the database " + p.database->displayUrl() +
                                 " needs migrating (run yanghu-admin migrate, or start without --no-migrate)");
    }
    p.store = std::make_unique<store::Store>(*p.database, p.clock, p.ids);
    p.sessions = std::make_unique<SessionStore>(*p.store, config.tokenTtl);
    p.throttle = std::make_unique<LoginThrottle>(p.clock);
    p.hasher = std::make_unique<PasswordHasher>(config.fastPasswordHashes ? PasswordHasher::Cost::Minimal
                                                                          : PasswordHasher::Cost::Interactive);
    p.rows = std::make_unique<api::RowCache>(config.rowCacheBytes);
    auto photoSettings = config.photos;
    if (photoSettings.dir.empty()) photoSettings.dir = photos::defaultDirectory(config.db);
    p.photos = std::make_unique<photos::PhotoStore>(std::move(photoSettings), *p.store);
    p.context = std::make_unique<api::ApiContext>(
        api::ApiContext{*p.store, *p.sessions, *p.throttle, *p.hasher, *p.rows, *p.photos, config.loginWait, p.proposals});
    api::registerApiRoutes(p.router, *p.context);
    api::registerSystemRoutes(p.router, api::SystemContext{*p.store, p.metrics, [this] { return gauges(); }});
    p.server = std::make_unique<http::ApiServer>(
        config.http, p.router, p.metrics, [&p](const std::string& token) { return p.sessions->authenticate(token); },
        log);
}

ServerRuntime::~ServerRuntime() { stop(); }

void ServerRuntime::start() { m_parts->server->start(); }

void ServerRuntime::stop()
{
    if (m_parts && m_parts->server) m_parts->server->stop();
}

std::uint16_t ServerRuntime::port() const { return m_parts->server->port(); }

std::string ServerRuntime::url() const
{
    const auto& s = m_parts->server->settings();
    return std::string(m_parts->server->secure() ? "https://" : "http://") + s.host + ":" + std::to_string(port());
}

const http::Router& ServerRuntime::router() const { return m_parts->router; }

std::string ServerRuntime::databaseDisplayUrl() const { return m_parts->database->displayUrl(); }

http::Metrics::Gauges ServerRuntime::gauges() const
{
    auto g = m_parts->server->gauges();
    const auto pool = m_parts->database->poolStats();
    g.dbPoolUsed = pool.used;
    g.dbPoolIdle = pool.idle;
    g.dbPoolMax = pool.max;
    g.dbPoolWaits = pool.waits;
    g.dbWriterWaits = pool.writerWaits;
    return g;
}

} // namespace yanghu::server
