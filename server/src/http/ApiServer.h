// SPDX-License-Identifier: MIT
#pragma once

#include "http/Metrics.h"
#include "http/Router.h"

#include "yanghu/core/Result.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace Poco {
class Logger;
class ThreadPool;
namespace Net {
class HTTPServer;
class ServerSocket;
} // namespace Net
} // namespace Poco

namespace yanghu::http {

struct ServerSettings {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080; // 0: any free port (tests); port() tells which
    // Thread model: Poco's HTTPServer gives each connection one pool thread for its whole
    // life, idle keep-alive gaps included. A city has hundreds of laptops holding connections,
    // so the pool is sized for them (an idle thread costs ~40 KiB of RSS), idle connections
    // are dropped after `keepAlive`, and when 80% of the threads are taken responses close
    // their connection so threads come back to active callers.
    int maxThreads = 1024;
    int maxQueued = 512;
    std::chrono::seconds keepAlive{5};
    std::chrono::seconds timeout{15}; // waiting for a request, and each socket read/write
    std::size_t maxBodyBytes = 8 * 1024 * 1024;
    std::string tlsCertificateFile; // both set: HTTPS
    std::string tlsKeyFile;
};

// The HTTP front of the API: one Poco HTTPServer whose every request runs the same pipeline
// (request id, routing, bounded body, content type, bearer authentication, role check, the
// handler, problem+json for every error, metrics, one log line). Handlers run on the
// connection's thread; they must be thread-safe.
class ApiServer {
public:
    using Authenticate = std::function<Result<User>(const std::string& token)>;

    ApiServer(ServerSettings settings, const Router& router, Metrics& metrics, Authenticate authenticate,
              Poco::Logger& log);
    ~ApiServer();
    ApiServer(const ApiServer&) = delete;
    ApiServer& operator=(const ApiServer&) = delete;

    void start();
    // Stops accepting, lets requests in flight finish, closes idle connections, joins threads.
    void stop();

    std::uint16_t port() const;
    bool secure() const { return !m_settings.tlsCertificateFile.empty(); }
    const ServerSettings& settings() const { return m_settings; }
    // The HTTP side of /metrics (DB gauges are the caller's).
    Metrics::Gauges gauges() const;

private:
    ServerSettings m_settings;
    std::unique_ptr<Poco::ThreadPool> m_pool;
    std::unique_ptr<Poco::Net::ServerSocket> m_socket;
    std::unique_ptr<Poco::Net::HTTPServer> m_server;
    bool m_running = false;
};

} // namespace yanghu::http
