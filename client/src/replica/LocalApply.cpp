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

} // namespace yanghu::client
