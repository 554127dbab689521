// SPDX-License-Identifier: MIT
#pragma once

#include "store/Sql.h"

#include "yanghu/core/Domain.h"
#include "yanghu/core/EnumNames.h"
#include "yanghu/core/Time.h"
#include "yanghu/core/Uuid.h"
#include "yanghu/core/wire/JsonText.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

// How one C++ field type is stored in one column: its SQL type, encode and decode. Storage
// conventions (shared by every table): UUID -> TEXT, Instant -> BIGINT epoch ms, Date -> TEXT
// YYYY-MM-DD, bool -> INTEGER 0/1, enum -> TEXT by EnumNames, optional -> NULL when empty,
// lists and JSON -> TEXT holding JSON. A value the store cannot decode means the database was
// written by something else: that throws (exceptional), it is not an expected failure.
namespace yanghu::store {

[[noreturn]] inline void corrupt(const std::string& what)
{
    throw std::runtime_error("store: cannot decode stored value: " + what);
}

template <class V, class Enable = void>
struct SqlCodec;

template <>
struct SqlCodec<std::string> {
    static constexpr SqlType type = SqlType::Text;
    static SqlValue encode(const std::string& v) { return v; }
    static std::string decode(const SqlValue& v)
    {
        if (auto* s = std::get_if<std::string>(&v)) return *s;
        return {};
    }
};

template <>
struct SqlCodec<std::int64_t> {
    static constexpr SqlType type = SqlType::Int;
    static SqlValue encode(std::int64_t v) { return v; }
    static std::int64_t decode(const SqlValue& v)
    {
        if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
        if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
        corrupt("integer expected");
    }
};

template <>
struct SqlCodec<int> {
    static constexpr SqlType type = SqlType::Int;
    static SqlValue encode(int v) { return std::int64_t{v}; }
    static int decode(const SqlValue& v) { return static_cast<int>(SqlCodec<std::int64_t>::decode(v)); }
};

template <>
struct SqlCodec<bool> {
    static constexpr SqlType type = SqlType::Int;
    static SqlValue encode(bool v) { return std::int64_t{v ? 1 : 0}; }
    static bool decode(const SqlValue& v) { return SqlCodec<std::int64_t>::decode(v) != 0; }
};

template <>
struct SqlCodec<double> {
    static constexpr SqlType type = SqlType::Real;
    static SqlValue encode(double v) { return v; }
    static double decode(const SqlValue& v)
    {
        if (auto* d = std::get_if<double>(&v)) return *d;
        if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
        corrupt("number expected");
    }
};

template <>
struct SqlCodec<Uuid> {
    static constexpr SqlType type = SqlType::Text;
    static SqlValue encode(const Uuid& v) { return v.toString(); }
    static Uuid decode(const SqlValue& v)
    {
        auto u = Uuid::parse(SqlCodec<std::string>::decode(v));
        if (!u) corrupt("uuid expected");
        return *u;
    }
};

template <>
struct SqlCodec<Instant> {
    static constexpr SqlType type = SqlType::Int;
    static SqlValue encode(Instant v) { return std::int64_t{v.time_since_epoch().count()}; }
    static Instant decode(const SqlValue& v) { return Instant{std::chrono::milliseconds{SqlCodec<std::int64_t>::decode(v)}}; }
};

template <>
struct SqlCodec<Date> {
    static constexpr SqlType type = SqlType::Text;
    static SqlValue encode(Date v) { return formatDate(v); }
    static Date decode(const SqlValue& v)
    {
        auto d = parseDate(SqlCodec<std::string>::decode(v));
        if (!d) corrupt("date expected");
        return *d;
    }
};

template <class E>
struct SqlCodec<E, std::enable_if_t<std::is_enum_v<E>>> {
    static constexpr SqlType type = SqlType::Text;
    static SqlValue encode(E v) { return std::string(enumName(v)); }
    static E decode(const SqlValue& v)
    {
        auto name = SqlCodec<std::string>::decode(v);
        auto e = enumFromName<E>(name);
        if (!e) corrupt("unknown enum name " + name);
        return *e;
    }
};

template <class V>
struct SqlCodec<std::optional<V>> {
    static constexpr SqlType type = SqlCodec<V>::type;
    static SqlValue encode(const std::optional<V>& v) { return v ? SqlCodec<V>::encode(*v) : SqlValue{}; }
    static std::optional<V> decode(const SqlValue& v)
    {
        if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
        return SqlCodec<V>::decode(v);
    }
};

// JSON text columns.
namespace json {
nlohmann::json parse(const SqlValue& v);
nlohmann::json fromPoints(const std::vector<GeoPoint>& points); // [[lon, lat], ...]
std::vector<GeoPoint> toPoints(const nlohmann::json& j);
} // namespace json

template <>
struct SqlCodec<nlohmann::json> {
    static constexpr SqlType type = SqlType::Text;
    static SqlValue encode(const nlohmann::json& v) { return wire::toJsonText(v); }
    static nlohmann::json decode(const SqlValue& v) { return json::parse(v); }
};

template <class V>
struct SqlCodec<std::vector<V>> {
    static constexpr SqlType type = SqlType::Text;
    static SqlValue encode(const std::vector<V>& list)
    {
        if constexpr (std::is_same_v<V, GeoPoint>) {
            return wire::toJsonText(json::fromPoints(list));
        } else {
            nlohmann::json j = nlohmann::json::array();
            for (const auto& v : list) {
                if constexpr (std::is_same_v<V, std::string>) j.push_back(v);
                else j.push_back(std::get<std::string>(SqlCodec<V>::encode(v)));
            }
            return wire::toJsonText(j);
        }
    }
    static std::vector<V> decode(const SqlValue& v)
    {
        auto j = json::parse(v);
        if constexpr (std::is_same_v<V, GeoPoint>) {
            return json::toPoints(j);
        } else {
            std::vector<V> out;
            if (!j.is_array()) corrupt("JSON array expected");
            for (const auto& e : j) {
                if (!e.is_string()) corrupt("JSON string expected");
                if constexpr (std::is_same_v<V, std::string>) out.push_back(e.get<std::string>());
                else out.push_back(SqlCodec<V>::decode(SqlValue{e.get<std::string>()}));
            }
            return out;
        }
    }
};

} // namespace yanghu::store
