// SPDX-License-Identifier: MIT
// The HTTP front as a client meets it: limits, content types, routing errors, keep-alive
// capacity, metrics, health, graceful shutdown. Real server process, real sockets.
#include "ApiFixture.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/Net/StreamSocket.h>

#include <filesystem>
#include <fstream>

using namespace yanghu;
using namespace yanghu::servertest;

namespace {

class ServerBehaviour : public ApiTest {};

// A raw HTTP/1.1 exchange on an open socket: sends `request`, reads one whole response.
// Returns the status, or 0 when the connection was closed.
int exchange(Poco::Net::StreamSocket& socket, const std::string& request, std::string* bodyOut = nullptr)
{
    socket.sendBytes(request.data(), static_cast<int>(request.size()));
    std::string data;
    char buf[4096];
    std::size_t headerEnd = std::string::npos;
    std::size_t length = 0;
    for (;;) {
        const int n = socket.receiveBytes(buf, sizeof buf);
        if (n <= 0) return 0;
        data.append(buf, static_cast<std::size_t>(n));
        if (headerEnd == std::string::npos) {
            headerEnd = data.find("\r\n\r\n");
            if (headerEnd == std::string::npos) continue;
            const auto cl = data.find("Content-Length: ");
            length = cl == std::string::npos ? 0 : std::stoul(data.substr(cl + 16));
        }
        if (data.size() >= headerEnd + 4 + length) break;
    }
    if (bodyOut) *bodyOut = data.substr(headerEnd + 4, length);
    return std::stoi(data.substr(9, 3));
}

const std::string kHealth = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

TEST_P(ServerBehaviour, FiveHundredIdleKeepAliveConnectionsDoNotStarveAnActiveClient)
{
    // Idle connections are kept for a minute here so all 500 are still held (each by one
    // server thread) while the active client works.
    const auto config = std::filesystem::temp_directory_path() / ("yanghu-keepalive-" + std::to_string(::getpid()) + ".properties");
    std::ofstream(config) << "http.keep_alive_seconds = 60\nhttp.timeout_seconds = 60\n";
    m_server = std::make_unique<ServerProcess>(
        m_scratch->url(), std::vector<std::string>{"--config", config.string(), "--photos-dir", photoDir().string()});
    const auto address = Poco::Net::SocketAddress("127.0.0.1", m_server->port());

    std::vector<Poco::Net::StreamSocket> idle;
    idle.reserve(500);
    for (int i = 0; i < 500; ++i) {
        Poco::Net::StreamSocket s(address);
        s.setReceiveTimeout(Poco::Timespan(30, 0));
        ASSERT_EQ(exchange(s, kHealth), 200) << "idle connection " << i;
        idle.push_back(std::move(s));
    }
    // The dispatcher's client, on a new connection, while all 500 hold their threads.
    HttpClient active(m_server->port());
    const std::string t = active.login("dispatcher", "pw-dispatcher");
    for (int i = 0; i < 50; ++i) {
        auto r = active.get("/api/v1/auth/me", t);
        ASSERT_EQ(r.status, 200) << "active request " << i << ": " << r.body;
    }
    // ... and the idle ones were really held all along: each still answers on its own socket.
    int stillOpen = 0;
    for (auto& s : idle) stillOpen += exchange(s, kHealth) == 200 ? 1 : 0;
    EXPECT_EQ(stillOpen, 500);
    std::string metrics;
    Poco::Net::StreamSocket probe(address);
    ASSERT_EQ(exchange(probe, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", &metrics), 200);
    const auto gauge = metrics.find("\nyanghu_http_connections_active ");
    ASSERT_NE(gauge, std::string::npos) << metrics;
    EXPECT_GE(std::stoi(metrics.substr(gauge + 32)), 500) << "the 500 idle connections are all held";
    for (auto& s : idle) s.close();
    std::filesystem::remove(config);
}

TEST_P(ServerBehaviour, ATwentyMebibyteBodyIsRefusedWith413AndTheConnectionClosed)
{
    const std::string big(20 * 1024 * 1024, 'x');
    auto r = client().request("POST", "/api/v1/defect-reports", big,
                              {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token("crew_a")}});
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(r.json()["code"], "body_too_large");
    EXPECT_EQ(r.json()["params"]["max_bytes"], "8388608");
    // The client reconnects and carries on.
    EXPECT_EQ(client().get("/healthz").status, 200);
}

TEST_P(ServerBehaviour, RoutesWithoutATokenTakeOnlySmallBodies)
{
    const std::string body = "{\"username\": \"" + std::string(100 * 1024, 'a') + "\", \"password\": \"x\"}";
    auto r = client().request("POST", "/api/v1/auth/login", body, {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(r.json()["params"]["max_bytes"], "65536");
}

TEST_P(ServerBehaviour, WithoutAValidTokenTheBodyIsNotReadAndTheConnectionCloses)
{
    const std::string big(512 * 1024, 'x');
    auto r = client().request("POST", "/api/v1/defect-reports", big,
                              {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + std::string(43, 'Z')}});
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(Poco::toLower(r.header("connection")), "close");
    EXPECT_EQ(client().get("/healthz").status, 200);
}

TEST_P(ServerBehaviour, DeeplyNestedOrOutOfRangeJsonIs400AndTheServerLivesOn)
{
    const std::string deep = "{\"description\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
    auto nested = client().request("POST", "/api/v1/defect-reports", deep,
                                   {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token("crew_a")}});
    EXPECT_EQ(nested.status, 400);
    EXPECT_EQ(nested.json()["code"], "malformed_json");
    auto huge = client().request("POST", "/api/v1/auth/login", R"({"username": 1e400, "password": "x"})",
                                 {{"Content-Type", "application/json"}});
    EXPECT_EQ(huge.status, 400);
    EXPECT_EQ(huge.json()["code"], "malformed_json");
    EXPECT_TRUE(m_server->running());
    EXPECT_EQ(client().get("/healthz").status, 200);
}

TEST_P(ServerBehaviour, MetricsLabelUnknownMethodsAsOther)
{
    auto brew = client().request("BREW", "/healthz");
    EXPECT_EQ(brew.status, 405);
    auto m = client().get("/metrics");
    EXPECT_EQ(m.body.find("BREW"), std::string::npos);
    EXPECT_NE(m.body.find("method=\"OTHER\""), std::string::npos) << m.body;
}

TEST_P(ServerBehaviour, AChunkedBodyOverTheLimitIsRefusedToo)
{
    Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", m_server->port()));
    std::string request = "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n";
    const std::string chunk(1024 * 1024, 'y');
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
    for (int i = 0; i < 9; ++i) request += size + chunk + "\r\n";
    request += "0\r\n\r\n";
    std::string body;
    EXPECT_EQ(exchange(s, request, &body), 413);
    EXPECT_NE(body.find("body_too_large"), std::string::npos);
}

TEST_P(ServerBehaviour, MalformedJsonInvalidUtf8AndWrongContentTypeGetTheirOwnCodes)
{
    auto malformed = client().request("POST", "/api/v1/auth/login", "{\"username\": ", {{"Content-Type", "application/json"}});
    EXPECT_EQ(malformed.status, 400);
    EXPECT_EQ(malformed.json()["code"], "malformed_json");
    auto utf8 = client().request("POST", "/api/v1/auth/login", "{\"username\": \"\xC3\x28\", \"password\": \"x\"}",
                                 {{"Content-Type", "application/json"}});
    EXPECT_EQ(utf8.status, 400);
    EXPECT_EQ(utf8.json()["code"], "malformed_json");
    auto form = client().request("POST", "/api/v1/auth/login", "username=a&password=b",
                                 {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(form.status, 415);
    EXPECT_EQ(form.json()["code"], "unsupported_media_type");
    auto array = client().request("POST", "/api/v1/auth/login", "[1,2]", {{"Content-Type", "application/json; charset=utf-8"}});
    EXPECT_EQ(array.status, 422);
    EXPECT_EQ(array.json()["errors"][0]["code"], "wrong_type");
}

TEST_P(ServerBehaviour, ANulCharacterInABodyOrAQueryIs422WithItsPathAndNothingIsWritten)
{
    const std::string before = databaseDigest();
    auto body = client().request("POST", "/api/v1/defect-reports",
                                 R"({"category": "cover_missing", "severity": 3, "description": "井盖\u0000缺失",
                                     "location": {"type": "Point", "coordinates": [114.49, 36.61]}})",
                                 {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token("dispatcher")}});
    EXPECT_EQ(body.status, 422) << body.body;
    ASSERT_FALSE(body.json()["errors"].empty());
    EXPECT_EQ(body.json()["errors"][0]["field"], "description");
    EXPECT_EQ(body.json()["errors"][0]["code"], "invalid_format");
    auto query = client().get("/api/v1/streets?q=%E8%B7%AF%00x", token("dispatcher"));
    EXPECT_EQ(query.status, 422) << query.body;
    EXPECT_EQ(query.json()["errors"][0]["field"], "q");
    EXPECT_EQ(databaseDigest(), before);
}

TEST_P(ServerBehaviour, APostWithoutLengthOrChunkingGets411)
{
    Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", m_server->port()));
    std::string body;
    EXPECT_EQ(exchange(s, "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n", &body), 411);
    EXPECT_NE(body.find("length_required"), std::string::npos);
}

TEST_P(ServerBehaviour, UnknownRoutesAre404AndWrongMethods405WithAllow)
{
    auto missing = client().get("/api/v1/nothing-here", token("admin"));
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.reason, "Not Found");
    EXPECT_EQ(missing.json()["code"], "route_not_found");
    auto wrong = client().request("DELETE", "/api/v1/auth/me", {}, {{"Authorization", "Bearer " + token("admin")}});
    EXPECT_EQ(wrong.status, 405);
    EXPECT_EQ(wrong.reason, "Method Not Allowed");
    EXPECT_EQ(wrong.header("allow"), "GET");
    EXPECT_EQ(wrong.json()["code"], "method_not_allowed");
}

TEST_P(ServerBehaviour, MetricsCountRequestsByRouteAndStatusAndShowThePool)
{
    ASSERT_EQ(client().get("/api/v1/auth/me", token("admin")).status, 200);
    ASSERT_EQ(client().get("/api/v1/auth/me").status, 401);
    auto m = client().get("/metrics");
    ASSERT_EQ(m.status, 200);
    EXPECT_EQ(m.header("content-type").rfind("text/plain", 0), 0u);
    EXPECT_NE(m.body.find("yanghu_http_requests_total{route=\"auth.me\",method=\"GET\",status=\"200\"}"), std::string::npos) << m.body;
    EXPECT_NE(m.body.find("yanghu_http_requests_total{route=\"auth.me\",method=\"GET\",status=\"401\"}"), std::string::npos);
    EXPECT_NE(m.body.find("yanghu_http_request_duration_seconds_bucket{route=\"auth.me\",method=\"GET\",le=\"+Inf\"}"),
              std::string::npos);
    EXPECT_NE(m.body.find("yanghu_db_pool_sessions_max 16"), std::string::npos);
}

TEST_P(ServerBehaviour, HealthSaysTheDatabaseIsReachable)
{
    auto h = client().get("/healthz");
    ASSERT_EQ(h.status, 200);
    EXPECT_EQ(h.json()["database"], "ok");
}

TEST_P(ServerBehaviour, SigtermStopsCleanlyAndARestartServesTheSameData)
{
    EXPECT_EQ(m_server->terminate(), 0);
    EXPECT_NE(m_server->log().find("stopped"), std::string::npos) << m_server->log();
    restartServer();
    EXPECT_EQ(client().get("/api/v1/auth/me", token("crew_a")).json()["username"], "crew_a");
}

TEST_P(ServerBehaviour, WithACertificateAndKeyItServesHttps)
{
    const auto dir = std::filesystem::temp_directory_path() / ("yanghu-tls-" + std::to_string(::getpid()));
    const std::string command = std::string(YANGHU_SOURCE_DIR) + "/scripts/make-dev-cert " + dir.string() + " >/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0);
    ServerProcess tls(m_scratch->url(), {"--tls-cert", (dir / "dev-cert.pem").string(), "--tls-key", (dir / "dev-key.pem").string(),
                                         "--photos-dir", photoDir().string()});
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", (dir / "dev-cert.pem").string(),
                               Poco::Net::Context::VERIFY_RELAXED);
    Poco::Net::HTTPSClientSession session("127.0.0.1", tls.port(), context);
    Poco::Net::HTTPRequest request("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    EXPECT_EQ(response.getStatus(), Poco::Net::HTTPResponse::HTTP_OK);
    EXPECT_NE(body.find("\"database\":\"ok\""), std::string::npos) << body;
    std::filesystem::remove_all(dir);
}

YANGHU_API_BOTH_BACKENDS(ServerBehaviour);

} // namespace
