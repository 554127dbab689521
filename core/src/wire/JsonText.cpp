// SPDX-License-Identifier: MIT
#include "yanghu/core/wire/JsonText.h"

#include "rules/Text.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace yanghu::wire {

namespace {

using Json = nlohmann::json;

// Bytes that cannot appear raw inside a JSON string: the quote, the backslash, controls.
constexpr std::array<bool, 256> needsEscapeTable()
{
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
    t['"'] = true;
    t['\\'] = true;
    return t;
}
constexpr auto kNeedsEscape = needsEscapeTable();

void appendString(std::string& out, std::string_view s)
{
    if (!rules::isValidUtf8(s))
        throw Json::type_error::create(316, "invalid UTF-8 byte in string", static_cast<const Json*>(nullptr));
    out += '"';
    std::size_t run = 0; // start of the pending unescaped run
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto byte = static_cast<unsigned char>(s[i]);
        if (!kNeedsEscape[byte]) continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (byte) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: {
            static constexpr char hex[] = "0123456789abcdef";
            const char u[6] = {'\\', 'u', '0', '0', hex[byte >> 4], hex[byte & 0xF]};
            out.append(u, sizeof u);
        }
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

template <class N>
void appendNumber(std::string& out, N n)
{
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, r.ptr);
}

void appendFloat(std::string& out, double d)
{
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, d); // shortest text that round-trips
    const std::string_view text(buf, static_cast<std::size_t>(r.ptr - buf));
    out += text;
    if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

} // namespace

void appendJsonText(std::string& out, const Json& value)
{
    switch (value.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded: out += "null"; return;
    case Json::value_t::boolean: out += value.get_ref<const Json::boolean_t&>() ? "true" : "false"; return;
    case Json::value_t::number_integer: appendNumber(out, value.get_ref<const Json::number_integer_t&>()); return;
    case Json::value_t::number_unsigned: appendNumber(out, value.get_ref<const Json::number_unsigned_t&>()); return;
    case Json::value_t::number_float: appendFloat(out, value.get_ref<const Json::number_float_t&>()); return;
    case Json::value_t::string: appendString(out, value.get_ref<const Json::string_t&>()); return;
    case Json::value_t::binary: out += value.dump(); return; // never produced by the codec
    case Json::value_t::array: {
        out += '[';
        bool first = true;
        for (const auto& item : value.get_ref<const Json::array_t&>()) {
            if (!first) out += ',';
            first = false;
            appendJsonText(out, item);
        }
        out += ']';
        return;
    }
    case Json::value_t::object: {
        out += '{';
        bool first = true;
        for (const auto& [key, item] : value.get_ref<const Json::object_t&>()) {
            if (!first) out += ',';
            first = false;
            appendString(out, key);
            out += ':';
            appendJsonText(out, item);
        }
        out += '}';
        return;
    }
    }
}

std::string toJsonText(const Json& value)
{
    std::string out;
    appendJsonText(out, value);
    return out;
}

} // namespace yanghu::wire
