// SPDX-License-Identifier: MIT
#include "ApiFixture.h"

#include "auth/SessionStore.h"
#include "store/Sql.h"

#include "yanghu/core/Time.h"

#include <set>

using namespace yanghu;
using namespace yanghu::servertest;

namespace {

class AuthApi : public ApiTest {};

TEST_P(AuthApi, LoginAnswersTokenExpiryAndUserWithoutPasswordHash)
{
    auto r = client().post("/api/v1/auth/login", {{"username", "crew_a"}, {"password", "pw-crew_a"}});
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    EXPECT_EQ(body["token"].get<std::string>().size(), 43u);
    EXPECT_TRUE(parseInstant(body["expires_at"].get<std::string>()).has_value());
    EXPECT_EQ(body["user"]["username"], "crew_a");
    EXPECT_EQ(body["user"]["role"], "field_crew");
    EXPECT_EQ(body["user"]["crew_id"], crewA.id.toString());
    EXPECT_FALSE(body["user"].contains("password_hash"));
    EXPECT_EQ(r.body.find("argon2"), std::string::npos);
}

TEST_P(AuthApi, TheDatabaseKeepsOnlyAHashOfTheToken)
{
    const std::string token = client().login("dispatcher", "pw-dispatcher");
    auto session = m_db->session();
    auto rows = store::sql::query(session, "SELECT token_hash FROM auth_session", {}, {store::SqlType::Text});
    bool found = false;
    for (const auto& row : rows) {
        EXPECT_NE(std::get<std::string>(row[0]), token);
        found = found || std::get<std::string>(row[0]) == server::SessionStore::hashToken(token);
    }
    EXPECT_TRUE(found);
}

TEST_P(AuthApi, MeNeedsAValidBearerToken)
{
    auto me = client().get("/api/v1/auth/me", token("supervisor"));
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(me.json()["username"], "supervisor");
    EXPECT_EQ(me.header("etag"), "\"1\"");

    for (const std::string& bad : std::vector<std::string>{"", "not-a-token", std::string(43, 'A')}) {
        auto r = client().get("/api/v1/auth/me", bad);
        EXPECT_EQ(r.status, 401) << bad;
        EXPECT_EQ(r.header("content-type"), "application/problem+json");
        EXPECT_EQ(r.header("www-authenticate"), "Bearer");
        EXPECT_EQ(r.json()["code"], "unauthorized");
    }
    auto basic = client().request("GET", "/api/v1/auth/me", {}, {{"Authorization", "Basic YWRtaW46cHc="}});
    EXPECT_EQ(basic.status, 401);
}

TEST_P(AuthApi, LogoutRevokesTheTokenAtOnce)
{
    const std::string t = client().login("crew_b", "pw-crew_b");
    ASSERT_EQ(client().get("/api/v1/auth/me", t).status, 200);
    auto out = client().post("/api/v1/auth/logout", nlohmann::json::object(), t);
    EXPECT_EQ(out.status, 204) << out.body;
    EXPECT_EQ(client().get("/api/v1/auth/me", t).status, 401);
    // Other sessions of the same user live on.
    EXPECT_EQ(client().get("/api/v1/auth/me", token("crew_b")).status, 200);
}

TEST_P(AuthApi, RefreshGivesANewTokenAndEndsTheOldOne)
{
    const std::string old = client().login("crew_a", "pw-crew_a");
    auto r = client().post("/api/v1/auth/refresh", nlohmann::json::object(), old);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = r.json();
    const std::string fresh = body["token"].get<std::string>();
    EXPECT_NE(fresh, old);
    EXPECT_TRUE(parseInstant(body["expires_at"].get<std::string>()).has_value());
    EXPECT_EQ(body["user"]["username"], "crew_a");
    EXPECT_FALSE(body["user"].contains("password_hash"));
    EXPECT_EQ(client().get("/api/v1/auth/me", old).status, 401) << "the old token ended";
    EXPECT_EQ(client().get("/api/v1/auth/me", fresh).status, 200);
    // An ended or a missing token refreshes nothing.
    EXPECT_EQ(client().post("/api/v1/auth/refresh", nlohmann::json::object(), old).status, 401);
    EXPECT_EQ(client().post("/api/v1/auth/refresh", nlohmann::json::object(), "").status, 401);
}

TEST_P(AuthApi, WrongPasswordAndUnknownUserGetTheSameAnswer)
{
    auto wrong = client().post("/api/v1/auth/login", {{"username", "admin"}, {"password", "nope"}});
    auto unknown = client().post("/api/v1/auth/login", {{"username", "nobody"}, {"password", "nope"}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(wrong.json()["code"], "bad_credentials");
    EXPECT_EQ(unknown.json()["code"], "bad_credentials");
}

TEST_P(AuthApi, RepeatedFailuresForOneUserAreThrottledWithRetryAfter)
{
    for (int i = 0; i < 5; ++i)
        ASSERT_EQ(client().post("/api/v1/auth/login", {{"username", "supervisor"}, {"password", "guess"}}).status, 401);
    auto throttled = client().post("/api/v1/auth/login", {{"username", "supervisor"}, {"password", "pw-supervisor"}});
    EXPECT_EQ(throttled.status, 429) << throttled.body;
    EXPECT_EQ(throttled.json()["code"], "too_many_requests");
    const int retryAfter = std::stoi(throttled.header("retry-after"));
    EXPECT_GE(retryAfter, 1);
    EXPECT_LE(retryAfter, 30);
    // Another user from the same address is not locked out by it.
    EXPECT_EQ(client().post("/api/v1/auth/login", {{"username", "admin"}, {"password", "pw-admin"}}).status, 200);
}

TEST_P(AuthApi, LoginRefusesUnknownMembersWrongTypesAndMissingFields)
{
    auto r = client().post("/api/v1/auth/login", {{"username", 7}, {"remember", true}});
    ASSERT_EQ(r.status, 422) << r.body;
    auto errors = r.json()["errors"];
    std::set<std::string> seen;
    for (const auto& e : errors) seen.insert(e["field"].get<std::string>() + ":" + e["code"].get<std::string>());
    EXPECT_EQ(seen, (std::set<std::string>{"username:wrong_type", "password:required", "remember:unknown_field"}));
}

TEST_P(AuthApi, EveryResponseCarriesARequestIdAndEchoesASaneOne)
{
    auto r = client().request("GET", "/healthz", {}, {{"X-Request-Id", "laptop-17.req-0042"}});
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("x-request-id"), "laptop-17.req-0042");
    auto generated = client().request("GET", "/healthz", {}, {{"X-Request-Id", "bad id with spaces"}});
    EXPECT_FALSE(generated.header("x-request-id").empty());
    EXPECT_NE(generated.header("x-request-id"), "bad id with spaces");
}

TEST_P(AuthApi, TheRequestLogNamesRequestsButNeverPasswordsOrTokens)
{
    const std::string t = client().login("admin", "pw-admin");
    ASSERT_EQ(client().get("/api/v1/auth/me", t).status, 200);
    const std::string log = m_server->logOnceItHas("route=auth.me status=200");
    EXPECT_NE(log.find("route=auth.me status=200"), std::string::npos) << log;
    EXPECT_EQ(log.find("pw-admin"), std::string::npos);
    EXPECT_EQ(log.find(t), std::string::npos);
}

YANGHU_API_BOTH_BACKENDS(AuthApi);

} // namespace
