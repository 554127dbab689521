// SPDX-License-Identifier: MIT
#include "yanghu/core/sync/Merge.h"

#include "yanghu/core/EnumNames.h"
#include "yanghu/core/rules/ErrorCodes.h"
#include "yanghu/core/rules/WorkOrderStateMachine.h"

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <set>

namespace yanghu::sync {

namespace {

using Json = nlohmann::json;
constexpr Side kOffice = Side::Office;
constexpr Side kCrew = Side::Crew;

// The members every synced row has: the server's alone.
constexpr std::array kRowMetaRules{
    FieldRule{"id", MergeKind::ServerOnly},
    FieldRule{"row_version", MergeKind::ServerOnly},
    FieldRule{"deleted", MergeKind::ServerOnly},
    FieldRule{"created_at", MergeKind::ServerOnly},
    FieldRule{"updated_at", MergeKind::ServerOnly},
};

// Who may change what on a work order: the office plans (scope, priority, window, crew), the
// crew reports (actuals, lines, notes, photos, why it had to stop).
constexpr std::array kWorkOrderRules{
    FieldRule{"number", MergeKind::ServerOnly},
    FieldRule{"verified_by", MergeKind::ServerOnly},
    FieldRule{"title", MergeKind::Owned, kOffice},
    FieldRule{"description", MergeKind::Owned, kOffice},
    FieldRule{"type", MergeKind::Owned, kOffice},
    FieldRule{"asset_ids", MergeKind::Owned, kOffice},
    FieldRule{"defect_ids", MergeKind::Owned, kOffice},
    FieldRule{"programme_id", MergeKind::Owned, kOffice},
    FieldRule{"follows_id", MergeKind::Owned, kOffice},
    FieldRule{"priority", MergeKind::Owned, kOffice},
    FieldRule{"traffic_impact", MergeKind::Owned, kOffice},
    FieldRule{"estimated_minutes", MergeKind::Owned, kOffice},
    FieldRule{"required_skills", MergeKind::Owned, kOffice},
    FieldRule{"required_equipment", MergeKind::Owned, kOffice},
    FieldRule{"due_date", MergeKind::Owned, kOffice},
    FieldRule{"assignment", MergeKind::Owned, kOffice},
    FieldRule{"actual_start", MergeKind::Owned, kCrew},
    FieldRule{"actual_end", MergeKind::Owned, kCrew},
    FieldRule{"hold_reason", MergeKind::Owned, kCrew},
    FieldRule{"labour", MergeKind::AppendOnly},
    FieldRule{"materials", MergeKind::AppendOnly},
    FieldRule{"quantities", MergeKind::AppendOnly},
    FieldRule{"notes", MergeKind::AppendOnly},
    FieldRule{"photos", MergeKind::AppendOnly},
    FieldRule{"status", MergeKind::Status},
};

// A defect report: what was found is the reporter's (usually a crew), the triage the office's.
constexpr std::array kDefectReportRules{
    FieldRule{"reported_at", MergeKind::ServerOnly},
    FieldRule{"reported_by", MergeKind::ServerOnly},
    FieldRule{"source", MergeKind::ServerOnly},
    FieldRule{"external_id", MergeKind::ServerOnly},
    FieldRule{"status", MergeKind::Owned, kOffice},
    FieldRule{"duplicate_of", MergeKind::Owned, kOffice},
    FieldRule{"work_order_id", MergeKind::Owned, kOffice},
    FieldRule{"reject_reason", MergeKind::Owned, kOffice},
    FieldRule{"category", MergeKind::Owned, kCrew},
    FieldRule{"severity", MergeKind::Owned, kCrew},
    FieldRule{"asset_id", MergeKind::Owned, kCrew},
    FieldRule{"location", MergeKind::Owned, kCrew},
    FieldRule{"description", MergeKind::Owned, kCrew},
    FieldRule{"photos", MergeKind::AppendOnly},
};

FieldError fieldError(std::string field, std::string_view code, std::map<std::string, std::string> params = {})
{
    return FieldError{std::move(field), std::string(code), std::move(params)};
}

Json valueOr(const Json& object, const std::string& key, Json fallback = nullptr)
{
    auto it = object.find(key);
    return it == object.end() ? std::move(fallback) : *it;
}

// The identity of a child row: its "id" for objects, the value itself otherwise.
std::optional<Json> identity(const Json& item)
{
    if (item.is_object()) {
        auto it = item.find("id");
        if (it == item.end() || !it->is_string()) return std::nullopt;
        return *it;
    }
    if (item.is_array() || item.is_null()) return std::nullopt;
    return item;
}

class Merger {
public:
    Merger(const Edit& edit, const ServerRow& server) : m_edit(edit), m_server(server), m_side(sideOf(edit.role)) {}

    Result<Merged> run()
    {
        if (!m_edit.fields.is_object())
            return Error::validation({fieldError("fields", codes::WrongType, {{"expected", "object"}})});
        std::vector<FieldError> errors;
        for (const auto& [field, value] : m_edit.fields.items()) {
            const FieldRule* r = findRule(m_edit.entity, field);
            if (!r) {
                errors.push_back(fieldError(field, codes::UnknownField));
                continue;
            }
            if (r->kind == MergeKind::ServerOnly || (r->kind == MergeKind::Owned && r->owner == kOffice && m_side == kCrew)) {
                errors.push_back(fieldError(field, codes::NotAllowed, {{"side", std::string(sideName(m_side))}}));
                continue;
            }
            if (r->kind == MergeKind::AppendOnly) checkLines(field, value, errors);
        }
        if (!errors.empty()) return Error::validation(std::move(errors));

        for (const auto& [field, value] : m_edit.fields.items()) {
            const FieldRule& r = *findRule(m_edit.entity, field);
            switch (r.kind) {
            case MergeKind::Owned: mergeOwned(field, value, r.owner); break;
            case MergeKind::AppendOnly: mergeLines(field, value); break;
            case MergeKind::Status:
                if (auto s = mergeStatus(value); !s) return s.error();
                break;
            case MergeKind::ServerOnly: break; // refused above
            }
        }
        if (valueOr(m_server.row, "deleted", false) == true && !m_edit.fields.empty())
            m_out.conflicts.push_back(Conflict{"deleted", nullptr, true, false, std::string(rule::EditOfDeletedRow), false});
        return std::move(m_out);
    }

private:
    Json serverValue(const std::string& field) const { return valueOr(m_server.row, field); }
    Json baseValue(const std::string& field) const { return valueOr(m_edit.baseValues, field); }
    bool changedSinceBase(const FieldHistory& h) const { return h.changedAt > m_edit.baseVersion; }

    void conflict(const std::string& field, const Json& client, std::string_view ruleName, bool clientWon)
    {
        m_out.conflicts.push_back(
            Conflict{field, baseValue(field), serverValue(field), client, std::string(ruleName), clientWon});
    }

    void mergeOwned(const std::string& field, const Json& client, Side owner)
    {
        const Json server = serverValue(field);
        if (client == server) return;
        const FieldHistory h = m_server.history(field);
        if (!changedSinceBase(h)) {
            m_out.changes[field] = client;
            return;
        }
        if (m_side == owner && h.changedBy != owner) {
            m_out.changes[field] = client;
            conflict(field, client, rule::OwnerWins, true);
        } else if (m_side != owner && h.changedBy == owner) {
            conflict(field, client, rule::OwnerWins, false);
        } else {
            conflict(field, client, rule::FirstArrivalWins, false);
        }
    }

    static void checkLines(const std::string& field, const Json& value, std::vector<FieldError>& errors)
    {
        if (!value.is_array()) {
            errors.push_back(fieldError(field, codes::WrongType, {{"expected", "array"}}));
            return;
        }
        for (std::size_t i = 0; i < value.size(); ++i)
            if (!identity(value[i])) {
                errors.push_back(fieldError(field + "[" + std::to_string(i) + "].id", codes::Required));
            }
    }

    void mergeLines(const std::string& field, const Json& client)
    {
        Json server = serverValue(field);
        if (!server.is_array()) server = Json::array();
        std::map<std::string, const Json*> existing; // identity (as JSON text) -> the server's row
        for (const auto& item : server)
            if (auto id = identity(item)) existing.emplace(id->dump(), &item);
        Json merged = server;
        bool appended = false;
        std::map<std::string, const Json*> seen; // identity -> the client's first row with it
        for (const auto& item : client) {
            const std::string key = identity(item)->dump();
            if (auto [at, fresh] = seen.emplace(key, &item); !fresh) {
                // Listed twice: the first stands; a different second one is kept as a conflict.
                if (*at->second != item)
                    m_out.conflicts.push_back(Conflict{field + "[" + key + "]", nullptr, *at->second, item,
                                                       std::string(rule::LinesAreAppendOnly), false});
                continue;
            }
            auto it = existing.find(key);
            if (it == existing.end()) {
                merged.push_back(item);
                appended = true;
            } else if (*it->second != item) {
                m_out.conflicts.push_back(Conflict{field + "[" + key + "]", nullptr, *it->second, item,
                                                   std::string(rule::LinesAreAppendOnly), false});
            }
        }
        if (appended) m_out.changes[field] = std::move(merged);
    }

    static bool statusOf(const Json& value, WorkOrderStatus& out)
    {
        if (!value.is_string()) return false;
        const auto parsed = enumFromName<WorkOrderStatus>(value.get_ref<const std::string&>());
        if (!parsed) return false;
        out = *parsed;
        return true;
    }

    Status mergeStatus(const Json& client)
    {
        const Json server = serverValue("status");
        if (client == server) return success();
        // Plain values, not optionals: GCC 12 at -O2 warns that an optional's value may be read
        // uninitialised once it is passed on inlined.
        WorkOrderStatus to{};
        WorkOrderStatus from{};
        if (!statusOf(client, to))
            return Error::validation({fieldError("status", codes::InvalidEnum, {{"value", client.dump()}})});
        if (!statusOf(server, from))
            return Error::validation({fieldError("status", codes::InvalidEnum, {{"value", server.dump()}})});
        const auto* target = &to;
        const auto* current = &from;
        const FieldHistory h = m_server.history("status");
        auto path = transitionPath(*current, *target, m_edit.role);
        if (!changedSinceBase(h)) {
            if (!path) {
                // Kept for a person to decide; the rest of the edit still merges (a crew's
                // notes and lines must not wait on a status the table does not allow).
                m_out.refusedStatus = noPath(*current, *target);
                conflict("status", client, rule::NoTransition, false);
                return success();
            }
            m_out.changes["status"] = client;
            m_out.statusPath = std::move(*path);
            return success();
        }
        // Both moved the order. The client's status follows the server's when the client's side
        // owns it (a crew's start or completion, an office decision) and the transition table
        // leads there for the client's role; otherwise the server's stands.
        if (statusOwner(*target) == m_side) {
            if (path) {
                m_out.changes["status"] = client;
                m_out.statusPath = std::move(*path);
                conflict("status", client, rule::OwnerWins, true);
            } else {
                conflict("status", client, rule::NoTransition, false);
            }
        } else if (statusOwner(*current) == h.changedBy) {
            conflict("status", client, rule::OwnerWins, false);
        } else {
            conflict("status", client, rule::FirstArrivalWins, false);
        }
        return success();
    }

    Error noPath(WorkOrderStatus from, WorkOrderStatus to) const
    {
        std::map<std::string, std::string> params{{"from", std::string(enumName(from))},
                                                  {"to", std::string(enumName(to))}};
        // Some chain exists for another role: the role is the problem, not the edge.
        for (Role other : {Role::FieldCrew, Role::Dispatcher, Role::Supervisor, Role::Admin})
            if (transitionPath(from, to, other)) {
                params["role"] = std::string(enumName(m_edit.role));
                return Error::of(std::string(codes::TransitionForbidden), std::move(params));
            }
        return Error::of(std::string(codes::TransitionInvalid), std::move(params));
    }

    const Edit& m_edit;
    const ServerRow& m_server;
    const Side m_side;
    Merged m_out;
};

} // namespace

Side sideOf(Role role) { return role == Role::FieldCrew ? Side::Crew : Side::Office; }

std::string_view sideName(Side side) { return side == Side::Crew ? "crew" : "office"; }

std::span<const FieldRule> fieldRules(std::string_view entity)
{
    if (entity == "work_order") return kWorkOrderRules;
    if (entity == "defect_report") return kDefectReportRules;
    return {};
}

const FieldRule* findRule(std::string_view entity, std::string_view field)
{
    if (fieldRules(entity).empty()) return nullptr;
    for (const auto& r : kRowMetaRules)
        if (r.field == field) return &r;
    for (const auto& r : fieldRules(entity))
        if (r.field == field) return &r;
    return nullptr;
}

Side statusOwner(WorkOrderStatus status)
{
    return status == WorkOrderStatus::InProgress || status == WorkOrderStatus::Completed ? Side::Crew : Side::Office;
}

std::optional<std::vector<WorkOrderStatus>> transitionPath(WorkOrderStatus from, WorkOrderStatus to, Role role)
{
    if (from == to) return std::nullopt;
    // Breadth first over the transition table, edges limited to those `role` may take.
    std::map<WorkOrderStatus, WorkOrderStatus> cameFrom;
    std::deque<WorkOrderStatus> queue{from};
    std::set<WorkOrderStatus> seen{from};
    while (!queue.empty()) {
        const WorkOrderStatus at = queue.front();
        queue.pop_front();
        for (const auto& edge : rules::transitionTable()) {
            if (edge.from != at || seen.count(edge.to)) continue;
            if (std::find(edge.roles.begin(), edge.roles.end(), role) == edge.roles.end()) continue;
            seen.insert(edge.to);
            cameFrom[edge.to] = at;
            if (edge.to == to) {
                std::vector<WorkOrderStatus> path{to};
                for (WorkOrderStatus s = to; cameFrom.at(s) != from; s = cameFrom.at(s)) path.push_back(cameFrom.at(s));
                std::reverse(path.begin(), path.end());
                return path;
            }
            queue.push_back(edge.to);
        }
    }
    return std::nullopt;
}

Result<Merged> mergeEdit(const Edit& edit, const ServerRow& server)
{
    if (fieldRules(edit.entity).empty())
        return Error::validation({fieldError("entity", codes::InvalidEnum, {{"value", edit.entity}})});
    return Merger(edit, server).run();
}

} // namespace yanghu::sync
