// SPDX-License-Identifier: MIT
#pragma once

#include "wire/JsonPath.h"
#include "yanghu/core/Domain.h"
#include "yanghu/core/Result.h"
#include "yanghu/core/rules/ErrorCodes.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace yanghu::wire {

using Json = nlohmann::json;

// Reads the members of one JSON object into C++ fields, collecting every problem (not just the
// first) as a FieldError with the member's JSON path. It never throws: every type is checked
// before a value is taken. The field lists in Fields.h drive it through req/opt, and the same
// lists drive Writer, so the two directions cannot drift apart.
//
// Nested structs are read by calling `fields(Reader&, T&)`, found by argument-dependent lookup
// in this namespace when the templates below are instantiated.
//
// Ownership: the reader borrows the object, its path frame and the error list; all three must
// outlive it (it lives on the stack of the read that made it).
class Reader {
public:
    static constexpr bool isWriter = false;

    Reader(const Json& object, const JsonPath& path, std::vector<FieldError>& errors, bool refuseUnknown = false)
        : m_object(object), m_path(path), m_errors(errors), m_refuseUnknown(refuseUnknown)
    {
    }

    // Reads a whole document (the root need not be an object: a GeoPoint is an array) into
    // `out`, which keeps its value where the document is silent. Returns the problems found.
    // With `refuseUnknown`, every object member no field list asked for is an unknown_field.
    template <class T>
    static std::vector<FieldError> readDocument(const Json& document, T& out, bool refuseUnknown = false)
    {
        std::vector<FieldError> errors;
        const JsonPath root;
        Reader reader(document, root, errors, refuseUnknown);
        reader.value(document, root, out);
        return errors;
    }

    // Marks `key` as known without reading it (a member whose meaning depends on another that
    // failed to decode, so it cannot be checked).
    void skip(std::string_view key) { m_asked.push_back(key); }

    // Present and not null, of the right type. Returns whether `out` was read.
    template <class T>
    bool req(std::string_view key, T& out)
    {
        const JsonPath path = m_path.member(key);
        const Json* member = find(key);
        if (!member) return fail(path, codes::Required);
        return value(*member, path, out);
    }

    // Absent or null gives nullopt.
    template <class T>
    bool opt(std::string_view key, std::optional<T>& out)
    {
        const Json* member = find(key);
        if (!member) {
            out.reset();
            return true;
        }
        T read{};
        if (!value(*member, m_path.member(key), read)) return false;
        out = std::move(read);
        return true;
    }

    // Absent or null keeps the default already in `out`.
    template <class T>
    bool opt(std::string_view key, T& out)
    {
        const Json* member = find(key);
        return !member || value(*member, m_path.member(key), out);
    }

    // A required local time of day, "HH:MM".
    bool clockTime(std::string_view key, MinuteOfDay& out);

private:
    // The member, or nullptr when it is absent or null. Records `key` as asked for.
    const Json* find(std::string_view key);
    // With m_refuseUnknown: an unknown_field for every member of m_object nobody asked for.
    void refuseUnasked();

    bool fail(const JsonPath& path, std::string_view code, std::map<std::string, std::string> params = {});
    bool wrongType(const JsonPath& path, std::string_view expected);

    // Each reads `json` found at `path` into `out`; false, with the problem recorded, when the
    // value does not fit.
    bool value(const Json& json, const JsonPath& path, std::string& out);
    bool value(const Json& json, const JsonPath& path, bool& out);
    bool value(const Json& json, const JsonPath& path, int& out);
    bool value(const Json& json, const JsonPath& path, std::int64_t& out);
    bool value(const Json& json, const JsonPath& path, double& out);
    bool value(const Json& json, const JsonPath& path, Uuid& out);
    bool value(const Json& json, const JsonPath& path, Instant& out);
    bool value(const Json& json, const JsonPath& path, Date& out);
    bool value(const Json& json, const JsonPath& path, GeoPoint& out); // [lon, lat]
    bool value(const Json& json, const JsonPath& path, Json& out);     // any object, verbatim

    // A string checked against `parse`; `code` names the failure, `value` carries the text.
    template <class T, class Parse>
    bool parsed(const Json& json, const JsonPath& path, T& out, Parse parse, std::string_view code)
    {
        if (!json.is_string()) return wrongType(path, "string");
        const auto& text = json.get_ref<const std::string&>();
        auto result = parse(text);
        if (!result) return fail(path, code, {{"value", text}});
        out = *result;
        return true;
    }

    template <class E>
        requires std::is_enum_v<E>
    bool value(const Json& json, const JsonPath& path, E& out)
    {
        return parsed(json, path, out, [](std::string_view s) { return enumFromName<E>(s); }, codes::InvalidEnum);
    }

    template <class T>
    bool value(const Json& json, const JsonPath& path, std::vector<T>& out)
    {
        if (!json.is_array()) return wrongType(path, "array");
        out.clear();
        out.reserve(json.size());
        bool ok = true;
        std::size_t index = 0;
        for (const Json& element : json) {
            T item{};
            ok = value(element, path.element(index++), item) && ok;
            out.push_back(std::move(item));
        }
        return ok;
    }

    // A nested struct: an object read member by member through its field list.
    template <class T>
        requires std::is_class_v<T>
    bool value(const Json& json, const JsonPath& path, T& out)
    {
        if (!json.is_object()) return wrongType(path, "object");
        const std::size_t before = m_errors.size();
        Reader nested(json, path, m_errors, m_refuseUnknown);
        fields(nested, out);
        nested.refuseUnasked();
        return m_errors.size() == before;
    }

    const Json& m_object;
    const JsonPath& m_path;
    std::vector<FieldError>& m_errors;
    bool m_refuseUnknown;
    std::vector<std::string_view> m_asked; // keys are the field lists' literals
};

} // namespace yanghu::wire
