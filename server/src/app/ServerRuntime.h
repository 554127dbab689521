// SPDX-License-Identifier: MIT
#pragma once

#include "http/ApiServer.h"
#include "photos/PhotoStore.h"

#include <chrono>
#include <memory>
#include <string>

namespace Poco {
class Logger;
}

namespace yanghu::server {

struct ServerConfig {
    std::string db = "sqlite:data/yanghu.db";
    bool migrate = true;
    http::ServerSettings http;
    std::chrono::minutes tokenTtl{12 * 60};
    std::chrono::milliseconds loginWait{5000}; // api::ApiContext::loginWait
    bool fastPasswordHashes = false; // tests only: the KDF's minimum cost for new hashes
    std::size_t rowCacheBytes = 64u << 20; // rendered rows kept for reads (api::RowCache); 0 = none
    photos::PhotoSettings photos;          // dir empty: photos::defaultDirectory(db)
};

// Everything one yanghu-server process runs, wired together: database (migrated unless told
// otherwise), store, sessions, login throttle, routes and the HTTP server. Owned by the
// application; start() begins serving, stop() drains and ends it.
class ServerRuntime {
public:
    ServerRuntime(const ServerConfig& config, Poco::Logger& log);
    ~ServerRuntime();

    void start();
    void stop();
    std::uint16_t port() const;
    // "http://127.0.0.1:8080"
    std::string url() const;
    std::string databaseDisplayUrl() const;
    http::Metrics::Gauges gauges() const;
    // The route table (the authorisation table with it), e.g. for tests that sweep it.
    const http::Router& router() const;

private:
    struct Parts;
    std::unique_ptr<Parts> m_parts;
};

} // namespace yanghu::server
