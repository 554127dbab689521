// SPDX-License-Identifier: MIT
#pragma once

#include "http/ApiRequest.h"
#include "http/Reply.h"

#include "yanghu/core/Result.h"
#include "yanghu/core/domain/User.h"

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yanghu::http {

using Handler = std::function<Result<Reply>(ApiRequest&)>;

// Who may call a route: the authorisation table is the set of routes with their Access,
// declared where each route is registered and enforced before any handler runs. Finer rules
// (a crew member sees only its crew's orders) are the handler's, on the row it loaded.
struct Access {
    bool authenticated = true;
    std::vector<Role> roles; // empty with authenticated = any signed-in user

    static Access open() { return Access{false, {}}; }
    static Access anyUser() { return Access{true, {}}; }
    static Access only(std::initializer_list<Role> roles) { return Access{true, roles}; }
    bool allows(Role role) const;
};

// What a route takes as a request body. The default is every JSON route's: application/json
// within the server's limit (ServerSettings::maxBodyBytes; 64 KiB on routes that need no
// token). A body of another media type is 415, a larger one 413, both before the handler.
struct BodyRule {
    std::vector<std::string> mediaTypes{"application/json"}; // lower case, without parameters
    std::size_t maxBytes = 0;                                // 0: the server's limit for the route

    static BodyRule of(std::string mediaType, std::size_t maxBytes) { return BodyRule{{std::move(mediaType)}, maxBytes}; }
    bool accepts(std::string_view mediaType) const;
};

struct Route {
    std::string method;  // GET, HEAD, POST, PATCH, PUT, DELETE
    std::string pattern; // "/api/v1/work-orders/{id}/transitions"
    std::string name;    // stable operation id, e.g. "workOrders.transition" (metrics, OpenAPI)
    Access access;
    Handler handler;
    BodyRule body{};
};

// Routes by method and path pattern. Segments in braces match one non-empty path segment.
class Router {
public:
    void add(Route route);

    struct Match {
        const Route* route = nullptr;           // null: no route for this method and path
        std::map<std::string, std::string> params;
        std::vector<std::string> allowedMethods; // when the path exists under other methods
    };
    Match match(std::string_view method, std::string_view path) const;

    const std::vector<Route>& routes() const { return m_routes; }

private:
    static bool matchPattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& out);
    std::vector<Route> m_routes;
};

// Percent-decoding of one path segment or query component ('+' is a space in queries).
std::string percentDecode(std::string_view text, bool plusIsSpace);

} // namespace yanghu::http
