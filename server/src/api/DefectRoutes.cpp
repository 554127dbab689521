// SPDX-License-Identifier: MIT
#include "api/ApiContext.h"
#include "api/Common.h"
#include "api/EntityHandlers.h"
#include "api/WorkRoutes.h"
#include "store/AssetRepository.h"
#include "store/DefectReportRepository.h"
#include "store/WorkOrderRepository.h"

#include <algorithm>

namespace yanghu::api {

namespace {

using store::DefectReportRepository;

// Fields only triage changes: a report's outcome goes through the triage route.
const std::initializer_list<std::string_view> kTriageFields{"status", "duplicate_of", "work_order_id", "reject_reason"};

auto visibleTo(const User& user)
{
    return [&user](store::Tx& tx, const DefectReport& report) { return seesReport(tx, user, report); };
}

Result<http::Reply> listReports(ApiContext& ctx, const http::ApiRequest& r)
{
    QueryReader q(r);
    q.onlyKnown({"status", "category", "severity", "min_severity", "asset_id", "reported_from", "reported_to", "bbox"});
    store::DefectReportFilter filter;
    filter.status = q.enumeration<DefectStatus>("status");
    filter.category = q.enumeration<DefectCategory>("category");
    filter.severity = q.integer("severity", 1, 4);
    filter.minSeverity = q.integer("min_severity", 1, 4);
    filter.assetId = q.uuid("asset_id");
    filter.reportedFrom = q.instant("reported_from");
    filter.reportedTo = q.instant("reported_to");
    filter.bbox = q.bbox("bbox");
    const User& user = r.caller();
    if (isCrew(user)) filter.crewScope = store::DefectCrewScope{user.crewId.value_or(Uuid{}), user.id};
    return listEntities<DefectReportRepository>(ctx, r, q, filter);
}

// The server sets reported_by (the caller), the status (new) and, when absent, reported_at
// (now) and source (crew for field crews, dispatcher otherwise).
Result<http::Reply> createReport(ApiContext& ctx, const http::ApiRequest& r)
{
    auto body = bodyObject(r);
    if (!body) return body.error();
    const User& user = r.caller();
    const Json defaults = {{"reported_at", formatInstant(ctx.store.clock().now())},
                           {"source", isCrew(user) ? "crew" : "dispatcher"}};
    auto prepare = [&user](store::Tx& tx, DefectReport& report) -> Status {
        report.reportedBy = user.id;
        // An asset the caller cannot see is reported as missing, so its existence stays hidden.
        if (report.assetId && !seesAssetId(tx, user, *report.assetId))
            return Error::validation({FieldError{"asset_id", std::string(codes::NotFound), {{"value", report.assetId->toString()}}}});
        return success();
    };
    return createEntity<DefectReportRepository>(ctx.store, *body, "defect-reports", kTriageFields, prepare, defaults);
}

Result<http::Reply> updateReport(ApiContext& ctx, const http::ApiRequest& r)
{
    return patchEntity<DefectReportRepository>(ctx.store, r, kTriageFields,
                                               [](store::Tx& tx, const DefectReport&, const DefectReport& patched) {
                                                   return requireReference<store::AssetRepository>(tx, patched.assetId, "asset_id");
                                               });
}

// convert: links the report to an existing order (its defect and asset added when missing)
// or to a new one created from `newOrder`, in the caller's transaction.
Result<WorkOrder> convertTarget(store::Tx& tx, const DefectReport& report, const std::optional<Uuid>& orderId,
                                const Json* newOrder)
{
    store::WorkOrderRepository orders;
    if (newOrder) {
        Json defaults = {{"defect_ids", Json::array({report.id.toString()})}};
        if (report.assetId) defaults["asset_ids"] = Json::array({report.assetId->toString()});
        auto created = createWorkOrder(tx, *newOrder, defaults, {"status", "defect_ids"});
        if (!created) return nested(created.error(), "work_order", false);
        return created;
    }
    auto order = orders.get(tx, *orderId);
    if (!order)
        return Error::validation({FieldError{"work_order_id", std::string(codes::NotFound), {{"value", orderId->toString()}}}});
    const std::int64_t version = order->meta.rowVersion;
    auto addOnce = [](std::vector<Uuid>& ids, const Uuid& id) {
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    };
    addOnce(order->defectIds, report.id);
    if (report.assetId) addOnce(order->assetIds, *report.assetId);
    return orders.update(tx, std::move(*order), version);
}

// POST /defect-reports/{id}/triage: {"action": accept | duplicate | reject | convert, ...}.
Result<http::Reply> triage(ApiContext& ctx, const http::ApiRequest& r)
{
    auto command = readCommand(r);
    if (!command) return command.error();
    const Uuid& id = command->id;
    const std::int64_t version = command->version;
    const Json& body = command->body;

    // Each action takes its own members; any other is unknown to it.
    BodyReader b(body);
    const auto action = b.text("action", true);
    std::optional<Uuid> duplicateOf, orderId;
    std::optional<std::string> reason;
    const Json* newOrder = nullptr;
    if (action == "accept") {
        b.onlyKnown({"action"});
    } else if (action == "duplicate") {
        b.onlyKnown({"action", "duplicate_of"});
        duplicateOf = b.uuid("duplicate_of", true);
    } else if (action == "reject") {
        b.onlyKnown({"action", "reason"});
        reason = b.text("reason", true);
    } else if (action == "convert") {
        b.onlyKnown({"action", "work_order_id", "work_order"});
        orderId = b.uuid("work_order_id");
        newOrder = b.object("work_order");
        // Exactly one of them: an existing order or a new one.
        if (!body.contains("work_order_id") && !body.contains("work_order"))
            b.add("work_order_id", codes::Required, {{"alternative", "work_order"}});
        else if (orderId && newOrder)
            b.add("work_order", codes::NotAllowed, {{"with", "work_order_id"}});
        else if (!orderId && !newOrder)
            b.add(body.contains("work_order") ? "work_order" : "work_order_id", codes::Required);
    } else if (action) {
        b.add("action", codes::InvalidEnum, {{"value", *action}});
    }
    if (auto s = b.finish(); !s) return s.error();

    Json answer = Json::object();
    auto triaged = ctx.store.write([&](store::Tx& tx) -> Result<DefectReport> {
        DefectReportRepository reports;
        auto report = reports.get(tx, id);
        if (!report) return notFound();
        if (auto fresh = checkVersion(report->meta, version); !fresh) return fresh.error();
        if (report->status != DefectStatus::New && report->status != DefectStatus::Triaged)
            return Error::of(std::string(http::codes::InvalidState), {{"status", std::string(enumName(report->status))}});
        if (action == "accept") {
            report->status = DefectStatus::Triaged;
        } else if (action == "duplicate") {
            if (*duplicateOf == report->id)
                return Error::validation({FieldError{"duplicate_of", std::string(codes::NotAllowed), {{"value", "self"}}}});
            if (auto exists = requireReference<DefectReportRepository>(tx, duplicateOf, "duplicate_of"); !exists)
                return exists.error();
            report->status = DefectStatus::Duplicate;
            report->duplicateOf = duplicateOf;
        } else if (action == "reject") {
            report->status = DefectStatus::Rejected;
            report->rejectReason = *reason;
        } else {
            auto order = convertTarget(tx, *report, orderId, newOrder);
            if (!order) return order.error();
            report->status = DefectStatus::Converted;
            report->workOrderId = order->id;
            answer["work_order"] = wire::toJson(*order);
        }
        if (auto problems = validateEntity(*report); !problems.empty()) return Error::validation(std::move(problems));
        return reports.update(tx, std::move(*report), version);
    });
    if (!triaged) return triaged.error();
    answer["defect_report"] = wire::toJson(*triaged);
    return http::Reply::json(200, answer).header("ETag", etag(triaged->meta));
}

} // namespace

bool seesAssetId(store::Tx& tx, const User& user, const Uuid& assetId)
{
    auto asset = store::AssetRepository().get(tx, assetId);
    return asset && canSeeAsset(tx, user, *asset);
}

bool seesReport(store::Tx& tx, const User& user, const DefectReport& report)
{
    return !isCrew(user) || report.reportedBy == user.id || (report.assetId && seesAssetId(tx, user, *report.assetId));
}

void registerDefectRoutes(http::Router& router, ApiContext& ctx)
{
    using http::Access;
    const std::string p = std::string(kApiPrefix) + "/defect-reports";
    const Access office = Access::only({Role::Admin, Role::Dispatcher, Role::Supervisor});
    const auto route = [&ctx](RouteHandler handler) { return bindHandler(ctx, handler); };
    router.add({"GET", p, "defects.list", Access::anyUser(), route(listReports)});
    router.add({"POST", p, "defects.create", Access::anyUser(), route(createReport)});
    router.add({"GET", p + "/{id}", "defects.get", Access::anyUser(), [&ctx](http::ApiRequest& r) {
                    return getEntity<DefectReportRepository>(ctx, r, visibleTo(r.caller()));
                }});
    router.add({"PATCH", p + "/{id}", "defects.update", office, route(updateReport)});
    router.add({"POST", p + "/{id}/triage", "defects.triage", office, route(triage)});
}

} // namespace yanghu::api
