// SPDX-License-Identifier: MIT
#pragma once

#include "store/SqlCodec.h"
#include "store/Tx.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

// The one place that says how an entity maps to its table: an ordered list of columns, each
// with a getter and a setter, plus (for work orders) child tables. Repository<T> is written
// once against this description; the entity repositories only declare their mapping and
// their filters.
namespace yanghu::store {

template <class T>
struct Column {
    std::string name;
    SqlType type = SqlType::Text;
    std::function<SqlValue(const T&)> get;
    // Empty for derived columns (written for queries, never read back, e.g. asset lon/lat).
    std::function<void(T&, const SqlValue&)> set;
    // The name recorded in field_versions; defaults to `name`. Columns that together store
    // one field (lon + lat of an optional point) share it.
    std::string field;

    const std::string& fieldName() const { return field.empty() ? name : field; }
};

// A column bound to a member through an accessor `[](auto& t) -> auto& { return t.member; }`
// (one lambda serves both the const getter and the setter); SqlCodec picks the storage.
template <class T, class Access>
Column<T> field(std::string name, Access access, std::string fieldName = {})
{
    using V = std::remove_cvref_t<decltype(access(std::declval<T&>()))>;
    return Column<T>{std::move(name), SqlCodec<V>::type,
                     [access](const T& t) { return SqlCodec<V>::encode(access(t)); },
                     [access](T& t, const SqlValue& v) { access(t) = SqlCodec<V>::decode(v); }, std::move(fieldName)};
}

// Longitude and latitude columns for an optional point member.
template <class T, class Access>
std::vector<Column<T>> optionalPoint(const std::string& lonName, const std::string& latName, const std::string& fieldName,
                                     Access access)
{
    auto getter = [access](double GeoPoint::*c) {
        return [access, c](const T& t) -> SqlValue {
            const std::optional<GeoPoint>& p = access(t);
            return p ? SqlValue{(*p).*c} : SqlValue{};
        };
    };
    auto setter = [access](double GeoPoint::*c) {
        return [access, c](T& t, const SqlValue& v) {
            if (std::holds_alternative<std::monostate>(v)) return;
            std::optional<GeoPoint>& p = access(t);
            if (!p) p = GeoPoint{};
            (*p).*c = SqlCodec<double>::decode(v);
        };
    };
    return {Column<T>{lonName, SqlType::Real, getter(&GeoPoint::lon), setter(&GeoPoint::lon), fieldName},
            Column<T>{latName, SqlType::Real, getter(&GeoPoint::lat), setter(&GeoPoint::lat), fieldName}};
}

// A child table of a parent entity P (work-order lines and links). Written by
// Repository<P> together with the parent, in the same transaction.
template <class P>
struct ChildTable {
    std::string field; // name in the parent's field_versions, e.g. "labour"
    std::function<bool(const P&, const P&)> equal;
    // Fills the children of every parent in `parents` (ids set).
    std::function<void(Tx&, std::vector<P>&)> load;
    // Inserts the children of freshly inserted parents.
    std::function<void(Tx&, const std::vector<P*>&)> insert;
    // Makes the stored children of one parent equal to `after`'s (ids and created_at of
    // surviving rows are kept).
    std::function<void(Tx&, P& after)> replace;
};

template <class T>
struct Mapping {
    std::string table; // also the entity name in change_log
    std::vector<Column<T>> columns; // besides id and the sync columns
    std::vector<ChildTable<T>> children;
};

} // namespace yanghu::store
