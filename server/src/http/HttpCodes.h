// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

// Stable problem codes the HTTP layer adds to the domain's (rules/ErrorCodes.h). Clients key
// their messages on these, never on the title text.
namespace yanghu::http::codes {

inline constexpr std::string_view Unauthorized = "unauthorized";           // no, expired or revoked token
inline constexpr std::string_view BadCredentials = "bad_credentials";      // login: wrong user or password
inline constexpr std::string_view Forbidden = "forbidden";                 // params: role
inline constexpr std::string_view RouteNotFound = "route_not_found";
inline constexpr std::string_view MethodNotAllowed = "method_not_allowed"; // params: allow
inline constexpr std::string_view BodyTooLarge = "body_too_large";         // params: max_bytes
inline constexpr std::string_view LengthRequired = "length_required";
inline constexpr std::string_view UnsupportedMediaType = "unsupported_media_type"; // params: expected
inline constexpr std::string_view PreconditionRequired = "precondition_required";   // PATCH without If-Match
inline constexpr std::string_view PreconditionFailed = "precondition_failed";       // malformed If-Match
inline constexpr std::string_view TooManyRequests = "too_many_requests";   // params: retry_after
inline constexpr std::string_view ServiceUnavailable = "service_unavailable";
inline constexpr std::string_view RequestTimeout = "request_timeout";   // the request arrived too slowly
inline constexpr std::string_view InternalError = "internal_error";
inline constexpr std::string_view BadRequest = "bad_request";              // params: detail
inline constexpr std::string_view InvalidState = "invalid_state";          // params: status
inline constexpr std::string_view ResyncRequired = "resync_required";      // params: reason, epoch
inline constexpr std::string_view ProtocolUnsupported = "protocol_unsupported"; // params: server, client

} // namespace yanghu::http::codes
