// SPDX-License-Identifier: MIT
// The HTTP pipeline in-process (http/ApiServer on a loopback port, a real keep-alive client):
// an answer given before the request body was read must leave no byte of that body on the
// connection. The 200-laptop field day found it: a push whose token check met an exhausted
// database pool got its 503, the body stayed unread, and the laptop's retry on the same
// connection was parsed from the middle of that body — Poco's bare 400.
//
// The failures are raised by the authentication callback: an exhausted pool or a locked
// database cannot be produced on demand in a real server process (the pool waits 10 s).
#include "http/ApiServer.h"
#include "http/Metrics.h"
#include "http/Router.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <string>

using namespace yanghu;
using namespace yanghu::http;

namespace {

struct Failure {
    const char* name;
    int status;                  // the answer to the request whose authentication failed
    std::function<void()> raise; // what the token check throws the first time
};

void PrintTo(const Failure& failure, std::ostream* out) { *out << failure.name; }

class ApiPipeline : public ::testing::TestWithParam<Failure> {};

struct Answer {
    int status = 0;
    std::string body;
    std::string retryAfter;
};

Answer post(Poco::Net::HTTPClientSession& session, const std::string& body)
{
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/echo", Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Authorization", "Bearer " + std::string(43, 'a'));
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    request.setKeepAlive(true);
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Answer answer{static_cast<int>(response.getStatus()), {}, response.get("Retry-After", "")};
    Poco::StreamCopier::copyToString(in, answer.body);
    return answer;
}

TEST_P(ApiPipeline, AnAnswerGivenBeforeTheBodyLeavesNoneOfItForTheNextRequest)
{
    Router router;
    router.add(Route{"POST", "/api/v1/echo", "echo", Access::anyUser(),
                     [](ApiRequest& api) -> Result<Reply> { return Reply::text(200, "application/json", api.body); }});
    Metrics metrics;
    std::atomic<int> checks{0};
    auto authenticate = [&](const std::string&) -> Result<User> {
        if (checks++ == 0) GetParam().raise();
        User user;
        user.username = "dispatcher";
        user.role = Role::Dispatcher;
        return user;
    };
    ServerSettings settings;
    settings.port = 0;
    ApiServer server(settings, router, metrics, authenticate, Poco::Logger::get("ApiPipelineTest"));
    server.start();

    // A body shaped like a push: a request line and headers, read as the next request,
    // would parse far enough to be taken for one.
    const std::string body = R"({"batch_id": "b1", "operations": [{"op": "note", "text": "井盖松动 沉降"}]})";
    Poco::Net::HTTPClientSession session("127.0.0.1", server.port());
    session.setKeepAlive(true);

    const Answer refused = post(session, body);
    EXPECT_EQ(refused.status, GetParam().status);
    EXPECT_NE(refused.body.find("\"code\""), std::string::npos) << "a problem+json body: " << refused.body;
    if (refused.status == 503) {
        EXPECT_FALSE(refused.retryAfter.empty());
    }

    // The retry on the same client session: the server either closed the connection after
    // the early answer (the session reconnects) or kept it clean. Either way, the echo.
    const Answer retried = post(session, body);
    EXPECT_EQ(retried.status, 200) << retried.body;
    EXPECT_EQ(nlohmann::json::parse(retried.body), nlohmann::json::parse(body));
    EXPECT_EQ(checks.load(), 2);
    server.stop();
}

INSTANTIATE_TEST_SUITE_P(
    TokenCheck, ApiPipeline,
    ::testing::Values(
        Failure{"PoolExhausted", 503, [] { throw Poco::Data::SessionPoolExhaustedException("no session in 10 s"); }},
        Failure{"DatabaseLocked", 503, [] { throw Poco::Data::SQLite::DBLockedException("database is locked"); }},
        Failure{"Unexpected", 500, [] { throw std::runtime_error("a bug"); }}),
    [](const ::testing::TestParamInfo<Failure>& test) { return std::string(test.param.name); });

} // namespace
