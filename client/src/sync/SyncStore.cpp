// SPDX-License-Identifier: MIT
#include "sync/SyncStore.h"

#include "replica/LocalApply.h"
#include "replica/RowStore.h"
#include "replica/Sql.h"
#include "sync/SyncCodes.h"

#include "yanghu/core/sync/Merge.h"
#include "yanghu/core/wire/JsonText.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <set>
#include <tuple>
#include <utility>

namespace yanghu::client {

namespace {

using Json = nlohmann::json;
using RowKey = std::pair<std::string, std::string>; // (entity, id)

Error badAnswer(const std::string& detail) { return Error::of(std::string(codes::BadAnswer), {{"detail", detail}}); }

QString text(const Json& j) { return sql::qs(wire::toJsonText(j)); }

// What a pushed operation's JSON looks like on the wire (see the push contract).
Json wireOperation(const OutboxEntry& op)
{
    Json j = {{"op_id", op.opId},       {"entity", op.entity}, {"row_id", op.rowId}, {"base_version", op.baseVersion},
              {"fields", op.fields},    {"client_time", op.clientTime}};
    if (op.baseValues.is_object() && !op.baseValues.empty()) j["base_values"] = op.baseValues;
    return j;
}

Result<std::set<RowKey>> liveRowKeys(const QSqlDatabase& db)
{
    auto q = sql::run(db, QStringLiteral("SELECT DISTINCT entity, row_id FROM outbox WHERE state <> 'done'"));
    if (!q) return q.error();
    std::set<RowKey> keys;
    while (q->next()) keys.emplace(sql::str(q->value(0)), sql::str(q->value(1)));
    return keys;
}

} // namespace

Result<std::optional<PushBatch>> SyncStore::nextBatch(int maxOperations, std::size_t maxBytes)
{
    return m_replica.write([&]() -> Result<std::optional<PushBatch>> {
        // An unanswered batch first, exactly as it was sent.
        auto sent = m_replica.outboxWhere(QStringLiteral("state = 'sent'"), {}, 1);
        if (!sent) return sent.error();
        if (!sent->empty() && sent->front().batchId) {
            PushBatch batch{*sent->front().batchId, {}};
            auto ops = m_replica.outboxWhere(QStringLiteral("state = 'sent' AND batch_id = ?"), {sql::qs(batch.batchId)});
            if (!ops) return ops.error();
            batch.operations = std::move(*ops);
            return std::optional<PushBatch>(std::move(batch));
        }
        auto pending = m_replica.outboxWhere(QStringLiteral("state = 'pending'"), {}, maxOperations);
        if (!pending) return pending.error();
        if (pending->empty()) return std::optional<PushBatch>();
        PushBatch batch{m_replica.ids().next().toString(), {}};
        std::size_t bytes = 0;
        // A batch writes each owned member (or status) of a row at most once, so that an
        // operation sent again after a transient refusal (SyncSession: version_conflict) can
        // never be overtaken by a later write of the same member that the batch applied.
        // Lines (append-only unions) never collide.
        std::set<std::tuple<std::string, std::string, std::string>> written; // (entity, row, member)
        for (auto& op : *pending) {
            bool collides = false;
            std::vector<std::tuple<std::string, std::string, std::string>> members;
            for (const auto& [field, value] : op.fields.items()) {
                (void)value;
                const auto* rule = sync::findRule(op.entity, field);
                if (rule && rule->kind == sync::MergeKind::AppendOnly) continue;
                members.emplace_back(op.entity, op.rowId, field);
                collides = collides || written.count(members.back()) > 0;
            }
            bytes += wire::toJsonText(wireOperation(op)).size();
            if (!batch.operations.empty() && (bytes > maxBytes || collides)) break;
            written.insert(members.begin(), members.end());
            op.batchId = batch.batchId;
            op.state = "sent";
            auto q = sql::run(m_replica.database(), QStringLiteral("UPDATE outbox SET state = 'sent', batch_id = ? WHERE seq = ?"),
                              {sql::qs(batch.batchId), static_cast<qint64>(op.seq)});
            if (!q) return q.error();
            batch.operations.push_back(std::move(op));
        }
        return std::optional<PushBatch>(std::move(batch));
    });
}

Json pushBody(const std::string& clientId, const PushBatch& batch)
{
    Json ops = Json::array();
    for (const auto& op : batch.operations) ops.push_back(wireOperation(op));
    return Json{{"client_id", clientId}, {"batch_id", batch.batchId}, {"operations", std::move(ops)}};
}

Status SyncStore::refuse(const OutboxEntry& op, const Json& error, bool partial)
{
    const QSqlDatabase& db = m_replica.database();
    Json fields = op.fields;
    if (partial) fields = Json{{"status", op.fields.value("status", Json())}};
    auto q = sql::run(db,
                      QStringLiteral("INSERT INTO refused (op_id, partial, entity, row_id, base_version, fields, client_time, "
                                     "error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                      {sql::qs(op.opId), partial ? 1 : 0, sql::qs(op.entity), sql::qs(op.rowId),
                       static_cast<qint64>(op.baseVersion), text(fields), sql::qs(op.clientTime), text(error)});
    if (!q) return q.error();
    if (partial) return success();
    auto removed = sql::run(db, QStringLiteral("DELETE FROM outbox WHERE seq = ?"), {static_cast<qint64>(op.seq)});
    if (!removed) return removed.error();
    return success();
}

Result<PushOutcome> SyncStore::applyAnswer(const PushBatch& batch, const Json& answer, const std::set<std::string>& retry)
{
    if (!answer.is_object() || !answer.contains("results") || !answer["results"].is_array() ||
        !answer.contains("epoch") || !answer["epoch"].is_string() || !answer.contains("last_seq") ||
        !answer["last_seq"].is_number_integer())
        return badAnswer("push answer");
    std::map<std::string, const Json*> results;
    for (const auto& r : answer["results"])
        if (r.is_object() && r.contains("op_id") && r["op_id"].is_string()) results[r["op_id"].get<std::string>()] = &r;
    const std::string epoch = answer["epoch"].get<std::string>();
    const qint64 lastSeq = answer["last_seq"].get<std::int64_t>();

    return m_replica.write([&]() -> Result<PushOutcome> {
        const QSqlDatabase& db = m_replica.database();
        PushOutcome out;
        std::set<RowKey> touched;
        for (const auto& op : batch.operations) {
            auto found = results.find(op.opId);
            if (found == results.end()) return badAnswer("no result for operation " + op.opId);
            const Json& r = *found->second;
            const std::string outcome = r.value("outcome", std::string());
            touched.emplace(op.entity, op.rowId);
            if (outcome == "refused" && retry.count(op.opId)) {
                auto q = sql::run(db, QStringLiteral("UPDATE outbox SET state = 'pending', batch_id = NULL WHERE seq = ?"),
                                  {static_cast<qint64>(op.seq)});
                if (!q) return q.error();
                ++out.retried;
                continue;
            }
            if (outcome == "refused") {
                if (auto s = refuse(op, r.value("error", Json::object()), false); !s) return s.error();
                ++out.refused;
                continue;
            }
            if (outcome != "applied" && outcome != "unchanged") return badAnswer("outcome of " + op.opId);
            auto q = sql::run(db,
                              QStringLiteral("UPDATE outbox SET state = 'acked', acked_epoch = ?, acked_seq = ?, "
                                             "acked_version = ?, outcome = ?, recheck = 0 WHERE seq = ?"),
                              {sql::qs(epoch), lastSeq, static_cast<qint64>(r.value("row_version", std::int64_t{0})),
                               sql::qs(outcome), static_cast<qint64>(op.seq)});
            if (!q) return q.error();
            ++out.acknowledged;
            for (const auto& c : r.value("conflicts", Json::array())) {
                if (!c.is_object() || !c.contains("id")) continue;
                auto saved = sql::run(db,
                                      QStringLiteral("INSERT OR IGNORE INTO sync_conflict (id, op_id, entity, row_id, field, "
                                                     "rule, client_won) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                                      {sql::qs(c.value("id", std::string())), sql::qs(op.opId), sql::qs(op.entity),
                                       sql::qs(op.rowId), sql::qs(c.value("field", std::string())),
                                       sql::qs(c.value("rule", std::string())), c.value("client_won", false) ? 1 : 0});
                if (!saved) return saved.error();
                ++out.conflicts;
            }
            // Applied, except the status the crew sent: shown to the user like a refusal.
            if (r.contains("status_error"))
                if (auto s = refuse(op, r["status_error"], true); !s) return s.error();
        }
        RowWriter writer(db);
        for (const auto& [entity, id] : touched)
            if (auto s = settleRow(db, writer, entity, id); !s) return s.error();
        if (auto s = retireAcknowledged(); !s) return s.error();
        return out;
    });
}

Result<int> SyncStore::refuseInBatch(const PushBatch& batch, const std::map<std::size_t, Json>& errors)
{
    return m_replica.write([&]() -> Result<int> {
        const QSqlDatabase& db = m_replica.database();
        RowWriter writer(db);
        int refused = 0;
        for (std::size_t i = 0; i < batch.operations.size(); ++i) {
            const auto& op = batch.operations[i];
            auto e = errors.find(i);
            if (e != errors.end()) {
                if (auto s = refuse(op, e->second, false); !s) return s.error();
                if (auto s = settleRow(db, writer, op.entity, op.rowId); !s) return s.error();
                ++refused;
            } else {
                auto q = sql::run(db, QStringLiteral("UPDATE outbox SET state = 'pending', batch_id = NULL WHERE seq = ?"),
                                  {static_cast<qint64>(op.seq)});
                if (!q) return q.error();
            }
        }
        return refused;
    });
}

Status SyncStore::requeue(const PushBatch& batch)
{
    return m_replica.write([&]() -> Status {
        auto q = sql::run(m_replica.database(),
                          QStringLiteral("UPDATE outbox SET state = 'pending', batch_id = NULL WHERE state = 'sent' AND batch_id = ?"),
                          {sql::qs(batch.batchId)});
        if (!q) return q.error();
        return success();
    });
}

// An acknowledged operation leaves the outbox once the cursor, in the epoch it was
// acknowledged in, has passed the batch's last change-log entry: the pulled rows contain it.
// Operations to re-check after a restore wait for the reconciliation instead.
Status SyncStore::retireAcknowledged()
{
    const QSqlDatabase& db = m_replica.database();
    auto cursor = m_replica.cursor();
    if (!cursor) return cursor.error();
    if (!cursor->epoch) return success();
    const QString where = QStringLiteral("state = 'acked' AND recheck = 0 AND acked_epoch = ? AND acked_seq <= ?");
    const QVariantList binds{sql::qs(*cursor->epoch), static_cast<qint64>(cursor->since)};
    auto keys = sql::run(db, QStringLiteral("SELECT DISTINCT entity, row_id FROM outbox WHERE ") + where, binds);
    if (!keys) return keys.error();
    std::vector<RowKey> rows;
    while (keys->next()) rows.emplace_back(sql::str(keys->value(0)), sql::str(keys->value(1)));
    if (rows.empty()) return success();
    auto done = sql::run(db, QStringLiteral("UPDATE outbox SET state = 'done' WHERE ") + where, binds);
    if (!done) return done.error();
    RowWriter writer(db);
    for (const auto& [entity, id] : rows)
        if (auto s = settleRow(db, writer, entity, id); !s) return s;
    return success();
}

// The page's rows, then the cursor after them, in ONE transaction: a crash anywhere before
// COMMIT leaves neither, so the next pull asks for the same page again (no gap), and a row
// applied twice is the same upsert (no duplicate).
//  - A row without live operations replaces the replica's row.
//  - A row with live operations becomes the row's server version; the operations are laid
//    on top again (RowStore's settleRow), so a pull never overwrites a local edit.
//  - out_of_scope: the row is removed, unless it has live operations (then marked).
Result<PageOutcome> SyncStore::applyPage(const PulledPage& page)
{
    return m_replica.write([&]() -> Result<PageOutcome> {
        const QSqlDatabase& db = m_replica.database();
        auto live = liveRowKeys(db);
        if (!live) return live.error();
        RowWriter writer(db);
        PageOutcome out;
        for (const QJsonValue& value : page.rows) {
            const QJsonObject item = value.toObject();
            const QString entity = item.value(QLatin1String("entity")).toString();
            if (entity.isEmpty()) return badAnswer("pulled row without entity");
            const std::string entityName = entity.toStdString();
            if (item.value(QLatin1String("out_of_scope")).toBool()) {
                const std::string id = item.value(QLatin1String("id")).toString().toStdString();
                if (live->count({entityName, id})) {
                    auto q = sql::run(db, QStringLiteral("UPDATE replica_row SET out_of_scope = 1 WHERE entity = ? AND id = ?"),
                                      {entity, sql::qs(id)});
                    if (!q) return q.error();
                } else if (auto s = removeRow(db, entityName, id); !s) {
                    return s.error();
                }
                ++out.rows;
                continue;
            }
            const QJsonObject row = item.value(QLatin1String("row")).toObject();
            const QJsonValue id = row.value(QLatin1String("id"));
            const QJsonValue version = row.value(QLatin1String("row_version"));
            if (!id.isString() || !version.isDouble()) return badAnswer("pulled row of " + entityName);
            ServerRowText text{entity,
                               id.toString(),
                               version.toInteger(),
                               row.value(QLatin1String("deleted")).toBool(),
                               QString::fromUtf8(QJsonDocument(row).toJson(QJsonDocument::Compact)),
                               indexedColumns(entityName, row)};
            if (auto s = writer.save(text); !s) return s.error();
            // A row with live operations: the server's version aside, the edits on top again.
            if (live->count({entityName, text.id.toStdString()})) {
                auto parsed = sql::json(text.body);
                if (!parsed) return parsed.error();
                StoredRow stored;
                stored.entity = entityName;
                stored.id = text.id.toStdString();
                stored.rowVersion = text.rowVersion;
                stored.body = *parsed;
                stored.serverBody = std::move(*parsed);
                if (auto s = writer.save(stored); !s) return s.error();
                if (auto s = settleRow(db, writer, entityName, stored.id); !s) return s.error();
            }
            ++out.rows;
        }
        m_replica.fault("pull:page-applied");
        out.complete = !page.hasMore;
        auto q = sql::run(db,
                          QStringLiteral("UPDATE sync_cursor SET epoch = ?, since = ?, scope = ?, complete = ? WHERE id = 1"),
                          {sql::qs(page.epoch), static_cast<qint64>(page.nextSince), sql::qs(page.scope), out.complete ? 1 : 0});
        if (!q) return q.error();
        m_replica.fault("pull:cursor-saved");
        if (auto s = retireAcknowledged(); !s) return s.error();
        if (out.complete) {
            auto cursor = m_replica.cursor();
            if (!cursor) return cursor.error();
            if (cursor->reconcile) {
                auto requeued = reconcile(page.epoch);
                if (!requeued) return requeued.error();
                out.requeued = *requeued;
            }
        }
        auto pruned = sql::run(db, QStringLiteral("DELETE FROM outbox WHERE state = 'done' AND recheck = 0 AND seq <= "
                                                  "(SELECT seq FROM outbox WHERE state = 'done' ORDER BY seq DESC LIMIT 1 OFFSET ?)"),
                               {kJournalKeep});
        if (!pruned) return pruned.error();
        return out;
    });
}

Status SyncStore::startResync(const std::string& reason, const std::string& epoch)
{
    return m_replica.write([&]() -> Status {
        const QSqlDatabase& db = m_replica.database();
        // A restore lost history: every acknowledgement from before it is in doubt (with the
        // same epoch, cursor_ahead, all of them; with a new epoch, those of other epochs).
        const bool restored = reason == "epoch_changed" || reason == "cursor_ahead";
        if (restored) {
            auto q = sql::run(db,
                              reason == "cursor_ahead"
                                  ? QStringLiteral("UPDATE outbox SET recheck = 1 WHERE state IN ('acked', 'done')")
                                  : QStringLiteral("UPDATE outbox SET recheck = 1 WHERE state IN ('acked', 'done') AND "
                                                   "(acked_epoch IS NULL OR acked_epoch <> ?)"),
                              reason == "cursor_ahead" ? QVariantList{} : QVariantList{sql::qs(epoch)});
            if (!q) return q.error();
        }
        for (const char* statement :
             {"DELETE FROM replica_row WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.state <> 'done' AND "
              "o.entity = replica_row.entity AND o.row_id = replica_row.id)",
              "UPDATE replica_row SET fresh = 0"}) {
            if (auto q = sql::run(db, QString::fromLatin1(statement)); !q) return q.error();
        }
        auto q = sql::run(db,
                          QStringLiteral("UPDATE sync_cursor SET epoch = NULL, since = 0, scope = NULL, complete = 0, "
                                         "reconcile = COALESCE(?, reconcile) WHERE id = 1"),
                          {restored ? QVariant(sql::qs(reason)) : QVariant()});
        if (!q) return q.error();
        return success();
    });
}

// After a complete download following a restore: each acknowledged operation in doubt is
// compared with what the download brought. Shown entirely: it stays in the journal. Missing
// in part or whole: the missing members are queued again (as pending, oldest first by its
// original seq), made on top of the downloaded version; a row the download lacks gets the
// operation as first made (a report created here is created again).
Result<int> SyncStore::reconcile(const std::string& epoch)
{
    const QSqlDatabase& db = m_replica.database();
    auto ops = m_replica.outboxWhere(QStringLiteral("recheck = 1"));
    if (!ops) return ops.error();
    RowWriter writer(db);
    int requeued = 0;
    std::set<RowKey> touched;
    for (const auto& op : *ops) {
        auto loaded = loadRow(db, op.entity, op.rowId);
        if (!loaded) return loaded.error();
        const bool downloaded = *loaded && (*loaded)->fresh;
        const Json server = downloaded ? ((*loaded)->serverBody ? *(*loaded)->serverBody : (*loaded)->body) : Json::object();
        const Json unseen = downloaded ? unseenMembers(op.entity, server, op.fields) : op.fields;
        if (unseen.empty()) {
            auto q = sql::run(db, QStringLiteral("UPDATE outbox SET state = 'done', recheck = 0, acked_epoch = ? WHERE seq = ?"),
                              {sql::qs(epoch), static_cast<qint64>(op.seq)});
            if (!q) return q.error();
            continue;
        }
        Json baseValues = Json::object();
        if (downloaded) {
            for (const auto& [field, value] : unseen.items()) {
                (void)value;
                const auto* rule = sync::findRule(op.entity, field);
                if (rule && rule->kind != sync::MergeKind::AppendOnly) baseValues[field] = server.value(field, Json());
            }
        }
        const qint64 base = downloaded ? (*loaded)->rowVersion : op.baseVersion;
        auto q = sql::run(db,
                          QStringLiteral("UPDATE outbox SET state = 'pending', batch_id = NULL, fields = ?, base_values = ?, "
                                         "base_version = ?, acked_epoch = NULL, acked_seq = NULL, acked_version = NULL, "
                                         "outcome = NULL, recheck = 0 WHERE seq = ?"),
                          {text(unseen), text(baseValues), base, static_cast<qint64>(op.seq)});
        if (!q) return q.error();
        ++requeued;
        if (*loaded) touched.emplace(op.entity, op.rowId);
    }
    for (const auto& [entity, id] : touched)
        if (auto s = settleRow(db, writer, entity, id); !s) return s.error();
    auto cleared = sql::run(db, QStringLiteral("UPDATE sync_cursor SET reconcile = NULL WHERE id = 1"));
    if (!cleared) return cleared.error();
    return requeued;
}

Result<std::vector<PendingPhoto>> SyncStore::pendingPhotos()
{
    auto q = sql::run(m_replica.database(), QStringLiteral("SELECT sha256, path, size, content_type FROM photo_upload "
                                                           "WHERE state = 'pending' ORDER BY rowid"));
    if (!q) return q.error();
    std::vector<PendingPhoto> out;
    while (q->next())
        out.push_back(PendingPhoto{q->value(0).toString(), q->value(1).toString(), q->value(2).toLongLong(),
                                   q->value(3).toString()});
    return out;
}

Status SyncStore::photoUploaded(const QString& sha256, qint64 offset, bool complete)
{
    return m_replica.write([&]() -> Status {
        auto q = sql::run(m_replica.database(),
                          QStringLiteral("UPDATE photo_upload SET uploaded_offset = ?, state = ? WHERE sha256 = ?"),
                          {offset, complete ? QStringLiteral("uploaded") : QStringLiteral("pending"), sha256});
        if (!q) return q.error();
        return success();
    });
}

Status SyncStore::photoFailed(const QString& sha256, const Json& error)
{
    return m_replica.write([&]() -> Status {
        auto q = sql::run(m_replica.database(),
                          QStringLiteral("UPDATE photo_upload SET state = 'failed', error = ? WHERE sha256 = ?"),
                          {text(error), sha256});
        if (!q) return q.error();
        return success();
    });
}

} // namespace yanghu::client
