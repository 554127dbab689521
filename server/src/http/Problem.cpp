// SPDX-License-Identifier: MIT
#include "http/Problem.h"

#include "http/HttpCodes.h"

#include "yanghu/core/rules/ErrorCodes.h"

#include <nlohmann/json.hpp>

#include <array>
#include <utility>

namespace yanghu::http {

namespace {

struct Mapping {
    std::string_view code;
    int status;
    std::string_view title;
};

// Domain codes (yanghu::codes) and HTTP codes (http::codes) alike. Anything not listed is a
// bug on the server's side: 500.
constexpr std::array kMappings{
    Mapping{yanghu::codes::ValidationFailed, 422, "The request has invalid fields"},
    Mapping{yanghu::codes::MalformedJson, 400, "The body is not valid JSON"},
    Mapping{yanghu::codes::NotFound, 404, "No such resource"},
    Mapping{yanghu::codes::VersionConflict, 412, "The resource changed since you read it"},
    Mapping{yanghu::codes::Duplicate, 409, "A resource with this value already exists"},
    Mapping{yanghu::codes::TransitionInvalid, 409, "This status change is not possible from the current status"},
    Mapping{yanghu::codes::TransitionForbidden, 403, "Your role may not make this status change"},
    Mapping{yanghu::codes::NotAssignedCrew, 403, "Only the assigned crew may do this"},
    Mapping{yanghu::codes::StorageFailed, 503, "The database is not available"},
    Mapping{yanghu::codes::PlanStale, 409, "Work in the plan changed since it was computed; plan again"},
    Mapping{codes::Unauthorized, 401, "Sign-in required"},
    Mapping{codes::BadCredentials, 401, "Wrong username or password"},
    Mapping{codes::Forbidden, 403, "Your role may not do this"},
    Mapping{codes::RouteNotFound, 404, "No such route"},
    Mapping{codes::MethodNotAllowed, 405, "Method not allowed on this route"},
    Mapping{codes::BodyTooLarge, 413, "The body is too large"},
    Mapping{codes::LengthRequired, 411, "The body needs a Content-Length or chunked encoding"},
    Mapping{codes::UnsupportedMediaType, 415, "This route does not take a body of that media type"},
    Mapping{codes::PreconditionRequired, 428, "Send If-Match with the version you read"},
    Mapping{codes::PreconditionFailed, 412, "If-Match does not name the current version"},
    Mapping{codes::TooManyRequests, 429, "Too many attempts; wait before trying again"},
    Mapping{codes::ServiceUnavailable, 503, "The server is busy; try again shortly"},
    Mapping{codes::RequestTimeout, 408, "The request arrived too slowly"},
    Mapping{codes::BadRequest, 400, "The request is malformed"},
    Mapping{codes::InvalidState, 409, "Not possible in the resource's current state"},
    Mapping{codes::ResyncRequired, 410, "Your copy must be downloaded again"},
    Mapping{codes::ProtocolUnsupported, 426, "This client is too old or too new for the server; update it"},
    Mapping{codes::UploadOffsetMismatch, 409, "The upload does not continue where the server's copy ends"},
    Mapping{codes::ChunkHashMismatch, 422, "The chunk does not match its Chunk-SHA256"},
    Mapping{codes::HashMismatch, 422, "The uploaded file does not match its SHA-256; it was discarded"},
    Mapping{codes::PhotoTooLarge, 413, "The photo is larger than the server takes"},
    Mapping{codes::RangeNotSatisfiable, 416, "The range is outside the file"},
    Mapping{codes::PhotoStoreFailed, 503, "The photo store cannot be written now; try again later"},
    Mapping{codes::InternalError, 500, "Internal server error"},
};

// Params a client also gets as headers, where HTTP or the upload protocol expects them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kHeaderParams{{
    {"retry_after", "Retry-After"},
    {"upload_offset", "Upload-Offset"},   // photos: the bytes of an upload the server holds
    {"content_range", "Content-Range"},   // 416: "bytes */<size>"
}};

const Mapping* find(std::string_view code)
{
    for (const auto& m : kMappings)
        if (m.code == code) return &m;
    return nullptr;
}

} // namespace

int statusFor(std::string_view code)
{
    const auto* m = find(code);
    return m ? m->status : 500;
}

Reply problem(const Error& error, const std::string& requestId)
{
    const auto* m = find(error.code);
    const int status = m ? m->status : 500;
    nlohmann::json body = {
        {"type", "urn:yanghu:problem:" + error.code},
        {"title", std::string(m ? m->title : "Internal server error")},
        {"status", status},
        {"code", error.code},
        {"request_id", requestId},
    };
    if (!error.params.empty()) body["params"] = error.params;
    if (auto detail = error.params.find("detail"); detail != error.params.end()) body["detail"] = detail->second;
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& f : error.fields) {
        nlohmann::json e = {{"field", f.field}, {"code", f.code}};
        if (!f.params.empty()) e["params"] = f.params;
        errors.push_back(std::move(e));
    }
    body["errors"] = std::move(errors);
    // Params may echo request text (a query value that is not UTF-8): replaced, never refused.
    Reply reply = Reply::text(status, "application/problem+json",
                              body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    for (const auto& [param, header] : kHeaderParams)
        if (auto value = error.params.find(std::string(param)); value != error.params.end()) reply.header(std::string(header), value->second);
    return reply;
}

} // namespace yanghu::http
