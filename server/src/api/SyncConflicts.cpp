// SPDX-License-Identifier: MIT
// /api/v1/sync/conflicts: the concurrent edits push decided, for the office to see and settle.
#include "api/EntityHandlers.h"
#include "api/SyncRoutes.h"
#include "api/WorkRoutes.h"
#include "store/AssetRepository.h"
#include "store/DefectReportRepository.h"
#include "store/SyncLedger.h"
#include "store/WorkOrderRepository.h"

#include "yanghu/core/rules/WorkOrderStateMachine.h"
#include "yanghu/core/sync/Merge.h"

namespace yanghu::api {

namespace {

// GET /sync/conflicts?state=open|resolved|all&entity=&row_id=&limit=&cursor=: oldest first.
Result<http::Reply> listConflicts(ApiContext& ctx, const http::ApiRequest& r)
{
    QueryReader q(r);
    q.onlyKnown({"state", "entity", "row_id", "limit", "cursor"});
    store::ConflictFilter filter;
    if (auto state = q.text("state")) {
        if (*state == "open") filter.state = store::ConflictState::Open;
        else if (*state == "resolved") filter.state = store::ConflictState::Resolved;
        else if (*state == "all") filter.state = store::ConflictState::All;
        else q.add("state", codes::InvalidEnum, {{"value", *state}});
    }
    filter.entity = q.text("entity");
    if (filter.entity && *filter.entity != "work_order" && *filter.entity != "defect_report")
        q.add("entity", codes::InvalidEnum, {{"value", *filter.entity}});
    filter.rowId = q.uuid("row_id");
    if (auto s = q.finish(); !s) return s.error();
    auto page = pageRequest(r);
    if (!page) return page.error();
    auto listed = ctx.store.read([&](store::Tx& tx) { return store::listConflicts(tx, filter, *page); });
    if (!listed) return listed.error();
    Json items = Json::array();
    for (const auto& c : listed->items) items.push_back(store::toJson(c));
    return http::Reply::json(200, {{"items", std::move(items)},
                                   {"next_cursor", listed->nextCursor.empty() ? Json(nullptr) : Json(listed->nextCursor)}});
}

Result<http::Reply> getConflict(ApiContext& ctx, const http::ApiRequest& r)
{
    auto id = pathId(r);
    if (!id) return id.error();
    auto found = ctx.store.read([&](store::Tx& tx) { return store::findConflict(tx, *id); });
    if (!found) return notFound();
    return http::Reply::json(200, store::toJson(*found));
}

// The client's value written over the row's, as the office: through the state machine for a
// work order's status, checked like any other write otherwise.
template <class Repo>
Result<Json> takeClientValue(store::Tx& tx, const User& user, const store::ConflictRecord& c)
{
    using Entity = EntityOf<Repo>;
    Repo repo;
    auto current = repo.get(tx, c.rowId, true);
    if (!current) return Error::validation({FieldError{"row_id", std::string(codes::NotFound), {{"value", c.rowId.toString()}}}});
    Json next = wire::toJson(*current);
    if constexpr (std::is_same_v<Entity, WorkOrder>) {
        if (c.field == "status") {
            auto to = c.clientValue.is_string() ? enumFromName<WorkOrderStatus>(c.clientValue.get<std::string>()) : std::nullopt;
            if (!to) return Error::validation({FieldError{"client_value", std::string(codes::InvalidEnum), {}}});
            auto path = sync::transitionPath(current->status, *to, user.role);
            if (!path)
                return Error::of(std::string(codes::TransitionInvalid), {{"from", std::string(enumName(current->status))},
                                                                         {"to", std::string(enumName(*to))}});
            Entity order = *current;
            const rules::Actor actor{user.id, user.role, user.crewId};
            for (WorkOrderStatus step : *path) {
                if (auto allowed = rules::checkTransition(order, step, actor, order.holdReason); !allowed) return allowed.error();
                order.status = step;
                if (step == WorkOrderStatus::Verified) order.verifiedBy = user.id;
            }
            auto updated = repo.update(tx, std::move(order), current->meta.rowVersion, true);
            if (!updated) return updated.error();
            return wire::toJson(*updated);
        }
    }
    next[c.field] = c.clientValue;
    auto entity = decodeValidated<Entity>(next, current->meta);
    if (!entity) return entity.error();
    std::vector<FieldError> problems;
    if constexpr (std::is_same_v<Entity, WorkOrder>) checkOrderReferences(tx, *entity, problems, &*current);
    else if (entity->assetId && entity->assetId != current->assetId) {
        if (auto s = requireReference<store::AssetRepository>(tx, entity->assetId, "asset_id"); !s) return s.error();
    }
    if (!problems.empty()) return Error::validation(std::move(problems));
    auto updated = repo.update(tx, std::move(*entity), current->meta.rowVersion, true);
    if (!updated) return updated.error();
    return wire::toJson(*updated);
}

// POST /sync/conflicts/{id}/resolve {"resolution": "keep_server" | "take_client", "note"?}.
// keep_server records the decision; take_client also writes the client's value (not for a
// changed append-only line, which stays as first stored, nor for an edit of a deleted row,
// whose data the tombstone already keeps). 409 invalid_state when already resolved.
Result<http::Reply> resolveConflict(ApiContext& ctx, const http::ApiRequest& r)
{
    auto id = pathId(r);
    if (!id) return id.error();
    auto body = bodyObject(r);
    if (!body) return body.error();
    BodyReader b(*body);
    b.onlyKnown({"resolution", "note"});
    const auto resolution = b.text("resolution", true);
    const std::string note = b.text("note").value_or("");
    if (resolution && *resolution != "keep_server" && *resolution != "take_client")
        b.add("resolution", codes::InvalidEnum, {{"value", *resolution}});
    if (auto s = b.finish(); !s) return s.error();

    const User& user = r.caller();
    auto resolved = ctx.store.write([&](store::Tx& tx) -> Result<Json> {
        auto conflict = store::findConflict(tx, *id);
        if (!conflict) return notFound();
        if (conflict->resolvedAt)
            return Error::of(std::string(http::codes::InvalidState), {{"status", "resolved"}});
        Json answer = Json::object();
        if (*resolution == "take_client") {
            if (conflict->rule == sync::rule::LinesAreAppendOnly || conflict->rule == sync::rule::EditOfDeletedRow)
                return Error::validation({FieldError{"resolution", std::string(codes::NotAllowed), {{"rule", conflict->rule}}}});
            auto row = conflict->entity == "work_order" ? takeClientValue<store::WorkOrderRepository>(tx, user, *conflict)
                                                        : takeClientValue<store::DefectReportRepository>(tx, user, *conflict);
            if (!row) return row.error();
            answer["row"] = std::move(*row);
        }
        if (!store::markResolved(tx, *id, user.id.toString(), *resolution, note))
            return Error::of(std::string(http::codes::InvalidState), {{"status", "resolved"}});
        answer["conflict"] = store::toJson(*store::findConflict(tx, *id));
        return answer;
    });
    if (!resolved) return resolved.error();
    return http::Reply::json(200, *resolved);
}

} // namespace

void registerSyncConflictRoutes(http::Router& router, ApiContext& ctx)
{
    const std::string p = std::string(kApiPrefix) + "/sync/conflicts";
    const auto office = http::Access::only({Role::Admin, Role::Dispatcher, Role::Supervisor});
    router.add({"GET", p, "sync.conflicts.list", office, [&ctx](http::ApiRequest& r) { return listConflicts(ctx, r); }});
    router.add({"GET", p + "/{id}", "sync.conflicts.get", office, [&ctx](http::ApiRequest& r) { return getConflict(ctx, r); }});
    router.add({"POST", p + "/{id}/resolve", "sync.conflicts.resolve", office,
                [&ctx](http::ApiRequest& r) { return resolveConflict(ctx, r); }});
}

} // namespace yanghu::api
