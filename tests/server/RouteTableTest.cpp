// SPDX-License-Identifier: MIT
// Tests generated from the route table itself: the OpenAPI document lists exactly the routes
// the server has, and every route answers 401 / 403 / neither to every role as its Access says.
#include "ApiFixture.h"

#include "api/SystemRoutes.h"
#include "app/ServerRuntime.h"

#include <Poco/Logger.h>

#include <filesystem>
#include <set>

using namespace yanghu;
using namespace yanghu::servertest;

namespace {

// The route table as the server builds it (an in-process runtime on a scratch SQLite file,
// never started).
class RouteTable {
public:
    RouteTable()
    {
        m_dir = std::filesystem::temp_directory_path() / ("yanghu-routes-" + std::to_string(::getpid()));
        std::filesystem::create_directories(m_dir);
        server::ServerConfig config;
        config.db = "sqlite:" + (m_dir / "routes.db").string();
        config.http.port = 0;
        config.fastPasswordHashes = true;
        m_runtime = std::make_unique<server::ServerRuntime>(config, Poco::Logger::get("test"));
    }
    ~RouteTable()
    {
        m_runtime.reset();
        std::error_code ignored;
        std::filesystem::remove_all(m_dir, ignored);
    }
    const std::vector<http::Route>& routes() const { return m_runtime->router().routes(); }

private:
    std::filesystem::path m_dir;
    std::unique_ptr<server::ServerRuntime> m_runtime;
};

// "/api/v1/work-orders/{id}" -> the OpenAPI path is the same text.
std::set<std::string> routeKeys(const std::vector<http::Route>& routes)
{
    std::set<std::string> keys;
    for (const auto& r : routes) keys.insert(r.method + " " + r.pattern + " " + r.name);
    return keys;
}

TEST(OpenApiDocument, ListsExactlyTheRoutesTheServerHasWithTheirOperationIds)
{
    RouteTable table;
    const auto doc = nlohmann::json::parse(api::openApiDocument());
    ASSERT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
    std::set<std::string> documented;
    for (auto path = doc["paths"].begin(); path != doc["paths"].end(); ++path)
        for (auto op = path.value().begin(); op != path.value().end(); ++op) {
            std::string method = op.key();
            for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            documented.insert(method + " " + path.key() + " " + op.value()["operationId"].get<std::string>());
        }
    const auto served = routeKeys(table.routes());
    std::vector<std::string> undocumented, phantom;
    std::set_difference(served.begin(), served.end(), documented.begin(), documented.end(),
                        std::back_inserter(undocumented));
    std::set_difference(documented.begin(), documented.end(), served.begin(), served.end(),
                        std::back_inserter(phantom));
    EXPECT_TRUE(undocumented.empty()) << "served but not in openapi.json: " << ::testing::PrintToString(undocumented);
    EXPECT_TRUE(phantom.empty()) << "in openapi.json but not served: " << ::testing::PrintToString(phantom);
}

TEST(OpenApiDocument, StatesTheSameRolesAsTheAuthorisationTable)
{
    RouteTable table;
    const auto doc = nlohmann::json::parse(api::openApiDocument());
    for (const auto& r : table.routes()) {
        std::string method = r.method;
        for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const auto& op = doc["paths"][r.pattern][method];
        if (!r.access.authenticated) {
            EXPECT_EQ(op["security"], nlohmann::json::array()) << r.name << " is open but documented as secured";
            continue;
        }
        std::set<std::string> documented, actual;
        for (const auto& role : op["x-yanghu-roles"]) documented.insert(role.get<std::string>());
        for (Role role : {Role::Admin, Role::Dispatcher, Role::Supervisor, Role::FieldCrew})
            if (r.access.allows(role)) actual.insert(std::string(enumName(role)));
        EXPECT_EQ(documented, actual) << r.name;
    }
}

class RouteMatrix : public ApiTest {};

// Every route x (no token, each role): 401 without a token on secured routes, 403 for a role
// the table does not allow, and for allowed roles never 401/403 from the pipeline (a handler
// may still answer 404/412/422/428 for the made-up id and empty body).
TEST_P(RouteMatrix, EveryRouteAnswersEveryRoleAsTheTableSays)
{
    RouteTable table;
    const std::string someId = "01900000-0000-7000-8000-000000000000";
    const std::map<std::string, Role> roleOf{{"admin", Role::Admin},
                                             {"dispatcher", Role::Dispatcher},
                                             {"supervisor", Role::Supervisor},
                                             {"crew_a", Role::FieldCrew}};
    int checked = 0;
    for (const auto& r : table.routes()) {
        std::string path = r.pattern;
        if (auto at = path.find("{id}"); at != std::string::npos) path.replace(at, 4, someId);
        auto send = [&](const std::string& token) {
            std::map<std::string, std::string> headers{{"If-Match", "\"1\""}};
            if (!token.empty()) headers["Authorization"] = "Bearer " + token;
            std::string body;
            if (r.method == "POST" || r.method == "PATCH") {
                body = "{}";
                headers["Content-Type"] = "application/json";
            }
            return client().request(r.method, path, body, headers);
        };
        const auto anonymous = send("");
        if (r.access.authenticated) {
            EXPECT_EQ(anonymous.status, 401) << r.name << " without a token";
            if (r.method != "HEAD") { // HEAD answers carry no body
                EXPECT_EQ(anonymous.json()["code"], "unauthorized") << r.name;
            }
        } else {
            EXPECT_NE(anonymous.status, 401) << r.name;
        }
        for (const auto& [username, role] : roleOf) {
            // Logging out or refreshing would end the shared token: each role uses a session of its own.
            const std::string t = r.name == "auth.logout" || r.name == "auth.refresh"
                                      ? client().login(username, "pw-" + username)
                                      : token(username);
            const auto answer = send(t);
            const bool allowed = !r.access.authenticated || r.access.allows(role);
            if (allowed) {
                EXPECT_NE(answer.status, 401) << r.name << " as " << username << ": " << answer.body;
                EXPECT_FALSE(answer.status == 403 && answer.json()["code"] == "forbidden")
                    << r.name << " as " << username << ": " << answer.body;
                EXPECT_LT(answer.status, 500) << r.name << " as " << username << ": " << answer.body;
            } else {
                EXPECT_EQ(answer.status, 403) << r.name << " as " << username;
                EXPECT_EQ(answer.json()["code"], "forbidden") << r.name << " as " << username;
            }
            ++checked;
        }
    }
    EXPECT_GE(checked, 4 * 40);
}

YANGHU_API_BOTH_BACKENDS(RouteMatrix);

} // namespace
