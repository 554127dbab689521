// SPDX-License-Identifier: MIT
#include "replica/LocalApply.h"

#include "yanghu/core/sync/Merge.h"

#include <algorithm>

namespace yanghu::client {

namespace {

// A child row's identity: its "id" for objects, the value itself for plain items (hashes).
Json identity(const Json& item)
{
    if (item.is_object()) return item.value("id", Json());
    return item;
}

bool holds(const Json& list, const Json& item)
{
    if (!list.is_array()) return false;
    const Json id = identity(item);
    return std::any_of(list.begin(), list.end(), [&](const Json& have) { return identity(have) == id; });
}

bool appendOnly(std::string_view entity, std::string_view field)
{
    const auto* rule = sync::findRule(entity, field);
    return rule && rule->kind == sync::MergeKind::AppendOnly;
}

std::optional<std::string> text(const Json& row, const Json::json_pointer& at)
{
    if (!row.contains(at)) return std::nullopt;
    const Json& v = row.at(at);
    if (!v.is_string()) return std::nullopt;
    return v.get<std::string>();
}

} // namespace

void applyFields(std::string_view entity, Json& row, const Json& fields)
{
    for (const auto& [field, value] : fields.items()) {
        if (!appendOnly(entity, field) || !value.is_array()) {
            row[field] = value;
            continue;
        }
        Json& list = row[field];
        if (!list.is_array()) list = Json::array();
        for (const auto& item : value)
            if (!holds(list, item)) list.push_back(item);
    }
}

Json unseenMembers(std::string_view entity, const Json& row, const Json& fields)
{
    Json unseen = Json::object();
    for (const auto& [field, value] : fields.items()) {
        if (appendOnly(entity, field) && value.is_array()) {
            Json missing = Json::array();
            const Json have = row.value(field, Json::array());
            for (const auto& item : value)
                if (!holds(have, item)) missing.push_back(item);
            if (!missing.empty()) unseen[field] = std::move(missing);
        } else if (row.value(field, Json()) != value) {
            unseen[field] = value;
        }
    }
    return unseen;
}

IndexedColumns indexedColumns(std::string_view entity, const Json& row)
{
    using P = Json::json_pointer;
    IndexedColumns c;
    if (entity == "work_order") {
        c.crewId = text(row, P("/assignment/crew_id"));
        c.day = text(row, P("/assignment/shift_date"));
        c.status = text(row, P("/status"));
    } else if (entity == "crew_shift") {
        c.crewId = text(row, P("/crew_id"));
        c.day = text(row, P("/date"));
        c.kind = text(row, P("/kind"));
    } else if (entity == "app_user") {
        c.crewId = text(row, P("/crew_id"));
    } else if (entity == "asset") {
        c.status = text(row, P("/status"));
        c.streetId = text(row, P("/street_id"));
        c.kind = text(row, P("/kind"));
    } else if (entity == "defect_report") {
        c.status = text(row, P("/status"));
        c.assetId = text(row, P("/asset_id"));
    } else if (entity == "programme") {
        c.status = text(row, P("/status"));
    }
    return c;
}

} // namespace yanghu::client
