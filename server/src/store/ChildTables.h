// SPDX-License-Identifier: MIT
#pragma once

#include "store/Mapping.h"
#include "store/Sql.h"

#include <algorithm>
#include <map>
#include <unordered_map>

// Child tables of one parent (work-order lines and links), generic over the item type.
// Every child row has: id, <parent column>, position (order in the parent's list),
// created_at, then the item's columns. Line items (LabourLine, ...) carry their own id; link
// items (a Uuid in work_order.assetIds) get a generated row id and are keyed by the target.
namespace yanghu::store {

template <class Item>
concept HasOwnId = requires(Item item) { item.id; };

template <class P, class Item, class Access>
ChildTable<P> childTable(std::string table, std::string field, std::string parentColumn, Access items,
                         std::vector<Column<Item>> columns)
{
    struct Spec {
        std::string table, parentColumn, selectList, insertSql, keyColumn;
        std::vector<SqlType> rowTypes, resultTypes;
        std::vector<Column<Item>> columns;
    };
    auto spec = std::make_shared<Spec>();
    spec->table = std::move(table);
    spec->parentColumn = std::move(parentColumn);
    spec->columns = std::move(columns);
    spec->keyColumn = HasOwnId<Item> ? std::string("id") : spec->columns.front().name;
    std::string names = "id, " + spec->parentColumn + ", position, created_at";
    spec->rowTypes = {SqlType::Text, SqlType::Text, SqlType::Int, SqlType::Int};
    for (const auto& c : spec->columns) {
        names += ", " + c.name;
        spec->rowTypes.push_back(c.type);
    }
    spec->resultTypes = spec->rowTypes;
    spec->selectList = names;
    spec->insertSql = "INSERT INTO " + spec->table + " (" + names + ") VALUES (" + sql::placeholders(spec->rowTypes.size()) + ")";

    auto keyOf = [spec](const Item& item) -> std::string {
        if constexpr (HasOwnId<Item>) return item.id.toString();
        else return std::get<std::string>(spec->columns.front().get(item));
    };

    // Inserts rows for (parent, items); `kept` maps a key to the id and created_at to keep.
    auto insertRows = [spec, items, keyOf](Tx& tx, const std::vector<P*>& parents,
                                           const std::map<std::string, std::pair<std::string, std::int64_t>>& kept) {
        std::vector<SqlRow> rows;
        for (P* parent : parents) {
            auto& list = items(*parent);
            for (std::size_t i = 0; i < list.size(); ++i) {
                Item& item = list[i];
                std::string id;
                std::int64_t createdAt = tx.nowMs();
                if constexpr (HasOwnId<Item>) {
                    if (item.id.isNil()) item.id = tx.ids().next();
                }
                if (auto k = kept.find(keyOf(item)); k != kept.end()) {
                    id = k->second.first;
                    createdAt = k->second.second;
                } else if constexpr (HasOwnId<Item>) {
                    id = item.id.toString();
                } else {
                    id = tx.ids().next().toString();
                }
                SqlRow row{id, parent->id.toString(), std::int64_t(i), createdAt};
                for (const auto& c : spec->columns) row.push_back(c.get(item));
                rows.push_back(std::move(row));
            }
        }
        sql::executeMany(tx.session(), spec->insertSql, spec->rowTypes, std::move(rows));
    };

    ChildTable<P> out;
    out.field = std::move(field);
    out.equal = [items](const P& a, const P& b) { return items(a) == items(b); };
    out.load = [spec, items](Tx& tx, std::vector<P>& parents) {
        std::unordered_map<std::string, P*> byId;
        for (auto& p : parents) {
            items(p).clear();
            byId.emplace(p.id.toString(), &p);
        }
        constexpr std::size_t chunk = 500;
        for (std::size_t start = 0; start < parents.size(); start += chunk) {
            const std::size_t n = std::min(chunk, parents.size() - start);
            SqlRow params;
            for (std::size_t i = 0; i < n; ++i) params.push_back(parents[start + i].id.toString());
            auto rows = sql::query(tx.session(),
                                   "SELECT " + spec->selectList + " FROM " + spec->table + " WHERE " + spec->parentColumn +
                                       " IN (" + sql::placeholders(n) + ") ORDER BY " + spec->parentColumn + ", position",
                                   params, spec->resultTypes);
            for (const auto& row : rows) {
                Item item{};
                for (std::size_t c = 0; c < spec->columns.size(); ++c) spec->columns[c].set(item, row[4 + c]);
                if constexpr (HasOwnId<Item>) item.id = SqlCodec<Uuid>::decode(row[0]);
                items(*byId.at(std::get<std::string>(row[1]))).push_back(std::move(item));
            }
        }
    };
    out.insert = [insertRows](Tx& tx, const std::vector<P*>& parents) { insertRows(tx, parents, {}); };
    out.replace = [spec, insertRows](Tx& tx, P& after) {
        std::map<std::string, std::pair<std::string, std::int64_t>> kept;
        auto rows = sql::query(tx.session(),
                               "SELECT " + spec->keyColumn + ", id, created_at FROM " + spec->table + " WHERE " +
                                   spec->parentColumn + " = ?",
                               {after.id.toString()}, {SqlType::Text, SqlType::Text, SqlType::Int});
        for (const auto& r : rows)
            kept[std::get<std::string>(r[0])] = {std::get<std::string>(r[1]), std::get<std::int64_t>(r[2])};
        sql::execute(tx.session(), "DELETE FROM " + spec->table + " WHERE " + spec->parentColumn + " = ?",
                     {after.id.toString()});
        insertRows(tx, {&after}, kept);
    };
    return out;
}

} // namespace yanghu::store
