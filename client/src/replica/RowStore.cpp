// SPDX-License-Identifier: MIT
#include "replica/RowStore.h"

#include "replica/LocalApply.h"
#include "replica/Sql.h"

#include "yanghu/core/wire/Codec.h"
#include "yanghu/core/wire/JsonText.h"

#include <QSqlError>

namespace yanghu::client {

RowWriter::RowWriter(const QSqlDatabase& db) : m_db(db), m_upsert(db) {}

Status RowWriter::save(const StoredRow& row)
{
    if (!m_prepared) {
        if (!m_upsert.prepare(QStringLiteral(
                "INSERT INTO replica_row (entity, id, row_version, deleted, out_of_scope, fresh, body, server_body, "
                "crew_id, day, status, street_id, asset_id, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (entity, id) DO UPDATE SET row_version = excluded.row_version, "
                "deleted = excluded.deleted, out_of_scope = excluded.out_of_scope, fresh = excluded.fresh, "
                "body = excluded.body, server_body = excluded.server_body, crew_id = excluded.crew_id, "
                "day = excluded.day, status = excluded.status, street_id = excluded.street_id, "
                "asset_id = excluded.asset_id, kind = excluded.kind")))
            return sql::failure(QStringLiteral("prepare row upsert"), m_upsert.lastError().text());
        m_prepared = true;
    }
    const IndexedColumns c = indexedColumns(row.entity, row.body);
    m_upsert.bindValue(0, sql::qs(row.entity));
    m_upsert.bindValue(1, sql::qs(row.id));
    m_upsert.bindValue(2, static_cast<qint64>(row.rowVersion));
    m_upsert.bindValue(3, row.body.value("deleted", false) ? 1 : 0);
    m_upsert.bindValue(4, row.outOfScope ? 1 : 0);
    m_upsert.bindValue(5, row.fresh ? 1 : 0);
    m_upsert.bindValue(6, sql::qs(wire::toJsonText(row.body)));
    m_upsert.bindValue(7, row.serverBody ? QVariant(sql::qs(wire::toJsonText(*row.serverBody))) : QVariant());
    m_upsert.bindValue(8, sql::nullable(c.crewId));
    m_upsert.bindValue(9, sql::nullable(c.day));
    m_upsert.bindValue(10, sql::nullable(c.status));
    m_upsert.bindValue(11, sql::nullable(c.streetId));
    m_upsert.bindValue(12, sql::nullable(c.assetId));
    m_upsert.bindValue(13, sql::nullable(c.kind));
    if (!m_upsert.exec()) return sql::failure(QStringLiteral("save row ") + sql::qs(row.id), m_upsert.lastError().text());
    return success();
}

Result<std::optional<StoredRow>> loadRow(const QSqlDatabase& db, std::string_view entity, std::string_view id)
{
    auto q = sql::run(db,
                      QStringLiteral("SELECT row_version, deleted, out_of_scope, fresh, body, server_body FROM replica_row "
                                     "WHERE entity = ? AND id = ?"),
                      {sql::qs(entity), sql::qs(id)});
    if (!q) return q.error();
    if (!q->next()) return std::optional<StoredRow>();
    StoredRow row;
    row.entity = std::string(entity);
    row.id = std::string(id);
    row.rowVersion = q->value(0).toLongLong();
    row.deleted = q->value(1).toInt() != 0;
    row.outOfScope = q->value(2).toInt() != 0;
    row.fresh = q->value(3).toInt() != 0;
    auto body = sql::json(q->value(4));
    if (!body) return body.error();
    row.body = std::move(*body);
    if (!q->value(5).isNull()) {
        auto server = sql::json(q->value(5));
        if (!server) return server.error();
        row.serverBody = std::move(*server);
    }
    return std::optional<StoredRow>(std::move(row));
}

Status removeRow(const QSqlDatabase& db, std::string_view entity, std::string_view id)
{
    auto q = sql::run(db, QStringLiteral("DELETE FROM replica_row WHERE entity = ? AND id = ?"), {sql::qs(entity), sql::qs(id)});
    if (!q) return q.error();
    return success();
}

Result<std::vector<LiveOp>> liveOps(const QSqlDatabase& db, std::string_view entity, std::string_view id)
{
    auto q = sql::run(db,
                      QStringLiteral("SELECT seq, state, fields, acked_version FROM outbox "
                                     "WHERE entity = ? AND row_id = ? AND state <> 'done' ORDER BY seq"),
                      {sql::qs(entity), sql::qs(id)});
    if (!q) return q.error();
    std::vector<LiveOp> ops;
    while (q->next()) {
        LiveOp op;
        op.seq = q->value(0).toLongLong();
        op.state = sql::str(q->value(1));
        auto fields = sql::json(q->value(2));
        if (!fields) return fields.error();
        op.fields = std::move(*fields);
        if (!q->value(3).isNull()) op.ackedVersion = q->value(3).toLongLong();
        ops.push_back(std::move(op));
    }
    return ops;
}

Status settleRow(const QSqlDatabase& db, RowWriter& writer, std::string_view entity, std::string_view id)
{
    auto loaded = loadRow(db, entity, id);
    if (!loaded) return loaded.error();
    if (!*loaded) return success();
    StoredRow row = std::move(**loaded);
    auto ops = liveOps(db, entity, id);
    if (!ops) return ops.error();
    Json server = row.serverBody ? std::move(*row.serverBody) : row.body;
    if (ops->empty()) {
        if (row.rowVersion == 0 || row.outOfScope) return removeRow(db, entity, id);
        row.body = std::move(server);
        row.serverBody.reset();
        return writer.save(row);
    }
    Json body = server;
    for (const auto& op : *ops) {
        if (op.state == "acked" && op.ackedVersion && *op.ackedVersion <= row.rowVersion) continue;
        applyFields(entity, body, op.fields);
    }
    row.body = std::move(body);
    row.serverBody = std::move(server);
    return writer.save(row);
}

} // namespace yanghu::client
