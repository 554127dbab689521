// SPDX-License-Identifier: MIT
#include "wire/Reader.h"

#include "yanghu/core/rules/ErrorCodes.h"

#include <limits>

namespace yanghu::wire {

bool Reader::clockTime(std::string_view key, MinuteOfDay& out)
{
    const JsonPath path = m_path.member(key);
    const Json* member = find(key);
    if (!member) return fail(path, codes::Required);
    if (!member->is_string()) return wrongType(path, "string");
    auto minute = parseMinuteOfDay(member->get_ref<const std::string&>());
    if (!minute) return fail(path, codes::InvalidFormat, {{"expected", "HH:MM"}});
    out = *minute;
    return true;
}

const Json* Reader::find(std::string_view key)
{
    m_asked.push_back(key);
    if (!m_object.is_object()) return nullptr;
    auto it = m_object.find(key);
    if (it == m_object.end() || it->is_null()) return nullptr;
    return &*it;
}

void Reader::refuseUnasked()
{
    if (!m_refuseUnknown || !m_object.is_object()) return;
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        bool asked = false;
        for (auto key : m_asked) asked = asked || key == it.key();
        if (!asked) fail(m_path.member(it.key()), codes::UnknownField);
    }
}

bool Reader::fail(const JsonPath& path, std::string_view code, std::map<std::string, std::string> params)
{
    m_errors.push_back(FieldError{path.toString(), std::string(code), std::move(params)});
    return false;
}

bool Reader::wrongType(const JsonPath& path, std::string_view expected)
{
    return fail(path, codes::WrongType, {{"expected", std::string(expected)}});
}

bool Reader::value(const Json& json, const JsonPath& path, std::string& out)
{
    if (!json.is_string()) return wrongType(path, "string");
    out = json.get_ref<const std::string&>();
    return true;
}

bool Reader::value(const Json& json, const JsonPath& path, bool& out)
{
    if (!json.is_boolean()) return wrongType(path, "boolean");
    out = json.get<bool>();
    return true;
}

bool Reader::value(const Json& json, const JsonPath& path, std::int64_t& out)
{
    // Integers only: 2.5 hours belongs in a double field, not here.
    if (json.is_number_unsigned()) {
        const auto wide = json.get<std::uint64_t>();
        if (wide > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return fail(path, codes::OutOfRange, {{"value", std::to_string(wide)}});
        out = static_cast<std::int64_t>(wide);
        return true;
    }
    if (!json.is_number_integer()) return wrongType(path, "integer");
    out = json.get<std::int64_t>();
    return true;
}

bool Reader::value(const Json& json, const JsonPath& path, int& out)
{
    std::int64_t wide = 0;
    if (!value(json, path, wide)) return false;
    if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max())
        return fail(path, codes::OutOfRange, {{"value", std::to_string(wide)}});
    out = static_cast<int>(wide);
    return true;
}

bool Reader::value(const Json& json, const JsonPath& path, double& out)
{
    if (!json.is_number()) return wrongType(path, "number");
    out = json.get<double>();
    return true;
}

bool Reader::value(const Json& json, const JsonPath& path, Uuid& out)
{
    return parsed(json, path, out, Uuid::parse, codes::InvalidUuid);
}

bool Reader::value(const Json& json, const JsonPath& path, Instant& out)
{
    return parsed(json, path, out, parseInstant, codes::InvalidTime);
}

bool Reader::value(const Json& json, const JsonPath& path, Date& out)
{
    return parsed(json, path, out, parseDate, codes::InvalidDate);
}

bool Reader::value(const Json& json, const JsonPath& path, GeoPoint& out)
{
    // GeoJSON order: [longitude, latitude].
    if (!json.is_array() || json.size() != 2 || !json[0].is_number() || !json[1].is_number())
        return wrongType(path, "[lon, lat]");
    out = GeoPoint{json[0].get<double>(), json[1].get<double>()};
    return true;
}

bool Reader::value(const Json& json, const JsonPath& path, Json& out)
{
    if (!json.is_object()) return wrongType(path, "object");
    out = json;
    return true;
}

} // namespace yanghu::wire
