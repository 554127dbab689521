// SPDX-License-Identifier: MIT
#pragma once

#include <nlohmann/json.hpp>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Process.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace yanghu::servertest {

// The real yanghu-server binary of this build (YANGHU_SERVER_EXE), started on a database URL
// with --listen 127.0.0.1:0; the port is read from its "listening on" line. Its standard
// error (the request log) goes to a file in the temp dir, shown on failure by the caller.
class ServerProcess {
public:
    // Throws std::runtime_error (with the server's stderr) when it does not come up in 20 s.
    // `env` is added to the inherited environment (e.g. YANGHU_FAILPOINT).
    ServerProcess(const std::string& dbUrl, std::vector<std::string> extraArgs = {},
                  const std::map<std::string, std::string>& env = {});
    ~ServerProcess(); // SIGKILL if still running

    std::uint16_t port() const { return m_port; }
    // SIGTERM and wait; returns the exit code.
    int terminate();
    // SIGKILL and wait.
    void kill();
    // Waits for the process to end by itself (a failpoint); returns its exit code.
    int waitForExit();
    bool running() const;
    std::string log() const; // the server's stderr so far
    // The log once it contains `text` (a request's line is written after its answer is sent),
    // or as it is after `timeout`.
    std::string logOnceItHas(const std::string& text, std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

private:
    std::unique_ptr<Poco::ProcessHandle> m_handle;
    std::string m_logPath;
    std::uint16_t m_port = 0;
    bool m_done = false;
};

struct HttpResponse {
    int status = 0;
    std::string reason; // of the status line
    std::string body;
    std::map<std::string, std::string> headers; // names in lower case
    nlohmann::json json() const;                 // parsed body (throws on bad JSON)
    std::string header(const std::string& lowerCaseName) const;
};

// One keep-alive HTTP/1.1 connection to 127.0.0.1:port.
class HttpClient {
public:
    explicit HttpClient(std::uint16_t port);

    HttpResponse request(const std::string& method, const std::string& path, const std::string& body = {},
                         const std::map<std::string, std::string>& headers = {});

    // JSON helpers: `token` (when not empty) goes in Authorization: Bearer.
    HttpResponse get(const std::string& path, const std::string& token = {});
    HttpResponse del(const std::string& path, const std::string& token, const std::string& ifMatch = {});
    HttpResponse post(const std::string& path, const nlohmann::json& body, const std::string& token = {});
    HttpResponse patch(const std::string& path, const nlohmann::json& body, const std::string& token,
                       const std::string& ifMatch);

    // POST /api/v1/auth/login; the token, or throws std::runtime_error.
    std::string login(const std::string& username, const std::string& password);

private:
    Poco::Net::HTTPClientSession m_session;
};

} // namespace yanghu::servertest
