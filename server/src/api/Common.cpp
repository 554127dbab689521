// SPDX-License-Identifier: MIT
#include "api/Common.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace yanghu::api {

namespace {

// Every string (member names included) that holds a NUL character ("\u0000" in JSON), by its
// path. Text is stored as text: PostgreSQL cannot hold NUL in TEXT, and SQLite would cut C
// strings short at it, so it is refused on the way in, on both back ends alike.
void findNul(const Json& value, const std::string& path, std::vector<FieldError>& out)
{
    const FieldError nul{path, std::string(codes::InvalidFormat), {{"expected", "text without NUL characters"}}};
    if (value.is_string()) {
        if (value.get_ref<const std::string&>().find('\0') != std::string::npos) out.push_back(nul);
    } else if (value.is_object()) {
        for (const auto& [key, member] : value.items()) {
            const std::string at = path.empty() ? key : path + "." + key;
            if (key.find('\0') != std::string::npos) out.push_back(FieldError{at, nul.code, nul.params});
            findNul(member, at, out);
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) findNul(value[i], path + "[" + std::to_string(i) + "]", out);
    }
}

} // namespace

Result<Json> bodyObject(const http::ApiRequest& request)
{
    if (request.body.empty()) return Error::validation({FieldError{"", std::string(codes::Required), {}}});
    auto parsed = wire::parse(request.body);
    if (!parsed) return parsed.error();
    if (!parsed->is_object())
        return Error::validation({FieldError{"", std::string(codes::WrongType), {{"expected", "object"}}}});
    std::vector<FieldError> nul;
    findNul(*parsed, "", nul);
    if (!nul.empty()) return Error::validation(std::move(nul));
    return parsed;
}

Result<store::PageRequest> pageRequest(const http::ApiRequest& request)
{
    QueryReader q(request);
    store::PageRequest page;
    if (auto limit = q.integer("limit", 1, store::PageRequest::maxLimit)) page.limit = *limit;
    if (auto cursor = q.text("cursor")) page.cursor = *cursor;
    if (auto status = q.finish(); !status) return status.error();
    return page;
}

Result<std::int64_t> ifMatchVersion(const http::ApiRequest& request)
{
    std::string_view v = request.ifMatch;
    if (v.empty()) return Error::of(std::string(http::codes::PreconditionRequired));
    if (v.starts_with("W/")) v.remove_prefix(2);
    std::int64_t version = 0;
    if (v.size() < 3 || v.front() != '"' || v.back() != '"')
        return Error::of(std::string(http::codes::PreconditionFailed));
    v = v.substr(1, v.size() - 2);
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
    if (ec != std::errc() || end != v.data() + v.size() || version < 1)
        return Error::of(std::string(http::codes::PreconditionFailed));
    return version;
}

Result<Uuid> pathId(const http::ApiRequest& request, const std::string& name)
{
    auto id = Uuid::parse(request.param(name));
    if (!id) return notFound();
    return *id;
}

void QueryReader::add(std::string_view name, std::string_view code, std::map<std::string, std::string> params)
{
    m_errors.push_back(FieldError{std::string(name), std::string(code), std::move(params)});
}

std::optional<std::string> QueryReader::text(std::string_view name)
{
    auto v = m_request.queryValue(name);
    if (!v) return std::nullopt;
    // Query text reaches SQL parameters and error bodies: it must be UTF-8 like any text.
    if (!rules::isValidUtf8(*v)) {
        add(name, codes::InvalidFormat, {{"expected", "utf8"}});
        return std::nullopt;
    }
    if (v->find('\0') != std::string::npos) {
        add(name, codes::InvalidFormat, {{"expected", "text without NUL characters"}});
        return std::nullopt;
    }
    return v;
}

std::optional<Uuid> QueryReader::uuid(std::string_view name)
{
    return parsed(name, [](std::string_view v) { return Uuid::parse(v); }, codes::InvalidUuid);
}

std::optional<Date> QueryReader::date(std::string_view name)
{
    return parsed(name, [](std::string_view v) { return parseDate(v); }, codes::InvalidDate);
}

std::optional<Instant> QueryReader::instant(std::string_view name)
{
    return parsed(name, [](std::string_view v) { return parseInstant(v); }, codes::InvalidTime);
}

std::optional<std::int64_t> QueryReader::integer(std::string_view name, std::int64_t min, std::int64_t max)
{
    auto v = text(name);
    if (!v) return std::nullopt;
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size()) {
        add(name, codes::WrongType, {{"expected", "integer"}});
        return std::nullopt;
    }
    if (n < min || n > max) {
        add(name, codes::OutOfRange, {{"min", std::to_string(min)}, {"max", std::to_string(max)}, {"value", *v}});
        return std::nullopt;
    }
    return n;
}

std::optional<double> QueryReader::number(std::string_view name, double min, double max)
{
    auto v = text(name);
    if (!v) return std::nullopt;
    double d = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), d);
    if (ec != std::errc() || end != v->data() + v->size() || !std::isfinite(d)) {
        add(name, codes::WrongType, {{"expected", "number"}});
        return std::nullopt;
    }
    if (d < min || d > max) {
        add(name, codes::OutOfRange, {{"value", *v}});
        return std::nullopt;
    }
    return d;
}

std::optional<store::BoundingBox> QueryReader::bbox(std::string_view name)
{
    auto v = text(name);
    if (!v) return std::nullopt;
    std::array<double, 4> n{};
    std::size_t count = 0;
    bool ok = true;
    std::string_view rest = *v;
    while (ok) {
        const auto comma = rest.find(',');
        const std::string_view part = rest.substr(0, comma);
        ok = count < n.size();
        if (ok) {
            auto [stop, ec] = std::from_chars(part.data(), part.data() + part.size(), n[count]);
            ok = ec == std::errc() && stop == part.data() + part.size() && std::isfinite(n[count]);
        }
        ++count;
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    const store::BoundingBox box{n[0], n[1], n[2], n[3]};
    ok = ok && count == n.size() && box.minLon >= -180 && box.maxLon <= 180 && box.minLat >= -90 && box.maxLat <= 90 &&
         box.minLon <= box.maxLon && box.minLat <= box.maxLat;
    if (!ok) {
        add(name, codes::InvalidFormat, {{"expected", "minLon,minLat,maxLon,maxLat"}, {"value", *v}});
        return std::nullopt;
    }
    return box;
}

void QueryReader::onlyKnown(std::initializer_list<std::string_view> known)
{
    for (const auto& [key, value] : m_request.query) {
        bool ok = key == "limit" || key == "cursor";
        for (auto k : known) ok = ok || key == k;
        if (!ok) add(key, codes::UnknownField);
    }
}

Status QueryReader::finish()
{
    if (m_errors.empty()) return success();
    return Error::validation(std::move(m_errors));
}

void BodyReader::add(std::string_view name, std::string_view code, std::map<std::string, std::string> params)
{
    m_errors.push_back(FieldError{std::string(name), std::string(code), std::move(params)});
}

const Json* BodyReader::member(std::string_view name, bool required)
{
    auto it = m_body.find(name);
    if (it == m_body.end() || it->is_null()) {
        if (required) add(name, codes::Required);
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> BodyReader::text(std::string_view name, bool required)
{
    const Json* v = member(name, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        add(name, codes::WrongType, {{"expected", "string"}});
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::optional<Uuid> BodyReader::uuid(std::string_view name, bool required)
{
    auto v = text(name, required);
    if (!v) return std::nullopt;
    auto id = Uuid::parse(*v);
    if (!id) add(name, codes::InvalidUuid, {{"value", *v}});
    return id;
}

std::optional<Instant> BodyReader::instant(std::string_view name, bool required)
{
    auto v = text(name, required);
    if (!v) return std::nullopt;
    auto t = parseInstant(*v);
    if (!t) add(name, codes::InvalidTime, {{"value", *v}});
    return t;
}

const Json* BodyReader::object(std::string_view name, bool required)
{
    const Json* v = member(name, required);
    if (v && !v->is_object()) {
        add(name, codes::WrongType, {{"expected", "object"}});
        return nullptr;
    }
    return v;
}

void BodyReader::onlyKnown(std::initializer_list<std::string_view> known)
{
    for (auto it = m_body.begin(); it != m_body.end(); ++it)
        if (std::find(known.begin(), known.end(), it.key()) == known.end()) add(it.key(), codes::UnknownField);
}

Status BodyReader::finish()
{
    if (m_errors.empty()) return success();
    return Error::validation(std::move(m_errors));
}

std::vector<FieldError> validateEntity(const Street& e) { return rules::validateStreet(e); }
std::vector<FieldError> validateEntity(const Asset& e) { return rules::validateAsset(e); }
std::vector<FieldError> validateEntity(const DefectReport& e) { return rules::validateDefectReport(e); }
std::vector<FieldError> validateEntity(const WorkOrder& e) { return rules::validateWorkOrder(e); }
std::vector<FieldError> validateEntity(const Crew& e) { return rules::validateCrew(e); }
std::vector<FieldError> validateEntity(const ShiftCalendar& e) { return rules::validateShiftCalendar(e); }
std::vector<FieldError> validateEntity(const CrewShift& e) { return rules::validateCrewShift(e); }
std::vector<FieldError> validateEntity(const Programme& e) { return rules::validateProgramme(e); }
std::vector<FieldError> validateEntity(const User& e) { return rules::validateUser(e); }

} // namespace yanghu::api
