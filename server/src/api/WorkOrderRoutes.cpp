// SPDX-License-Identifier: MIT
#include "api/ApiContext.h"
#include "api/Common.h"
#include "api/EntityHandlers.h"
#include "api/WorkRoutes.h"
#include "store/Sql.h"
#include "store/WorkOrderRepository.h"

#include "yanghu/core/rules/WorkOrderStateMachine.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>
#include <string_view>
#include <functional>

namespace yanghu::api {

namespace {

using store::WorkOrderRepository;

// The same rule as the visibility hook getEntity and loadVisible take.
auto visibleTo(const User& user)
{
    return [&user](store::Tx&, const WorkOrder& order) { return seesOrder(user, order); };
}

// The number's digits after "WO-<year>-" when they are all digits (at least 6), else nullopt.
std::optional<long> serialOf(std::string_view number, std::string_view prefix)
{
    if (!number.starts_with(prefix) || number.size() < prefix.size() + 6 || number.size() > prefix.size() + 9)
        return std::nullopt;
    long serial = 0;
    const char* begin = number.data() + prefix.size();
    auto [end, ec] = std::from_chars(begin, number.data() + number.size(), serial);
    if (ec != std::errc() || end != number.data() + number.size() || *begin == '-' || *begin == '+') return std::nullopt;
    return serial;
}

// A number a client sets in the server's own scheme must be well formed, or it would stall
// the automatic numbering ("WO-2026-ABCDEF", "WO-2026-12").
bool wellFormedNumber(std::string_view number)
{
    if (!number.starts_with("WO-")) return true; // another scheme (e.g. an imported legacy number)
    if (number.size() < 8 || number[7] != '-') return false;
    for (std::size_t i = 3; i < 7; ++i)
        if (number[i] < '0' || number[i] > '9') return false;
    return serialOf(number, number.substr(0, 8)).has_value();
}

// "WO-<year>-<6+ digits>": one more than the highest well-formed number of that year, deleted
// orders included, so a number is never handed out twice (past 999999 it grows a digit).
std::string nextNumber(store::Tx& tx)
{
    const int year = static_cast<int>(CityTime{}.localDate(tx.now()).year());
    const std::string prefix = "WO-" + std::to_string(year) + "-";
    auto rows = store::sql::query(tx.session(),
                                  "SELECT number FROM work_order WHERE number LIKE ? "
                                  "ORDER BY LENGTH(number) DESC, number DESC LIMIT 1",
                                  {prefix + "%"}, {store::SqlType::Text});
    long last = 0;
    if (!rows.empty())
        last = serialOf(std::get<std::string>(rows.front()[0]), prefix).value_or(0); // else a clash says 409
    std::string tail = std::to_string(last + 1);
    if (tail.size() < 6) tail.insert(0, 6 - tail.size(), '0');
    return prefix + tail;
}

Result<http::Reply> listOrders(ApiContext& ctx, const http::ApiRequest& r)
{
    QueryReader q(r);
    q.onlyKnown({"status", "crew_id", "shift_date_from", "shift_date_to", "programme_id", "asset_id", "priority"});
    store::WorkOrderFilter filter;
    filter.status = q.enumeration<WorkOrderStatus>("status");
    filter.crewId = q.uuid("crew_id");
    filter.shiftDateFrom = q.date("shift_date_from");
    filter.shiftDateTo = q.date("shift_date_to");
    filter.programmeId = q.uuid("programme_id");
    filter.assetId = q.uuid("asset_id");
    filter.priority = q.integer("priority", 1, 4);
    // A crew member's list is their crew's (a nil crew matches nothing); another crew's is empty.
    const bool allowed = !isCrew(r.caller()) || confineTo(filter.crewId, r.caller().crewId.value_or(Uuid{}));
    return listEntities<WorkOrderRepository>(ctx, r, q, filter, allowed);
}

Result<http::Reply> getOrder(ApiContext& ctx, const http::ApiRequest& r)
{
    return getEntity<WorkOrderRepository>(ctx, r, visibleTo(r.caller()));
}

Result<http::Reply> createOrder(ApiContext& ctx, const http::ApiRequest& r)
{
    auto body = bodyObject(r);
    if (!body) return body.error();
    auto created = ctx.store.write([&](store::Tx& tx) { return createWorkOrder(tx, *body); });
    if (!created) return created.error();
    return createdReply(*created, "work-orders");
}

// {"to", "reason"?, "actual_start"?, "actual_end"?}: the actuals are applied first, then the
// state machine decides with the caller as actor.
Result<http::Reply> transition(ApiContext& ctx, const http::ApiRequest& r)
{
    auto command = readCommand(r);
    if (!command) return command.error();
    BodyReader b(command->body);
    b.onlyKnown({"to", "reason", "actual_start", "actual_end"});
    const auto to = b.enumeration<WorkOrderStatus>("to", true);
    const std::string reason = b.text("reason").value_or("");
    const auto actualStart = b.instant("actual_start");
    const auto actualEnd = b.instant("actual_end");
    if (auto s = b.finish(); !s) return s.error();

    const User& user = r.caller();
    auto updated = ctx.store.write([&](store::Tx& tx) -> Result<WorkOrder> {
        WorkOrderRepository repo;
        auto order = repo.get(tx, command->id);
        if (!order) return order.error();
        // Another crew's order: the crew member learns only that it is not theirs.
        if (!seesOrder(user, *order)) return Error::of(std::string(codes::NotAssignedCrew));
        if (auto fresh = checkVersion(order->meta, command->version); !fresh) return fresh.error();
        if (actualStart) order->actualStart = actualStart;
        if (actualEnd) order->actualEnd = actualEnd;
        const rules::Actor actor{user.id, user.role, user.crewId};
        if (auto allowed = rules::checkTransition(*order, *to, actor, reason); !allowed) return allowed.error();
        order->status = *to;
        if (!reason.empty()) order->holdReason = reason;
        if (*to == WorkOrderStatus::Verified) order->verifiedBy = user.id;
        if (auto problems = validateEntity(*order); !problems.empty()) return Error::validation(std::move(problems));
        return repo.update(tx, std::move(*order), command->version);
    });
    if (!updated) return updated.error();
    return entityReply(200, *updated);
}

// One append-only line route: the body becomes a new element of the order's `list` member
// (server-generated id, `complete` adding the server's members), decoded and validated with
// the whole order so errors name it as "labour[2].hours". If-Match is optional here (lines
// from several laptops merge), but a stale one is refused.
struct LineRoute {
    std::string list;
    std::vector<std::string> serverOwned;
    std::function<void(Json& line, const User& caller, Instant now)> complete;
};

Result<http::Reply> appendLine(ApiContext& ctx, const http::ApiRequest& r, const LineRoute& route)
{
    auto id = pathId(r);
    if (!id) return id.error();
    std::optional<std::int64_t> version;
    if (!r.ifMatch.empty()) {
        auto v = ifMatchVersion(r);
        if (!v) return v.error();
        version = *v;
    }
    auto body = bodyObject(r);
    if (!body) return body.error();
    BodyReader b(*body);
    for (auto key : route.serverOwned)
        if (body->contains(key)) b.add(key, codes::NotAllowed);
    if (body->contains("id")) b.add("id", codes::NotAllowed);
    if (auto s = b.finish(); !s) return s.error();

    const User& user = r.caller();
    auto updated = ctx.store.write([&](store::Tx& tx) -> Result<WorkOrder> {
        auto order = loadVisible<WorkOrderRepository>(tx, *id, visibleTo(user));
        if (!order) return order.error();
        if (version)
            if (auto fresh = checkVersion(order->meta, *version); !fresh) return fresh.error();
        Json line = *body;
        line["id"] = tx.ids().next().toString();
        if (route.complete) route.complete(line, user, tx.now());
        Json merged = wire::toJson(*order);
        Json& lines = merged[route.list];
        // Problems of the new line are named by the body's members ("hours", not "labour[3].hours").
        const std::string linePath = route.list + "[" + std::to_string(lines.size()) + "]";
        lines.push_back(std::move(line));
        auto next = wire::fromJson<WorkOrder>(merged, wire::UnknownFields::Refuse);
        if (!next) return nested(next.error(), linePath, true);
        next->meta = order->meta;
        auto problems = validateEntity(*next);
        checkOrderReferences(tx, *next, problems, &*order);
        if (!problems.empty()) return nested(Error::validation(std::move(problems)), linePath, true);
        return WorkOrderRepository().update(tx, std::move(*next), order->meta.rowVersion);
    });
    if (!updated) return updated.error();
    return entityReply(201, *updated);
}

// The chain of orders this one would follow, walked in the database, must not lead back to it
// (core's validation refuses the order itself). A loop without it ends the walk, as does a
// deleted order or the end of the chain. On PostgreSQL, where writers run side by side at READ
// COMMITTED, every such check first takes one transaction-scoped lock: otherwise A → B and
// B → A written at once would each see the other's old link and both commit. SQLite has one
// writer at a time.
void checkNoCycle(store::Tx& tx, const WorkOrder& order, std::vector<FieldError>& errors)
{
    constexpr std::int64_t kFollowsLock = 0x79616e67687501; // "yanghu" 01: the follows_id chains
    if (tx.dialect() == store::Dialect::PostgreSQL)
        store::sql::query(tx.session(), "SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock(?)) AS locked",
                          {kFollowsLock}, {store::SqlType::Int});
    const std::string self = order.id.toString();
    std::set<std::string> seen;
    std::string chain;
    std::optional<std::string> next = order.followsId->toString();
    while (next && seen.insert(*next).second) {
        auto rows = store::sql::query(tx.session(), "SELECT number, follows_id FROM work_order WHERE id = ? AND deleted = 0",
                                      {*next}, {store::SqlType::Text, store::SqlType::Text});
        if (rows.empty()) return;
        const auto& number = std::get<std::string>(rows[0][0]);
        chain += (chain.empty() ? "" : " → ") + (number.empty() ? *next : number);
        if (const auto* id = std::get_if<std::string>(&rows[0][1])) {
            if (*id == self) {
                const std::string me = order.number.empty() ? self : order.number;
                errors.push_back(FieldError{"follows_id",
                                            std::string(codes::Cycle),
                                            {{"id", order.followsId->toString()}, {"chain", me + " → " + chain + " → " + me}}});
                return;
            }
            next = *id;
        } else {
            next.reset();
        }
    }
}

} // namespace

void checkOrderReferences(store::Tx& tx, const WorkOrder& order, std::vector<FieldError>& errors, const WorkOrder* before)
{
    auto added = [](const std::vector<Uuid>& now, const std::vector<Uuid>* old) {
        std::vector<Uuid> out;
        for (const auto& id : now)
            if (!old || std::find(old->begin(), old->end(), id) == old->end()) out.push_back(id);
        return out;
    };
    checkReferences(tx, errors, "asset_ids", "asset", added(order.assetIds, before ? &before->assetIds : nullptr));
    checkReferences(tx, errors, "defect_ids", "defect_report", added(order.defectIds, before ? &before->defectIds : nullptr));
    if (order.programmeId && (!before || before->programmeId != order.programmeId))
        checkReferences(tx, errors, "programme_id", "programme", {*order.programmeId});
    if (order.assignment.crewId && (!before || before->assignment.crewId != order.assignment.crewId))
        checkReferences(tx, errors, "assignment.crew_id", "crew", {*order.assignment.crewId});
    if (order.followsId && (!before || before->followsId != order.followsId)) {
        const std::size_t known = errors.size();
        checkReferences(tx, errors, "follows_id", "work_order", {*order.followsId});
        if (errors.size() == known) checkNoCycle(tx, order, errors);
    }
    const std::size_t firstNew = before ? before->labour.size() : 0; // lines are append-only
    for (std::size_t i = firstNew; i < order.labour.size(); ++i)
        if (order.labour[i].userId)
            checkReferences(tx, errors, "labour[" + std::to_string(i) + "].user_id", "app_user", {*order.labour[i].userId});
}

void checkReferences(store::Tx& tx, std::vector<FieldError>& errors, const std::string& field, const std::string& table,
                     const std::vector<Uuid>& ids)
{
    if (ids.empty()) return;
    store::SqlRow params;
    for (const auto& id : ids) params.push_back(id.toString());
    auto rows = store::sql::query(tx.session(),
                                  "SELECT id FROM " + table + " WHERE deleted = 0 AND id IN (" +
                                      store::sql::placeholders(ids.size()) + ")",
                                  params, {store::SqlType::Text});
    for (const auto& id : ids) {
        const std::string text = id.toString();
        const bool found = std::any_of(rows.begin(), rows.end(), [&](const auto& row) { return std::get<std::string>(row[0]) == text; });
        if (!found) errors.push_back(FieldError{field, std::string(codes::NotFound), {{"id", text}}});
    }
}

Result<WorkOrder> createWorkOrder(store::Tx& tx, const Json& body, const Json& defaults,
                                  std::initializer_list<std::string_view> alsoNotAllowed, const std::optional<Uuid>& id)
{
    std::vector<FieldError> refused;
    for (auto key : alsoNotAllowed)
        if (body.contains(key)) refused.push_back(FieldError{std::string(key), std::string(codes::NotAllowed), {}});
    if (!refused.empty()) return Error::validation(std::move(refused));
    auto order = decodeNew<WorkOrder>(body, id ? *id : tx.ids().next(), {"labour", "materials", "quantities", "notes", "verified_by"},
                                      defaults);
    if (!order) return order.error();
    std::vector<FieldError> errors;
    if (order->status != WorkOrderStatus::Draft && order->status != WorkOrderStatus::Ready)
        errors.push_back(FieldError{"status", std::string(codes::NotAllowed), {{"value", std::string(enumName(order->status))}}});
    if (!wellFormedNumber(order->number))
        errors.push_back(FieldError{"number", std::string(codes::InvalidFormat), {{"expected", "WO-YYYY-NNNNNN"}}});
    checkOrderReferences(tx, *order, errors);
    if (!errors.empty()) return Error::validation(std::move(errors));
    if (order->number.empty()) order->number = nextNumber(tx);
    return WorkOrderRepository().insert(tx, std::move(*order));
}

void registerWorkOrderRoutes(http::Router& router, ApiContext& ctx)
{
    using http::Access;
    const std::string p = std::string(kApiPrefix) + "/work-orders";
    const Access office = Access::only({Role::Admin, Role::Dispatcher, Role::Supervisor});
    const auto route = [&ctx](RouteHandler handler) { return bindHandler(ctx, handler); };
    router.add({"GET", p, "workOrders.list", Access::anyUser(), route(listOrders)});
    router.add({"POST", p, "workOrders.create", office, route(createOrder)});
    router.add({"GET", p + "/{id}", "workOrders.get", Access::anyUser(), route(getOrder)});
    router.add({"PATCH", p + "/{id}", "workOrders.update", office, [&ctx](http::ApiRequest& r) {
                    return patchEntity<WorkOrderRepository>(
                        ctx.store, r, {"status", "labour", "materials", "quantities", "notes", "number", "verified_by"},
                        [](store::Tx& tx, const WorkOrder& current, const WorkOrder& patched) -> Status {
                            std::vector<FieldError> errors;
                            checkOrderReferences(tx, patched, errors, &current);
                            if (!errors.empty()) return Error::validation(std::move(errors));
                            return success();
                        });
                }});
    router.add({"POST", p + "/{id}/transitions", "workOrders.transition", Access::anyUser(), route(transition)});
    // An order made by mistake is deleted (a tombstone replicas receive); one that was planned
    // and will not be done is cancelled through the state machine instead.
    router.add({"DELETE", p + "/{id}", "workOrders.delete", office, [&ctx](http::ApiRequest& r) {
                    return deleteEntity<WorkOrderRepository>(ctx.store, r);
                }});

    const auto lines = [&](const char* path, const char* name, LineRoute line) {
        router.add({"POST", p + "/{id}/" + path, name, Access::anyUser(),
                    [&ctx, line = std::move(line)](http::ApiRequest& r) { return appendLine(ctx, r, line); }});
    };
    lines("labour", "workOrders.addLabour", {"labour", {}, {}});
    lines("materials", "workOrders.addMaterial", {"materials", {}, {}});
    lines("quantities", "workOrders.addQuantity", {"quantities", {}, {}});
    lines("notes", "workOrders.addNote", {"notes", {"author_id", "at"}, [](Json& line, const User& caller, Instant now) {
                                              line["author_id"] = caller.id.toString();
                                              line["at"] = formatInstant(now);
                                          }});
}

} // namespace yanghu::api
