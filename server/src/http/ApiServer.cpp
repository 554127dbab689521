// SPDX-License-Identifier: MIT
#include "http/ApiServer.h"

#include "http/HttpCodes.h"
#include "http/Problem.h"
#include "store/Actor.h"

#include "yanghu/core/EnumNames.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/String.h>
#include <Poco/ThreadPool.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <sstream>

namespace yanghu::http {

namespace {

using Clock = std::chrono::steady_clock;

// The most of a refused body read and dropped so the client sees the answer (see readBody).
constexpr std::size_t kDrainLimit = 64 * 1024 * 1024;
// Read and dropped from a body answered before it was read (401, 403, 404, 405).
constexpr std::size_t kEarlyDrain = 1024 * 1024;
// Bodies of routes that need no token (login): small, so anyone cannot make us buffer much.
constexpr std::size_t kOpenRouteMaxBody = 64 * 1024;

// Metrics label the method from a fixed set: a client can send any token as a method, and
// each distinct one would otherwise be a new series kept forever.
std::string methodLabel(const std::string& method)
{
    for (const char* known : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
        if (method == known) return method;
    return "OTHER";
}

bool methodHasBody(const std::string& method) { return method == "POST" || method == "PUT" || method == "PATCH"; }

bool saneRequestId(const std::string& id)
{
    if (id.empty() || id.size() > 64) return false;
    for (char c : id)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
    return true;
}

std::string newRequestId()
{
    static const std::uint64_t prefix = std::random_device{}();
    static std::atomic<std::uint64_t> counter{0};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08llx-%llx", static_cast<unsigned long long>(prefix & 0xffffffffULL),
                  static_cast<unsigned long long>(++counter));
    return buf;
}

std::vector<std::pair<std::string, std::string>> parseQuery(const std::string& query)
{
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t start = 0;
    while (start <= query.size() && !query.empty()) {
        std::size_t end = query.find('&', start);
        if (end == std::string::npos) end = query.size();
        const std::string_view part(query.data() + start, end - start);
        if (!part.empty()) {
            const auto eq = part.find('=');
            out.emplace_back(percentDecode(part.substr(0, eq), true),
                             eq == std::string_view::npos ? std::string() : percentDecode(part.substr(eq + 1), true));
        }
        start = end + 1;
    }
    return out;
}

struct Shared {
    const ServerSettings& settings;
    const Router& router;
    Metrics& metrics;
    ApiServer::Authenticate authenticate;
    Poco::Logger& log;
    Poco::Net::HTTPServer* server = nullptr; // set after the server exists; read for load only
    // Test-only failpoint for the sync fault tests: with YANGHU_FAILPOINT=exit_before_reply:<route
    // name> in the environment the process ends (exit code 86) after that route's handler
    // returned, i.e. after its transaction committed, and before the answer is sent, as a
    // crash at that moment would. Empty (off) in every real deployment.
    std::string exitBeforeReplyRoute = failpointRoute();

    static std::string failpointRoute()
    {
        const char* value = std::getenv("YANGHU_FAILPOINT");
        constexpr std::string_view prefix = "exit_before_reply:";
        if (!value || std::string_view(value).rfind(prefix, 0) != 0) return {};
        return std::string(value + prefix.size());
    }
};

class Pipeline final : public Poco::Net::HTTPRequestHandler {
public:
    explicit Pipeline(Shared& shared) : m_shared(shared) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        const auto started = Clock::now();
        ApiRequest api;
        api.method = request.getMethod();
        api.requestId = request.get("X-Request-Id", "");
        if (!saneRequestId(api.requestId)) api.requestId = newRequestId();
        const std::string& uri = request.getURI();
        const auto q = uri.find('?');
        api.path = uri.substr(0, q);
        if (q != std::string::npos) api.query = parseQuery(uri.substr(q + 1));
        api.clientAddress = request.clientAddress().host().toString();
        api.ifMatch = request.get("If-Match", "");
        api.protocol = request.get("X-Yanghu-Protocol", "");
        api.headers = &request;

        std::string routeName = "unmatched";
        bool keepAlive = true;
        Reply reply = run(request, api, routeName, keepAlive);
        if (!m_shared.exitBeforeReplyRoute.empty() && routeName == m_shared.exitBeforeReplyRoute) std::_Exit(86);

        send(request, response, api, reply, keepAlive);
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        m_shared.metrics.record(routeName, methodLabel(api.method), reply.status, seconds);
        if (m_shared.log.information()) {
            std::ostringstream line;
            line << "request_id=" << api.requestId << " method=" << api.method << " path=" << api.path
                 << " route=" << routeName << " status=" << reply.status << " duration_ms=" << seconds * 1000.0
                 << " user=" << (api.user ? api.user->username : "-") << " client=" << api.clientAddress
                 << " bytes=" << reply.bodySize();
            m_shared.log.information(line.str());
        }
    }

private:
    Reply fail(const ApiRequest& api, std::string_view code, std::map<std::string, std::string> params = {})
    {
        return problem(Error::of(std::string(code), std::move(params)), api.requestId);
    }

    // Reads the body within the limit. Returns false (with `reply` set) when it is refused;
    // the connection is then closed, because unread bytes would be taken for the next request.
    bool readBody(Poco::Net::HTTPServerRequest& request, ApiRequest& api, Reply& reply, bool& keepAlive,
                  std::size_t max)
    {
        const bool chunked = request.getChunkedTransferEncoding();
        if (!chunked && !request.hasContentLength()) {
            if (methodHasBody(api.method)) {
                reply = fail(api, codes::LengthRequired);
                keepAlive = false;
                return false;
            }
            return true;
        }
        std::istream& in = request.stream();
        char buffer[16384];
        // Refusing a body: the rest of it is read and dropped (up to kDrainLimit) before the
        // answer, so the client, still sending, gets the 413 instead of a reset connection.
        auto refuse = [&] {
            std::size_t drained = api.body.size();
            api.body.clear();
            while (in && drained < kDrainLimit) {
                in.read(buffer, sizeof buffer);
                if (in.gcount() == 0) break;
                drained += static_cast<std::size_t>(in.gcount());
            }
            reply = fail(api, codes::BodyTooLarge, {{"max_bytes", std::to_string(max)}});
            keepAlive = false;
            return false;
        };
        if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(max)) {
            if (request.getContentLength64() > static_cast<Poco::Int64>(kDrainLimit)) {
                reply = fail(api, codes::BodyTooLarge, {{"max_bytes", std::to_string(max)}});
                keepAlive = false;
                return false;
            }
            return refuse();
        }
        while (in) {
            in.read(buffer, sizeof buffer);
            const auto n = static_cast<std::size_t>(in.gcount());
            if (n == 0) break;
            if (api.body.size() + n > max) return refuse();
            api.body.append(buffer, n);
        }
        api.contentType = request.getContentType();
        return true;
    }

    // An answer given before the body was read: the unread bytes would be taken for the next
    // request, so the connection closes after it. Up to 1 MiB of the body is read and dropped
    // first (never kept) so a client still sending sees the answer, not a reset.
    Reply early(Reply reply, bool& keepAlive, Poco::Net::HTTPServerRequest* request = nullptr)
    {
        keepAlive = false;
        if (request) {
            std::istream& in = request->stream();
            char buffer[16384];
            std::size_t drained = 0;
            while (in && drained < kEarlyDrain) {
                in.read(buffer, sizeof buffer);
                if (in.gcount() == 0) break;
                drained += static_cast<std::size_t>(in.gcount());
            }
        }
        return reply;
    }

    // Routing and authentication come before the body is read, so nobody without a valid
    // token (or on an unknown route) makes the server buffer megabytes; open routes (login)
    // get a small body limit. Every answer given before readBody has taken the body — a
    // refusal, or an exception from authentication (it reads the session table: an exhausted
    // pool, a busy database) — goes through early(): left unread, the body would be parsed as
    // the next request on the connection, and the client would get Poco's bare 400 for it.
    Reply run(Poco::Net::HTTPServerRequest& request, ApiRequest& api, std::string& routeName, bool& keepAlive)
    {
        const bool hasBody =
            request.getChunkedTransferEncoding() || (request.hasContentLength() && request.getContentLength64() > 0);
        bool bodyTaken = false; // readBody ran: it read the body or closed the connection itself
        auto settle = [&](Reply r) { return hasBody && !bodyTaken ? early(std::move(r), keepAlive, &request) : r; };
        try {
            auto match = m_shared.router.match(api.method, api.path);
            if (!match.route) {
                if (match.allowedMethods.empty()) return settle(fail(api, codes::RouteNotFound));
                std::string allow;
                for (const auto& m : match.allowedMethods) allow += (allow.empty() ? "" : ", ") + m;
                Reply r = fail(api, codes::MethodNotAllowed, {{"allow", allow}}).header("Allow", allow);
                return settle(std::move(r));
            }
            const Route& route = *match.route;
            routeName = route.name;
            if (!api.protocol.empty() && api.protocol != kProtocolVersion) {
                return settle(fail(api, codes::ProtocolUnsupported,
                                   {{"server", std::string(kProtocolVersion)}, {"client", api.protocol}}));
            }
            std::optional<store::ActingAs> acting; // the caller's writes are recorded as theirs
            api.pathParams = std::move(match.params);
            if (route.access.authenticated) {
                const std::string authorization = request.get("Authorization", "");
                constexpr std::string_view scheme = "Bearer ";
                if (authorization.size() <= scheme.size() ||
                    Poco::icompare(authorization.substr(0, scheme.size()), std::string(scheme)) != 0) {
                    return settle(fail(api, codes::Unauthorized).header("WWW-Authenticate", "Bearer"));
                }
                api.bearerToken = authorization.substr(scheme.size());
                auto user = m_shared.authenticate(api.bearerToken);
                if (!user) {
                    return settle(problem(user.error(), api.requestId).header("WWW-Authenticate", "Bearer"));
                }
                api.user = std::move(user).value();
                acting.emplace(store::Actor{api.user->id.toString(), sync::sideOf(api.user->role), {}});
                if (!route.access.allows(api.user->role)) {
                    return settle(fail(api, codes::Forbidden, {{"role", std::string(enumName(api.user->role))}}));
                }
            }
            Reply reply;
            const std::size_t limit = route.body.maxBytes ? route.body.maxBytes
                                      : route.access.authenticated ? m_shared.settings.maxBodyBytes
                                                                   : kOpenRouteMaxBody;
            bodyTaken = true;
            if (!readBody(request, api, reply, keepAlive, limit)) return reply;
            if (!api.body.empty()) {
                const std::string type = Poco::trim(Poco::toLower(api.contentType.substr(0, api.contentType.find(';'))));
                if (!route.body.accepts(type)) {
                    std::string expected;
                    for (const auto& t : route.body.mediaTypes) expected += (expected.empty() ? "" : ", ") + t;
                    return fail(api, codes::UnsupportedMediaType, {{"expected", expected}});
                }
            }
            auto result = route.handler(api);
            if (!result) return problem(result.error(), api.requestId);
            return std::move(result).value();
        } catch (const Poco::Data::SessionPoolExhaustedException&) {
            m_shared.log.warning("request_id=" + api.requestId + " database pool exhausted");
            return settle(fail(api, codes::ServiceUnavailable).header("Retry-After", "1"));
        } catch (const Poco::Data::SQLite::DBLockedException&) {
            return settle(busy(api));
        } catch (const Poco::Data::SQLite::TableLockedException&) {
            return settle(busy(api));
        } catch (const Poco::TimeoutException&) {
            keepAlive = false;
            return fail(api, codes::RequestTimeout);
        } catch (const Poco::Net::MessageException& e) {
            keepAlive = false;
            return fail(api, codes::BadRequest, {{"detail", e.displayText()}});
        } catch (const Poco::Exception& e) {
            m_shared.log.error("request_id=" + api.requestId + " unhandled: " + e.displayText());
            return settle(fail(api, codes::InternalError));
        } catch (const std::exception& e) {
            m_shared.log.error("request_id=" + api.requestId + " unhandled: " + e.what());
            return settle(fail(api, codes::InternalError));
        }
    }

    // The database stayed locked past the busy timeout (a long import holds the write lock).
    Reply busy(const ApiRequest& api)
    {
        m_shared.log.warning("request_id=" + api.requestId + " database busy");
        return fail(api, codes::ServiceUnavailable).header("Retry-After", "2");
    }

    // The status line, headers and body leave in one write. Poco's own send writes the head
    // and the body separately: two segments per answer, each a system call here and a
    // wake-up of the client. Poco sends nothing itself for a response its handler did not
    // send; it only reads getKeepAlive() to decide whether to wait for the next request.
    void send(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, const ApiRequest& api,
              const Reply& reply, bool keepAlive)
    {
        response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
        response.set("X-Request-Id", api.requestId);
        response.set("Cache-Control", "no-store");
        for (const auto& [name, value] : reply.headers) response.set(name, value);
        // Threads back to active callers when most are held by connections.
        if (auto* server = m_shared.server;
            server && server->currentConnections() * 5 > m_shared.settings.maxThreads * 4)
            keepAlive = false;
        response.setKeepAlive(keepAlive && response.getKeepAlive());
        const bool withBody = reply.status != 204 && reply.status != 304;
        if (withBody) response.setContentType(reply.contentType);
        response.setContentLength64(withBody ? static_cast<Poco::Int64>(reply.bodySize()) : 0);
        std::ostringstream head;
        response.write(head);
        std::string out = std::move(head).str();
        const bool sendBody = withBody && api.method != "HEAD";
        if (sendBody && !reply.stream) out += reply.body;
        auto& socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket();
        // A peer gone or too slow: the connection ends here. The exception must not reach
        // Poco, which would write a 500 of its own after our partial answer.
        try {
            if (socket.sendBytes(out.data(), static_cast<int>(out.size())) != static_cast<int>(out.size()))
                response.setKeepAlive(false);
            else if (sendBody && reply.stream && !sendStream(socket, *reply.stream))
                response.setKeepAlive(false);
        } catch (const Poco::Exception& e) {
            response.setKeepAlive(false);
            m_shared.log.notice("request_id=" + api.requestId + " answer not delivered: " + e.displayText());
        }
    }

    // A streamed body in pieces after the head. False when the source failed or the peer
    // took less than offered: the connection must close (the client counts on Content-Length).
    bool sendStream(Poco::Net::StreamSocket& socket, const Reply::Stream& stream)
    {
        std::vector<char> buffer(256 * 1024);
        std::uint64_t left = stream.length;
        while (left > 0) {
            const std::size_t n =
                stream.read(buffer.data(), static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size())));
            if (n == 0) {
                m_shared.log.error("a streamed answer ended " + std::to_string(left) + " bytes early");
                return false;
            }
            if (socket.sendBytes(buffer.data(), static_cast<int>(n)) != static_cast<int>(n)) return false;
            left -= n;
        }
        return true;
    }

    Shared& m_shared;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit Factory(std::shared_ptr<Shared> shared) : m_shared(std::move(shared)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        return new Pipeline(*m_shared);
    }

private:
    std::shared_ptr<Shared> m_shared;
};

} // namespace

ApiServer::ApiServer(ServerSettings settings, const Router& router, Metrics& metrics, Authenticate authenticate,
                     Poco::Logger& log)
    : m_settings(std::move(settings))
{
    auto shared = std::make_shared<Shared>(Shared{m_settings, router, metrics, std::move(authenticate), log});
    const Poco::Net::SocketAddress address(m_settings.host, m_settings.port);
    if (secure()) {
        Poco::Net::initializeSSL();
        Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, m_settings.tlsKeyFile,
                                   m_settings.tlsCertificateFile, "", Poco::Net::Context::VERIFY_NONE);
        context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
        m_socket = std::make_unique<Poco::Net::SecureServerSocket>(address, 256, context);
    } else {
        m_socket = std::make_unique<Poco::Net::ServerSocket>(address, 256);
    }
    m_pool = std::make_unique<Poco::ThreadPool>("http", 4, m_settings.maxThreads + 4, 60, 512 * 1024);
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(m_settings.maxThreads);
    params->setMaxQueued(m_settings.maxQueued);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(static_cast<long>(m_settings.keepAlive.count()), 0));
    params->setMaxKeepAliveRequests(10000);
    params->setTimeout(Poco::Timespan(static_cast<long>(m_settings.timeout.count()), 0));
    params->setServerName("yanghu");
    m_server = std::make_unique<Poco::Net::HTTPServer>(new Factory(shared), *m_pool, *m_socket, params);
    shared->server = m_server.get();
}

ApiServer::~ApiServer()
{
    try {
        stop();
    } catch (...) {
    }
}

void ApiServer::start()
{
    m_server->start();
    m_running = true;
}

void ApiServer::stop()
{
    if (!m_running) return;
    m_running = false;
    m_server->stopAll(false); // in-flight requests finish; idle connections close
    m_socket->close();
    m_pool->joinAll();
}

std::uint16_t ApiServer::port() const
{
    return m_socket->address().port();
}

Metrics::Gauges ApiServer::gauges() const
{
    Metrics::Gauges g;
    g.connectionsActive = m_server->currentConnections();
    g.connectionsQueued = m_server->queuedConnections();
    g.threadsBusy = m_server->currentThreads();
    g.threadsMax = m_settings.maxThreads;
    return g;
}

} // namespace yanghu::http
