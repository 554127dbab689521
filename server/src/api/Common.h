// SPDX-License-Identifier: MIT
#pragma once

#include "http/ApiRequest.h"
#include "http/HttpCodes.h"
#include "http/Reply.h"
#include "store/Filters.h"
#include "store/Page.h"

#include "yanghu/core/EnumNames.h"
#include "yanghu/core/Result.h"
#include "yanghu/core/Time.h"
#include "yanghu/core/rules/ErrorCodes.h"
#include "yanghu/core/rules/Validation.h"
#include "yanghu/core/wire/Codec.h"

#include <nlohmann/json.hpp>

#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Helpers every route group uses, so requests are read and answered the same way everywhere.
namespace yanghu::api {

using Json = nlohmann::json;

// ---- reading requests -------------------------------------------------------------------

// The body as a JSON object: malformed_json (400) when it does not parse (invalid UTF-8
// included), validation_failed with wrong_type on "" when it is not an object, required on
// "" when there is no body.
Result<Json> bodyObject(const http::ApiRequest& request);

// limit (1..500, default 50) and cursor.
Result<store::PageRequest> pageRequest(const http::ApiRequest& request);

// The row version named by If-Match ("\"7\"", W/ prefix tolerated): precondition_required
// when absent, precondition_failed when it is not a version this server hands out.
Result<std::int64_t> ifMatchVersion(const http::ApiRequest& request);

// The {id} path parameter (or another): not_found when it is not a UUID, so a malformed id
// and an unknown one look alike.
Result<Uuid> pathId(const http::ApiRequest& request, const std::string& name = "id");

// Query-parameter readers collect problems into `errors` (field = parameter name) and return
// nullopt for absent or bad values; the caller ends with queryErrors(errors).
class QueryReader {
public:
    explicit QueryReader(const http::ApiRequest& request) : m_request(request) {}
    std::optional<std::string> text(std::string_view name);
    std::optional<Uuid> uuid(std::string_view name);
    std::optional<Date> date(std::string_view name);
    std::optional<Instant> instant(std::string_view name);
    std::optional<std::int64_t> integer(std::string_view name, std::int64_t min, std::int64_t max);
    std::optional<double> number(std::string_view name, double min, double max);
    template <class E>
    std::optional<E> enumeration(std::string_view name)
    {
        auto v = text(name);
        if (!v) return std::nullopt;
        auto e = enumFromName<E>(*v);
        if (!e) add(name, codes::InvalidEnum, {{"value", *v}});
        return e;
    }
    // "minLon,minLat,maxLon,maxLat": four numbers, lon in -180..180, lat in -90..90, each min
    // not above its max; anything else is one error on `name`.
    std::optional<store::BoundingBox> bbox(std::string_view name);
    // Refuses parameters not in `known` (a misspelt filter must not silently list everything).
    void onlyKnown(std::initializer_list<std::string_view> known);
    Status finish();
    // Records a problem with parameter `name` (reported by finish() with the others).
    void add(std::string_view name, std::string_view code, std::map<std::string, std::string> params = {});

private:
    // The parameter parsed by `parse` (returning an optional); `code` with the text when it fails.
    template <class Parse>
    auto parsed(std::string_view name, Parse parse, std::string_view code) -> decltype(parse(std::string_view{}))
    {
        auto v = text(name);
        if (!v) return std::nullopt;
        auto value = parse(*v);
        if (!value) add(name, code, {{"value", *v}});
        return value;
    }
    const http::ApiRequest& m_request;
    std::vector<FieldError> m_errors;
};

// Members of a small command body (a transition, a triage): readers collect problems into
// field errors (field = member name) and return nullopt for absent, null or bad values; the
// caller ends with finish().
class BodyReader {
public:
    explicit BodyReader(const Json& body) : m_body(body) {}
    std::optional<std::string> text(std::string_view name, bool required = false);
    std::optional<Uuid> uuid(std::string_view name, bool required = false);
    std::optional<Instant> instant(std::string_view name, bool required = false);
    // The member when it is an object (wrong_type otherwise).
    const Json* object(std::string_view name, bool required = false);
    template <class E>
    std::optional<E> enumeration(std::string_view name, bool required = false)
    {
        auto v = text(name, required);
        if (!v) return std::nullopt;
        auto e = enumFromName<E>(*v);
        if (!e) add(name, codes::InvalidEnum, {{"value", *v}});
        return e;
    }
    // Refuses members not in `known` (unknown_field).
    void onlyKnown(std::initializer_list<std::string_view> known);
    void add(std::string_view name, std::string_view code, std::map<std::string, std::string> params = {});
    Status finish();

private:
    const Json* member(std::string_view name, bool required);
    const Json& m_body;
    std::vector<FieldError> m_errors;
};

// ---- entities ---------------------------------------------------------------------------

std::vector<FieldError> validateEntity(const Street& e);
std::vector<FieldError> validateEntity(const Asset& e);
std::vector<FieldError> validateEntity(const DefectReport& e);
std::vector<FieldError> validateEntity(const WorkOrder& e);
std::vector<FieldError> validateEntity(const Crew& e);
std::vector<FieldError> validateEntity(const ShiftCalendar& e);
std::vector<FieldError> validateEntity(const CrewShift& e);
std::vector<FieldError> validateEntity(const Programme& e);
std::vector<FieldError> validateEntity(const User& e);

// Members a client never writes (the server owns them).
inline constexpr std::array<std::string_view, 5> kServerOwned{"id", "row_version", "deleted", "created_at", "updated_at"};

// validation_failed with not_allowed for each of `serverOwned` and `also` that `body` sets.
inline Status refuseMembers(const Json& body, std::initializer_list<std::string_view> also)
{
    std::vector<FieldError> errors;
    auto check = [&](std::string_view key) {
        if (body.contains(key)) errors.push_back(FieldError{std::string(key), std::string(codes::NotAllowed), {}});
    };
    for (auto key : kServerOwned) check(key);
    for (auto key : also) check(key);
    if (!errors.empty()) return Error::validation(std::move(errors));
    return success();
}

// `document` decoded strictly (unknown members refused) and validated.
template <class T>
Result<T> decodeValidated(const Json& document, const RowMeta& meta = {})
{
    auto decoded = wire::fromJson<T>(document, wire::UnknownFields::Refuse);
    if (!decoded) return decoded.error();
    decoded->meta = meta;
    auto problems = validateEntity(*decoded);
    if (!problems.empty()) return Error::validation(std::move(problems));
    return decoded;
}

// A new entity from a create body: the server-owned members and `alsoServerOwned` are
// refused (not_allowed), unknown ones too (unknown_field); a fresh id is set; the result is
// validated. `defaults` fills members the client left out before decoding.
template <class T>
Result<T> decodeNew(const Json& body, const Uuid& id, std::initializer_list<std::string_view> alsoServerOwned = {},
                    const Json& defaults = Json::object())
{
    if (auto refused = refuseMembers(body, alsoServerOwned); !refused) return refused.error();
    Json full = defaults;
    full.update(body);
    full["id"] = id.toString();
    return decodeValidated<T>(full);
}

// `current` with `patch` applied as a JSON Merge Patch (RFC 7396: objects merge member by
// member, null removes a member, anything else replaces it), refusing
// server-owned members and those in `readOnly` (not_allowed) and unknown ones; validated.
template <class T>
Result<T> applyPatch(const T& current, const Json& patch, std::initializer_list<std::string_view> readOnly = {})
{
    if (auto refused = refuseMembers(patch, readOnly); !refused) return refused.error();
    Json merged = wire::toJson(current);
    merged.merge_patch(patch);
    return decodeValidated<T>(merged, current.meta);
}

// ---- answering --------------------------------------------------------------------------

inline std::string etag(const RowMeta& meta) { return "\"" + std::to_string(meta.rowVersion) + "\""; }

template <class T>
http::Reply entityReply(int status, const T& entity)
{
    return http::Reply::json(status, wire::toJson(entity)).header("ETag", etag(entity.meta));
}

// 201 with the new entity, its ETag and Location: /api/v1/<collection>/<id>.
template <class T>
http::Reply createdReply(const T& entity, std::string_view collection)
{
    auto reply = entityReply(201, entity);
    reply.header("Location", "/api/v1/" + std::string(collection) + "/" + entity.id.toString());
    return reply;
}

// version_conflict (412) unless the row is at the version the caller read (If-Match).
inline Status checkVersion(const RowMeta& meta, std::int64_t expected)
{
    if (meta.rowVersion == expected) return success();
    return Error::of(std::string(codes::VersionConflict),
                     {{"expected", std::to_string(expected)}, {"actual", std::to_string(meta.rowVersion)}});
}

// {"items": [...], "next_cursor": "..." | null} from rows already rendered (RowCache entries).
template <class Row>
http::Reply pageReply(const std::vector<Row>& rows, const std::string& nextCursor)
{
    std::size_t size = 32 + nextCursor.size();
    for (const auto& row : rows) size += row->body.size() + 1;
    std::string body;
    body.reserve(size);
    body += "{\"items\":[";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i) body += ',';
        body += rows[i]->body;
    }
    body += "],\"next_cursor\":";
    body += nextCursor.empty() ? std::string("null") : wire::toJsonText(Json(nextCursor));
    body += '}';
    return http::Reply::text(200, "application/json", std::move(body));
}

inline Error notFound() { return Error::of(std::string(codes::NotFound)); }
inline Error forbidden(const User& user)
{
    return Error::of(std::string(http::codes::Forbidden), {{"role", std::string(enumName(user.role))}});
}
inline bool isCrew(const User& user) { return user.role == Role::FieldCrew; }

} // namespace yanghu::api
