// SPDX-License-Identifier: MIT
#include "replica/RowStore.h"

#include "replica/LocalApply.h"
#include "replica/Sql.h"

#include "yanghu/core/wire/Codec.h"
#include "yanghu/core/wire/JsonText.h"

#include <QJsonValue>
#include <QSqlError>

namespace yanghu::client {

namespace {

// Where each filter column comes from: (entity, column, member[, member of that member]).
struct ColumnSource {
    std::string_view entity;
    Column column;
    const char* member;
    const char* nested;
};
constexpr ColumnSource kColumnSources[] = {
    {"work_order", Column::CrewId, "assignment", "crew_id"},
    {"work_order", Column::Day, "assignment", "shift_date"},
    {"work_order", Column::Status, "status", nullptr},
    {"crew_shift", Column::CrewId, "crew_id", nullptr},
    {"crew_shift", Column::Day, "date", nullptr},
    {"crew_shift", Column::Kind, "kind", nullptr},
    {"app_user", Column::CrewId, "crew_id", nullptr},
    {"asset", Column::Status, "status", nullptr},
    {"asset", Column::StreetId, "street_id", nullptr},
    {"asset", Column::Kind, "kind", nullptr},
    {"defect_report", Column::Status, "status", nullptr},
    {"defect_report", Column::AssetId, "asset_id", nullptr},
    {"programme", Column::Status, "status", nullptr},
};

template <class Get>
IndexedColumns extract(std::string_view entity, Get get)
{
    IndexedColumns c;
    for (const auto& s : kColumnSources)
        if (s.entity == entity) c[static_cast<std::size_t>(s.column)] = get(s.member, s.nested);
    return c;
}

} // namespace

IndexedColumns indexedColumns(std::string_view entity, const Json& row)
{
    return extract(entity, [&](const char* member, const char* nested) -> QVariant {
        auto it = row.find(member);
        if (it == row.end()) return {};
        const Json* v = &*it;
        if (nested) {
            if (!v->is_object()) return {};
            auto inner = v->find(nested);
            if (inner == v->end()) return {};
            v = &*inner;
        }
        return v->is_string() ? QVariant(sql::qs(v->get_ref<const std::string&>())) : QVariant();
    });
}

IndexedColumns indexedColumns(std::string_view entity, const QJsonObject& row)
{
    return extract(entity, [&](const char* member, const char* nested) -> QVariant {
        QJsonValue v = row.value(QLatin1String(member));
        if (nested) v = v.toObject().value(QLatin1String(nested));
        return v.isString() ? QVariant(v.toString()) : QVariant();
    });
}

RowWriter::RowWriter(const QSqlDatabase& db) : m_db(db), m_upsert(db) {}

Status RowWriter::save(const StoredRow& row)
{
    return write(sql::qs(row.entity), sql::qs(row.id), row.rowVersion, row.body.value("deleted", false), row.outOfScope,
                 row.fresh, sql::qs(wire::toJsonText(row.body)),
                 row.serverBody ? QVariant(sql::qs(wire::toJsonText(*row.serverBody))) : QVariant(),
                 indexedColumns(row.entity, row.body));
}

Status RowWriter::save(const ServerRowText& row)
{
    return write(row.entity, row.id, row.rowVersion, row.deleted, false, true, row.body, QVariant(), row.columns);
}

Status RowWriter::write(const QString& entity, const QString& id, qint64 rowVersion, bool deleted, bool outOfScope,
                        bool fresh, const QString& body, const QVariant& serverBody, const IndexedColumns& columns)
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
    m_upsert.bindValue(0, entity);
    m_upsert.bindValue(1, id);
    m_upsert.bindValue(2, rowVersion);
    m_upsert.bindValue(3, deleted ? 1 : 0);
    m_upsert.bindValue(4, outOfScope ? 1 : 0);
    m_upsert.bindValue(5, fresh ? 1 : 0);
    m_upsert.bindValue(6, body);
    m_upsert.bindValue(7, serverBody);
    for (std::size_t i = 0; i < kColumnCount; ++i) m_upsert.bindValue(8 + static_cast<int>(i), columns[i]);
    if (!m_upsert.exec()) return sql::failure(QStringLiteral("save row ") + id, m_upsert.lastError().text());
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
