// SPDX-License-Identifier: MIT
// /api/v1/sync: what replicas (crew laptops, dispatcher desktops) pull. DESIGN §5.
#include "api/EntityHandlers.h"
#include "api/SyncRoutes.h"
#include "http/HttpCodes.h"
#include "store/AssetRepository.h"
#include "store/ChangeFeed.h"
#include "store/CrewRepository.h"
#include "store/CrewShiftRepository.h"
#include "store/DefectReportRepository.h"
#include "store/ProgrammeRepository.h"
#include "store/ShiftCalendarRepository.h"
#include "store/Sql.h"
#include "store/StreetRepository.h"
#include "store/UserRepository.h"
#include "store/WorkOrderRepository.h"

#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace yanghu::api {

namespace {

constexpr int kDefaultPullLimit = 500;
constexpr int kMaxPullLimit = 2000;

// What a field crew member's replica holds: their district's streets and assets (and the
// reports on them, and their own), the assets of their crew's open orders outside it (and their
// streets and reports), their crew's orders, shifts, crew and crew mates; the shared calendars
// and programmes. Computed once per pull, so each row is checked in memory.
class PullScope {
public:
    PullScope(store::Tx& tx, const User& user) : m_user(user)
    {
        if (!isCrew(user)) return;
        m_district = crewDistrict(tx, user).value_or("");
        for (const auto& row : store::sql::query(tx.session(), "SELECT id FROM street WHERE district = ? AND deleted = 0",
                                                 {m_district}, {store::SqlType::Text}))
            m_streets.insert(std::get<std::string>(row[0]));
        for (const auto& row : store::sql::query(tx.session(),
                                                 "SELECT a.id FROM asset a JOIN street s ON s.id = a.street_id "
                                                 "WHERE s.district = ? AND s.deleted = 0",
                                                 {m_district}, {store::SqlType::Text}))
            m_assets.insert(std::get<std::string>(row[0]));
        // The assets of the crew's open orders, wherever they are: the crew lead needs the card
        // of tonight's inlet even when the dispatcher sent the crew across the district line.
        if (!m_user.crewId) return;
        for (const auto& row : store::sql::query(
                 tx.session(),
                 "SELECT DISTINCT a.id, COALESCE(a.street_id, '') FROM work_order_asset woa "
                 "JOIN work_order w ON w.id = woa.work_order_id JOIN asset a ON a.id = woa.asset_id "
                 "WHERE w.crew_id = ? AND w.deleted = 0 AND w.status IN ('draft', 'ready', 'scheduled', 'in_progress', 'on_hold')",
                 {m_user.crewId->toString()}, {store::SqlType::Text, store::SqlType::Text})) {
            const auto& asset = std::get<std::string>(row[0]);
            const auto& street = std::get<std::string>(row[1]);
            if (m_assets.count(asset)) continue;
            m_workAssets.insert(asset);
            if (!street.empty() && !m_streets.count(street)) m_workStreets.insert(street);
        }
        if (m_workAssets.empty()) return;
        for (const auto& row : store::sql::query(
                 tx.session(),
                 "SELECT DISTINCT d.id, d.asset_id FROM defect_report d JOIN work_order_asset woa ON woa.asset_id = d.asset_id "
                 "JOIN work_order w ON w.id = woa.work_order_id WHERE w.crew_id = ? AND w.deleted = 0 AND d.deleted = 0 "
                 "AND w.status IN ('draft', 'ready', 'scheduled', 'in_progress', 'on_hold')",
                 {m_user.crewId->toString()}, {store::SqlType::Text, store::SqlType::Text}))
            if (m_workAssets.count(std::get<std::string>(row[1]))) m_workDefects.insert(std::get<std::string>(row[0]));
    }

    bool sees(const Street& s) const
    {
        return office() || (!m_district.empty() && s.district == m_district) || m_workStreets.count(s.id.toString());
    }
    bool sees(const Asset& a) const
    {
        return office() || (a.streetId && m_streets.count(a.streetId->toString())) || m_workAssets.count(a.id.toString());
    }
    bool sees(const DefectReport& d) const
    {
        return office() || d.reportedBy == m_user.id ||
               (d.assetId && (m_assets.count(d.assetId->toString()) || m_workAssets.count(d.assetId->toString())));
    }
    bool sees(const WorkOrder& o) const { return seesOrder(m_user, o); }
    bool sees(const Crew& c) const { return office() || m_user.crewId == c.id; }
    bool sees(const User& u) const { return office() || u.id == m_user.id || (m_user.crewId && u.crewId == m_user.crewId); }
    bool sees(const CrewShift& s) const { return office() || (m_user.crewId && s.crewId == *m_user.crewId); }
    bool sees(const Programme&) const { return true; }
    bool sees(const ShiftCalendar&) const { return true; }

    // What this scope is made of. A replica sends it back with its cursor; when it no longer
    // matches (the member moved to another crew, the crew to another district) the replica
    // downloads again, so rows of the old scope leave and those of the new one arrive.
    std::string fingerprint() const
    {
        if (office()) return "all";
        return "crew:" + (m_user.crewId ? m_user.crewId->toString() : std::string("none")) + ":" + m_district;
    }

private:
    bool office() const { return !isCrew(m_user); }

    const User& m_user;
    std::string m_district;
    std::unordered_set<std::string> m_streets; // ids of the district's live streets
    std::unordered_set<std::string> m_assets;  // ids of assets on them
    // Outside the district: the assets of the crew's open orders, and their streets.
    std::unordered_set<std::string> m_workAssets;
    std::unordered_set<std::string> m_workStreets;
    std::unordered_set<std::string> m_workDefects; // reports on those assets

public:
    // Rows that come with the crew's orders (a later pull: they may not have changed since the
    // cursor, yet the replica may not have them: the order has just come to this crew).
    std::vector<Uuid> companionAssets() const { return uuids(m_workAssets); }
    std::vector<Uuid> companionStreets() const { return uuids(m_workStreets); }
    std::vector<Uuid> companionDefects() const { return uuids(m_workDefects); }

private:
    static std::vector<Uuid> uuids(const std::unordered_set<std::string>& ids)
    {
        std::vector<Uuid> out;
        for (const auto& id : ids)
            if (auto u = Uuid::parse(id)) out.push_back(*u);
        return out;
    }
};

// One pulled row: rendered (from the row cache when it holds this version), or the marker
// that an order or report left the caller's scope.
struct Pulled {
    std::int64_t rowVersion = 0;
    std::string json; // {"entity": ..., "row": {...}} or {"entity": ..., "id": ..., "out_of_scope": true}
};

std::string envelope(std::string_view entity, const std::string& body)
{
    return "{\"entity\":\"" + std::string(entity) + "\",\"row\":" + body + "}";
}

// Loads the rows `ids` of Repo's table as they are in `tx`, each rendered and checked against
// the scope; rows outside it are left out, or (when `markLeaving`) replaced by a marker.
template <class Repo>
void loadRows(ApiContext& ctx, store::Tx& tx, const std::vector<Uuid>& ids, const PullScope& scope, bool markLeaving,
              std::unordered_map<Uuid, Pulled>& out)
{
    Repo repo;
    const std::string table = repo.table();
    // The versions first: rows already rendered at them are not loaded again.
    const auto versions = repo.versionsOf(tx, ids);
    auto rows = renderedRows(ctx.rows, tx, repo, versions);
    for (const auto& row : rows) {
        if (!row) continue;
        const auto& entity = *row->entity;
        if (scope.sees(entity))
            out[entity.id] = Pulled{entity.meta.rowVersion, envelope(table, row->body)};
        else if (markLeaving)
            out[entity.id] = Pulled{entity.meta.rowVersion, "{\"entity\":\"" + table + "\",\"id\":\"" +
                                                                entity.id.toString() + "\",\"out_of_scope\":true}"};
    }
}

using Loader = void (*)(ApiContext&, store::Tx&, const std::vector<Uuid>&, const PullScope&, bool,
                        std::unordered_map<Uuid, Pulled>&);

// Every synced table and how its rows are loaded. Only orders and reports can leave a crew's
// scope while staying alive (reassigned, moved to another asset): they get leaving markers.
struct Table {
    std::string_view name;
    Loader load;
    bool canLeaveScope;
};
const std::vector<Table>& tables()
{
    static const std::vector<Table> all{
        {"street", &loadRows<store::StreetRepository>, false},
        {"asset", &loadRows<store::AssetRepository>, false},
        {"defect_report", &loadRows<store::DefectReportRepository>, true},
        {"work_order", &loadRows<store::WorkOrderRepository>, true},
        {"crew", &loadRows<store::CrewRepository>, false},
        {"app_user", &loadRows<store::UserRepository>, false},
        {"programme", &loadRows<store::ProgrammeRepository>, false},
        {"shift_calendar", &loadRows<store::ShiftCalendarRepository>, false},
        {"crew_shift", &loadRows<store::CrewShiftRepository>, false},
    };
    return all;
}

Error resync(std::string_view reason, const std::string& epoch)
{
    return Error::of(std::string(http::codes::ResyncRequired), {{"reason", std::string(reason)}, {"epoch", epoch}});
}

// GET /sync/pull?epoch=&since=&limit=: the rows changed after `since`, each at its latest
// version and only at the change-log entry that made that version (so a row changed ten
// times since the cursor is sent once), tombstones included, in the caller's scope.
// {"rows": [...], "next_since": seq, "has_more": bool, "epoch": "...", "scope": "..."}. A
// cursor from another epoch, from before the kept history or from the future (a server
// restored from an older backup without a new epoch), or for a scope the caller no longer has,
// is answered 410 resync_required: download again.
Result<http::Reply> pull(ApiContext& ctx, const http::ApiRequest& r)
{
    if (auto s = checkProtocol(r); !s) return s.error();
    QueryReader q(r);
    q.onlyKnown({"epoch", "since", "limit", "scope"});
    const auto epoch = q.text("epoch");
    const auto scopeSent = q.text("scope");
    const std::int64_t since = q.integer("since", 0, std::numeric_limits<std::int64_t>::max()).value_or(0);
    const auto limit = q.integer("limit", 1, kMaxPullLimit).value_or(kDefaultPullLimit);
    if (since > 0 && !epoch) q.add("epoch", codes::Required);
    if (since > 0 && !scopeSent) q.add("scope", codes::Required);
    if (auto s = q.finish(); !s) return s.error();

    return ctx.store.read([&](store::Tx& tx) -> Result<http::Reply> {
        const auto state = store::readSyncState(tx);
        if (epoch && *epoch != state.epoch) return resync("epoch_changed", state.epoch);
        if (since > state.lastSeq) return resync("cursor_ahead", state.epoch);
        if (since > 0 && since < state.historyFrom) return resync("history_pruned", state.epoch);

        const PullScope scope(tx, r.caller());
        if (since > 0 && *scopeSent != scope.fingerprint()) return resync("scope_changed", state.epoch);

        auto changes = store::changesAfter(tx, since, static_cast<std::size_t>(limit) + 1);
        const bool hasMore = changes.size() > static_cast<std::size_t>(limit);
        if (hasMore) changes.resize(static_cast<std::size_t>(limit));

        std::map<std::string_view, std::vector<Uuid>> idsByTable; // each id once
        std::unordered_set<Uuid> listed;
        for (const auto& c : changes)
            if (listed.insert(c.rowId).second) idsByTable[c.entity].push_back(c.rowId);
        std::map<std::string_view, std::unordered_map<Uuid, Pulled>> loaded;
        for (const auto& table : tables()) {
            auto it = idsByTable.find(table.name);
            if (it == idsByTable.end()) continue;
            // A first download has nothing to remove: no markers then.
            table.load(ctx, tx, it->second, scope, table.canLeaveScope && since > 0, loaded[table.name]);
        }

        std::string body = "{\"rows\":[";
        bool first = true;
        // An order that came (or changed) brings the out-of-district assets of the crew's open
        // orders, their streets and the reports on them (streets first): a few rows, sent
        // again rather than missed.
        if (since > 0 && loaded.count("work_order")) {
            std::unordered_map<Uuid, Pulled> streets, assets, defects;
            loadRows<store::StreetRepository>(ctx, tx, scope.companionStreets(), scope, false, streets);
            loadRows<store::AssetRepository>(ctx, tx, scope.companionAssets(), scope, false, assets);
            loadRows<store::DefectReportRepository>(ctx, tx, scope.companionDefects(), scope, false, defects);
            for (const auto* rows : {&streets, &assets, &defects})
                for (const auto& [id, row] : *rows) {
                    if (!first) body += ',';
                    first = false;
                    body += row.json;
                }
        }
        for (const auto& c : changes) {
            auto t = loaded.find(c.entity);
            if (t == loaded.end()) continue;
            auto row = t->second.find(c.rowId);
            // Only the entry that made the row's current version sends it.
            if (row == t->second.end() || row->second.rowVersion != c.rowVersion) continue;
            if (!first) body += ',';
            first = false;
            body += row->second.json;
        }
        const std::int64_t next = changes.empty() ? since : changes.back().seq;
        body += "],\"next_since\":" + std::to_string(next) + ",\"has_more\":" + (hasMore ? "true" : "false") +
                ",\"epoch\":" + wire::toJsonText(Json(state.epoch)) +
                ",\"scope\":" + wire::toJsonText(Json(scope.fingerprint())) + "}";
        return http::Reply::text(200, "application/json", std::move(body));
    });
}

} // namespace

Status checkProtocol(const http::ApiRequest& r)
{
    if (r.protocol == http::kProtocolVersion) return success();
    return Error::of(std::string(http::codes::ProtocolUnsupported),
                     {{"server", std::string(http::kProtocolVersion)}, {"client", r.protocol.empty() ? "none" : r.protocol}});
}

void registerSyncRoutes(http::Router& router, ApiContext& ctx)
{
    const std::string p = std::string(kApiPrefix) + "/sync";
    router.add({"GET", p + "/pull", "sync.pull", http::Access::anyUser(),
                [&ctx](http::ApiRequest& r) { return pull(ctx, r); }});
    registerSyncPushRoutes(router, ctx);
    registerSyncConflictRoutes(router, ctx);
}

} // namespace yanghu::api
