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

// Photo uploads and downloads (api/PhotoRoutes.cpp).
// 409: params upload_offset (also the Upload-Offset header): resume from there.
inline constexpr std::string_view UploadOffsetMismatch = "upload_offset_mismatch";
// 422: params expected, actual; the chunk was not kept, the bytes before it were.
inline constexpr std::string_view ChunkHashMismatch = "chunk_hash_mismatch";
// 422: params expected, actual; the whole upload was discarded (start again from 0).
inline constexpr std::string_view HashMismatch = "hash_mismatch";
inline constexpr std::string_view PhotoTooLarge = "photo_too_large";             // 413: params max_bytes
inline constexpr std::string_view RangeNotSatisfiable = "range_not_satisfiable"; // 416: params size, content_range
inline constexpr std::string_view PhotoStoreFailed = "photo_store_failed";       // 503: params detail

} // namespace yanghu::http::codes
