// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Domain.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace yanghu::wire {

using Json = nlohmann::json;

// Builds one JSON object from C++ fields; the mirror of Reader, driven by the same field lists
// in Fields.h. req and opt of a plain value both write it; opt of an empty std::optional
// writes nothing (absent optional fields are omitted on the wire).
//
// Nested structs are written by calling `fields(Writer&, const T&)`, found by argument-dependent
// lookup in this namespace when the templates below are instantiated.
class Writer {
public:
    static constexpr bool isWriter = true;

    // Return true so a field list can treat both directions alike (Reader reports success).
    template <class T>
    bool req(std::string_view key, const T& value)
    {
        put(key, encode(value));
        return true;
    }
    template <class T>
    bool opt(std::string_view key, const std::optional<T>& value)
    {
        if (value) put(key, encode(*value));
        return true;
    }
    template <class T>
    bool opt(std::string_view key, const T& value)
    {
        return req(key, value);
    }
    bool clockTime(std::string_view key, MinuteOfDay minute);

    Json take() && { return std::move(m_object); }

    static Json encode(const std::string& value) { return value; }
    static Json encode(bool value) { return value; }
    static Json encode(int value) { return value; }
    static Json encode(std::int64_t value) { return value; }
    static Json encode(double value) { return value; }
    static Json encode(const Uuid& value) { return value.toString(); }
    static Json encode(Instant value) { return formatInstant(value); }
    static Json encode(Date value) { return formatDate(value); }
    static Json encode(const GeoPoint& value) { return Json::array({value.lon, value.lat}); }
    static Json encode(const Json& value) { return value; }

    template <class E>
        requires std::is_enum_v<E>
    static Json encode(E value)
    {
        return std::string(enumName(value));
    }

    template <class T>
    static Json encode(const std::vector<T>& values)
    {
        Json array = Json::array();
        array.get_ref<Json::array_t&>().reserve(values.size());
        for (const T& value : values) array.push_back(encode(value));
        return array;
    }

    // A nested struct, written member by member through its field list.
    template <class T>
        requires std::is_class_v<T>
    static Json encode(const T& value)
    {
        Writer nested;
        fields(nested, value);
        return std::move(nested).take();
    }

private:
    void put(std::string_view key, Json value);

    Json m_object = Json::object();
};

} // namespace yanghu::wire
