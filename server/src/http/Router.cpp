// SPDX-License-Identifier: MIT
#include "http/Router.h"

#include <algorithm>
#include <stdexcept>

namespace yanghu::http {

bool Access::allows(Role role) const
{
    return roles.empty() || std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool BodyRule::accepts(std::string_view mediaType) const
{
    return std::find(mediaTypes.begin(), mediaTypes.end(), mediaType) != mediaTypes.end();
}

void Router::add(Route route)
{
    for (const auto& r : m_routes)
        if (r.method == route.method && r.pattern == route.pattern)
            throw std::logic_error("duplicate route " + route.method + " " + route.pattern);
    m_routes.push_back(std::move(route));
}

std::string percentDecode(std::string_view text, bool plusIsSpace)
{
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            const int hi = hex(text[i + 1]), lo = hex(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += (plusIsSpace && c == '+') ? ' ' : c;
    }
    return out;
}

bool Router::matchPattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& out)
{
    out.clear();
    std::size_t p = 0, q = 0;
    while (p < pattern.size() && q < path.size()) {
        if (pattern[p] == '{') {
            const std::size_t close = pattern.find('}', p);
            const std::string name(pattern.substr(p + 1, close - p - 1));
            std::size_t end = path.find('/', q);
            if (end == std::string_view::npos) end = path.size();
            if (end == q) return false; // an empty segment never matches a parameter
            out[name] = percentDecode(path.substr(q, end - q), false);
            p = close + 1;
            q = end;
            continue;
        }
        if (pattern[p] != path[q]) return false;
        ++p;
        ++q;
    }
    return p == pattern.size() && q == path.size();
}

Router::Match Router::match(std::string_view method, std::string_view path) const
{
    Match m;
    std::map<std::string, std::string> params;
    for (const auto& r : m_routes) {
        if (!matchPattern(r.pattern, path, params)) continue;
        if (r.method == method) {
            m.route = &r;
            m.params = std::move(params);
            m.allowedMethods.clear();
            return m;
        }
        m.allowedMethods.push_back(r.method);
    }
    return m;
}

} // namespace yanghu::http
