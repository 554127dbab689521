// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Domain.h"

#include <Poco/Net/NameValueCollection.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yanghu::http {

// The sync protocol and schema version this server speaks. Replicas send it as
// X-Yanghu-Protocol on every request: the sync routes require it, and any route answers a
// different value 426 protocol_unsupported (the replica keeps its outbox and asks for an
// upgrade). Tools that do not sync (curl, scripts) may leave it out of the other routes.
inline constexpr std::string_view kProtocolVersion = "1";

// One API request as handlers see it: already routed, its body read within the size limit,
// and the caller authenticated when the route requires it. Owned by the connection's thread
// for the duration of one request.
struct ApiRequest {
    std::string method;
    std::string path;                              // without the query string
    std::map<std::string, std::string> pathParams; // "{id}" -> value, percent-decoded
    std::vector<std::pair<std::string, std::string>> query; // decoded, in order
    std::string body;
    std::string contentType;
    std::string ifMatch; // the raw If-Match header, empty when absent
    std::string protocol; // X-Yanghu-Protocol: the sync protocol a replica speaks, empty when absent
    std::string requestId;
    std::string clientAddress; // the peer's address, without port
    std::optional<User> user;  // the caller, on authenticated routes
    std::string bearerToken;   // as presented (only the auth routes need it)
    // The request's headers as received (Poco's request object, which outlives the handler
    // call); null outside the server pipeline. Read them through header().
    const Poco::Net::NameValueCollection* headers = nullptr;

    // The first value of header `name` (case-insensitive); empty when absent.
    std::string header(const std::string& name) const { return headers ? headers->get(name, "") : std::string(); }

    // The first value of query parameter `name`.
    std::optional<std::string> queryValue(std::string_view name) const
    {
        for (const auto& [k, v] : query)
            if (k == name) return v;
        return std::nullopt;
    }
    const std::string& param(const std::string& name) const { return pathParams.at(name); }
    // The caller (authenticated routes only).
    const User& caller() const { return *user; }
};

} // namespace yanghu::http
