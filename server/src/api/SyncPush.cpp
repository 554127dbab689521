// SPDX-License-Identifier: MIT
// POST /api/v1/sync/push: the edits a replica made offline, merged field by field (DESIGN §5,
// core/sync/Merge.h) in one transaction that also stores the batch's answer.
#include "api/EntityHandlers.h"
#include "api/SyncRoutes.h"
#include "api/WorkRoutes.h"
#include "http/Problem.h"
#include "store/AssetRepository.h"
#include "store/ChangeFeed.h"
#include "store/DefectReportRepository.h"
#include "store/SyncLedger.h"
#include "store/WorkOrderRepository.h"

#include "yanghu/core/rules/WorkOrderStateMachine.h"
#include "yanghu/core/sync/Merge.h"

#include <algorithm>
#include <set>
#include <type_traits>

namespace yanghu::api {

namespace {

constexpr std::size_t kMaxOperations = 200;

struct Operation {
    Uuid opId;
    std::string entity; // work_order | defect_report
    Uuid rowId;
    std::int64_t baseVersion = 0; // 0: the replica created the row
    Json fields;
    Json baseValues = Json::object();
    std::optional<Instant> clientTime; // shown in conflict records; never decides anything
};

struct Batch {
    Uuid clientId;
    Uuid batchId;
    std::vector<Operation> operations;
};

// The batch, or validation_failed naming each bad member ("operations[3].row_id"). Nothing of
// a malformed batch is applied: its shape is the client's bug, not a refused edit.
Result<Batch> readBatch(const http::ApiRequest& r)
{
    auto body = bodyObject(r);
    if (!body) return body.error();
    BodyReader b(*body);
    b.onlyKnown({"client_id", "batch_id", "operations"});
    Batch batch;
    auto clientId = b.uuid("client_id", true);
    auto batchId = b.uuid("batch_id", true);
    const auto ops = body->find("operations");
    std::vector<FieldError> errors;
    if (ops == body->end() || ops->is_null()) {
        b.add("operations", codes::Required);
    } else if (!ops->is_array()) {
        b.add("operations", codes::WrongType, {{"expected", "array"}});
    } else if (ops->size() > kMaxOperations) {
        b.add("operations", codes::TooLong, {{"max", std::to_string(kMaxOperations)}});
    } else {
        std::set<Uuid> opIds;
        for (std::size_t i = 0; i < ops->size(); ++i) {
            const Json& item = (*ops)[i];
            const std::string path = "operations[" + std::to_string(i) + "]";
            if (!item.is_object()) {
                errors.push_back(FieldError{path, std::string(codes::WrongType), {{"expected", "object"}}});
                continue;
            }
            BodyReader o(item);
            o.onlyKnown({"op_id", "entity", "row_id", "base_version", "fields", "base_values", "client_time"});
            Operation op;
            auto opId = o.uuid("op_id", true);
            auto entity = o.text("entity", true);
            auto rowId = o.uuid("row_id", true);
            const Json* fields = o.object("fields", true);
            const Json* baseValues = o.object("base_values");
            op.clientTime = o.instant("client_time");
            if (entity && *entity != "work_order" && *entity != "defect_report")
                o.add("entity", codes::InvalidEnum, {{"value", *entity}});
            auto version = item.find("base_version");
            if (version == item.end() || version->is_null())
                o.add("base_version", codes::Required);
            else if (!version->is_number_integer())
                o.add("base_version", codes::WrongType, {{"expected", "integer"}});
            else if (version->get<std::int64_t>() < 0)
                o.add("base_version", codes::OutOfRange, {{"min", "0"}});
            else
                op.baseVersion = version->get<std::int64_t>();
            if (opId && !opIds.insert(*opId).second) o.add("op_id", codes::Duplicate);
            if (auto s = o.finish(); !s) {
                for (auto& f : nested(s.error(), path, false).fields) errors.push_back(std::move(f));
                continue;
            }
            op.opId = *opId;
            op.entity = *entity;
            op.rowId = *rowId;
            op.fields = *fields;
            if (baseValues) op.baseValues = *baseValues;
            batch.operations.push_back(std::move(op));
        }
    }
    if (auto shape = b.finish(); !shape) {
        Error e = shape.error();
        for (auto& f : errors) e.fields.push_back(std::move(f));
        return e;
    }
    if (!errors.empty()) return Error::validation(std::move(errors));
    batch.clientId = *clientId;
    batch.batchId = *batchId;
    return batch;
}

// {"code", "status", "params"?, "errors": [...]}: a problem document without the request's
// identity, so a replayed answer is byte for byte the first one.
Json errorJson(const Error& e)
{
    Json j = {{"code", e.code}, {"status", http::statusFor(e.code)}};
    if (!e.params.empty()) j["params"] = e.params;
    Json errors = Json::array();
    for (const auto& f : e.fields) {
        Json fe = {{"field", f.field}, {"code", f.code}};
        if (!f.params.empty()) fe["params"] = f.params;
        errors.push_back(std::move(fe));
    }
    j["errors"] = std::move(errors);
    return j;
}

// What one operation came to.
struct Outcome {
    std::string outcome; // applied | unchanged (refused ones are Errors)
    std::int64_t rowVersion = 0;
    Json conflicts = Json::array();
    std::optional<Error> statusError; // the status could not be taken; the rest was
};

class Pusher {
public:
    Pusher(store::Tx& tx, const User& user, const Batch& batch) : m_tx(tx), m_user(user), m_batch(batch) {}

    Result<Outcome> apply(const Operation& op)
    {
        if (op.entity == "work_order") return applyOrder(op);
        return applyReport(op);
    }

private:
    Result<Outcome> applyOrder(const Operation& op)
    {
        store::WorkOrderRepository repo;
        auto current = repo.get(m_tx, op.rowId, true);
        if (!current) {
            if (op.baseVersion != 0) return notFound();
            if (isCrew(m_user)) return Error::of(std::string(http::codes::Forbidden), {{"role", "field_crew"}});
            auto created = createWorkOrder(m_tx, op.fields, Json::object(), {}, op.rowId);
            if (!created) return created.error();
            return Outcome{"applied", created->meta.rowVersion, Json::array(), std::nullopt};
        }
        // Another crew's order: the crew member learns only that it is not theirs.
        if (!seesOrder(m_user, *current)) return Error::of(std::string(codes::NotAssignedCrew));
        return merge(op, repo, *current, [&](WorkOrder& next, std::vector<FieldError>& problems) {
            checkOrderReferences(m_tx, next, problems, &*current);
        });
    }

    Result<Outcome> applyReport(const Operation& op)
    {
        store::DefectReportRepository repo;
        auto current = repo.get(m_tx, op.rowId, true);
        if (!current) {
            if (op.baseVersion != 0) return notFound();
            return createReport(op);
        }
        // A report the caller may not see is reported missing, so its existence stays hidden.
        if (!seesReport(m_tx, m_user, *current)) return notFound();
        return merge(op, repo, *current, [&](DefectReport& next, std::vector<FieldError>& problems) {
            checkReportAsset(next, current->assetId, problems);
        });
    }

    // A report made offline: the same rules say which members the caller may set (the merge
    // against an empty row), the server sets who and when (its own clock: a laptop's may be
    // off by years).
    Result<Outcome> createReport(const Operation& op)
    {
        sync::Edit edit{op.entity, m_user.role, 0, op.fields, op.baseValues};
        auto merged = sync::mergeEdit(edit, sync::ServerRow{Json::object(), [](std::string_view) { return sync::FieldHistory{}; }});
        if (!merged) return merged.error();
        const Json defaults = {{"reported_at", formatInstant(m_tx.now())},
                               {"source", isCrew(m_user) ? "crew" : "dispatcher"},
                               {"status", "new"}};
        auto report = decodeNew<DefectReport>(merged->changes, op.rowId, {}, defaults);
        if (!report) return report.error();
        report->reportedBy = m_user.id;
        std::vector<FieldError> problems;
        checkReportAsset(*report, std::nullopt, problems);
        checkPhotos(report->photos, {}, problems);
        if (!problems.empty()) return Error::validation(std::move(problems));
        auto inserted = store::DefectReportRepository().insert(m_tx, std::move(*report));
        if (!inserted) return inserted.error();
        return Outcome{"applied", inserted->meta.rowVersion, Json::array(), std::nullopt};
    }

    // A new or changed asset must exist and, for a crew, be one they can see.
    void checkReportAsset(const DefectReport& next, const std::optional<Uuid>& before, std::vector<FieldError>& problems)
    {
        if (!next.assetId || next.assetId == before) return;
        const bool visible = isCrew(m_user) ? seesAssetId(m_tx, m_user, *next.assetId)
                                            : store::AssetRepository().get(m_tx, *next.assetId).ok();
        if (!visible)
            problems.push_back(FieldError{"asset_id", std::string(codes::NotFound), {{"value", next.assetId->toString()}}});
    }

    // Photos must be on the server before a row names them (uploaded first, DESIGN §5).
    void checkPhotos(const std::vector<std::string>& now, const std::vector<std::string>& before,
                     std::vector<FieldError>& problems)
    {
        std::set<std::string> added;
        for (const auto& h : now)
            if (std::find(before.begin(), before.end(), h) == before.end()) added.insert(h);
        const auto missing = store::missingPhotos(m_tx, added);
        for (std::size_t i = 0; i < now.size(); ++i)
            if (missing.count(now[i]))
                problems.push_back(FieldError{"photos[" + std::to_string(i) + "]", std::string(codes::NotFound),
                                              {{"sha256", now[i]}}});
    }

    // The edit merged into the row as it is now (deleted or not), checked like any write of
    // the entity, its conflicts recorded.
    template <class Repo, class Check>
    Result<Outcome> merge(const Operation& op, Repo& repo, const EntityOf<Repo>& current, Check check)
    {
        using Entity = EntityOf<Repo>;
        // A create the server already has (a re-push after a restore kept the row): an edit
        // made on the row as first stored.
        const std::int64_t base = op.baseVersion == 0 ? 1 : op.baseVersion;
        auto versions = repo.fieldVersions(m_tx, op.rowId);
        if (!versions) return versions.error();
        const sync::ServerRow server{wire::toJson(current),
                                     store::fieldHistory(m_tx, op.entity, op.rowId, *versions, base,
                                                         m_batch.clientId.toString())};
        const sync::Edit edit{op.entity, m_user.role, base, op.fields, op.baseValues};
        auto merged = sync::mergeEdit(edit, server);
        if (!merged) return merged.error();

        Json next = server.row;
        for (const auto& [field, value] : merged->changes.items())
            if (field != "status" || !std::is_same_v<Entity, WorkOrder>) next[field] = value;
        auto entity = wire::fromJson<Entity>(next, wire::UnknownFields::Refuse);
        if (!entity) return entity.error();
        entity->meta = current.meta;

        std::vector<sync::Conflict> conflicts = std::move(merged->conflicts);
        std::optional<Error> statusError = merged->refusedStatus;
        if constexpr (std::is_same_v<Entity, WorkOrder>) {
            stampNewNotes(*entity, current);
            walkStatus(*entity, *merged, op, conflicts, statusError);
        }

        std::vector<FieldError> problems = validateEntity(*entity);
        check(*entity, problems);
        checkPhotos(entity->photos, current.photos, problems);
        if (!problems.empty()) return Error::validation(std::move(problems));

        auto updated = repo.update(m_tx, std::move(*entity), current.meta.rowVersion, true);
        if (!updated) return updated.error();
        Outcome out{updated->meta.rowVersion != current.meta.rowVersion ? "applied" : "unchanged",
                    updated->meta.rowVersion, Json::array(), std::move(statusError)};
        for (const auto& c : conflicts) out.conflicts.push_back(record(op, c, out.rowVersion));
        return out;
    }

    // A note is the pusher's (authorship is never taken from the body), written when the laptop
    // says, but never before the order existed nor after the server's now: a laptop clock
    // off by years must not put a note in the future or in another decade.
    void stampNewNotes(WorkOrder& order, const WorkOrder& before)
    {
        for (auto& n : order.notes) {
            const bool isNew = std::none_of(before.notes.begin(), before.notes.end(), [&](const WorkNote& b) { return b.id == n.id; });
            if (!isNew) continue;
            n.authorId = m_user.id;
            n.at = std::clamp(n.at, before.meta.createdAt, m_tx.now());
        }
    }

    // The merged status reached one transition at a time, each checked on the order as merged
    // (a crew's completion needs its actual end). Where a step is refused the order stays at
    // the last status reached, the rest of the edit stands, and the office gets a
    // no_transition conflict with the status the crew sent.
    void walkStatus(WorkOrder& order, const sync::Merged& merged, const Operation& op, std::vector<sync::Conflict>& conflicts,
                    std::optional<Error>& statusError)
    {
        if (merged.statusPath.empty()) return;
        const rules::Actor actor{m_user.id, m_user.role, m_user.crewId};
        for (WorkOrderStatus step : merged.statusPath) {
            if (auto allowed = rules::checkTransition(order, step, actor, order.holdReason); !allowed) {
                statusError = allowed.error();
                std::erase_if(conflicts, [](const sync::Conflict& c) { return c.field == "status"; });
                conflicts.push_back(sync::Conflict{"status", op.baseValues.value("status", Json(nullptr)),
                                                   Json(std::string(enumName(order.status))), merged.changes.at("status"),
                                                   std::string(sync::rule::NoTransition), false});
                return;
            }
            order.status = step;
            if (step == WorkOrderStatus::Verified) order.verifiedBy = m_user.id;
        }
    }

    Json record(const Operation& op, const sync::Conflict& c, std::int64_t rowVersion)
    {
        store::ConflictRecord r;
        r.id = m_tx.ids().next();
        r.entity = op.entity;
        r.rowId = op.rowId;
        r.field = c.field;
        r.baseValue = c.baseValue;
        r.serverValue = c.serverValue;
        r.clientValue = c.clientValue;
        r.rule = c.rule;
        r.clientWon = c.clientWon;
        r.rowVersion = rowVersion;
        r.userId = m_user.id.toString();
        r.side = sync::sideOf(m_user.role);
        r.clientId = m_batch.clientId.toString();
        r.opId = op.opId.toString();
        r.clientTime = op.clientTime;
        r.createdAt = m_tx.now();
        store::insertConflict(m_tx, r);
        return Json{{"id", r.id.toString()}, {"field", r.field}, {"rule", r.rule}, {"client_won", r.clientWon}};
    }

    store::Tx& m_tx;
    const User& m_user;
    const Batch& m_batch;
};

// The batch applied in the caller's transaction; the answer as stored.
Result<std::string> applyBatch(store::Tx& tx, const User& user, const Batch& batch)
{
    if (auto seen = store::findBatch(tx, batch.batchId)) {
        // The same key from another user is not a retry: refused, the stored answer is theirs.
        if (seen->userId != user.id.toString())
            return Error::validation({FieldError{"batch_id", std::string(codes::Duplicate), {}}});
        return seen->response;
    }
    if (auto claimed = store::claimBatch(tx, batch.batchId, batch.clientId, user.id.toString()); !claimed)
        return claimed.error();

    // Each operation reads, merges and writes its row. On PostgreSQL another push (or any
    // write) of the same row could commit between the read and the write and the write would
    // be refused as version_conflict; the batch's rows are locked first, in one order, so
    // concurrent laptops wait for each other instead and merge on each other's result.
    std::vector<Uuid> orders, reports;
    for (const auto& op : batch.operations) (op.entity == "work_order" ? orders : reports).push_back(op.rowId);
    store::WorkOrderRepository().lockRows(tx, std::move(orders));
    store::DefectReportRepository().lockRows(tx, std::move(reports));

    Pusher pusher(tx, user, batch);
    Json results = Json::array();
    for (const auto& op : batch.operations) {
        auto outcome = tx.attempt([&] { return pusher.apply(op); });
        Json result = {{"op_id", op.opId.toString()}};
        if (!outcome) {
            result["outcome"] = "refused";
            result["error"] = errorJson(outcome.error());
        } else {
            result["outcome"] = outcome->outcome;
            result["row_version"] = outcome->rowVersion;
            result["conflicts"] = std::move(outcome->conflicts);
            if (outcome->statusError) result["status_error"] = errorJson(*outcome->statusError);
        }
        results.push_back(std::move(result));
    }
    // The batch's own change-log numbers, taken now (last, as Store::write would) so the
    // stored answer can say where its writes are.
    const std::int64_t lastSeq = tx.flushChangeLog();
    const Json answer = {{"batch_id", batch.batchId.toString()},
                         {"epoch", store::readSyncState(tx).epoch},
                         {"last_seq", lastSeq},
                         {"results", std::move(results)}};
    std::string text = wire::toJsonText(answer);
    store::saveBatchResponse(tx, batch.batchId, text);
    return text;
}

Result<http::Reply> push(ApiContext& ctx, const http::ApiRequest& r)
{
    if (auto s = checkProtocol(r); !s) return s.error();
    auto batch = readBatch(r);
    if (!batch) return batch.error();
    const User& user = r.caller();
    // This replica's writes are recorded as its own (a later edit of the same laptop builds
    // on its earlier one; see store::fieldHistory).
    store::ActingAs acting{store::Actor{user.id.toString(), sync::sideOf(user.role), batch->clientId.toString()}};
    auto answer = ctx.store.write([&](store::Tx& tx) { return applyBatch(tx, user, *batch); });
    // The same batch pushed on another connection at the same moment (PostgreSQL: the key's
    // insert waited for the other transaction and then failed): its answer is the stored one.
    if (!answer && answer.error().code == codes::Duplicate)
        answer = ctx.store.write([&](store::Tx& tx) { return applyBatch(tx, user, *batch); });
    if (!answer) return answer.error();
    return http::Reply::text(200, "application/json", std::move(*answer));
}

} // namespace

void registerSyncPushRoutes(http::Router& router, ApiContext& ctx)
{
    router.add({"POST", std::string(kApiPrefix) + "/sync/push", "sync.push", http::Access::anyUser(),
                [&ctx](http::ApiRequest& r) { return push(ctx, r); }});
}

} // namespace yanghu::api
