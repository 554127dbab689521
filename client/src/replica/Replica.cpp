// SPDX-License-Identifier: MIT
#include "replica/Replica.h"

#include "replica/LocalApply.h"
#include "replica/ReplicaMigrations.h"
#include "replica/RowStore.h"
#include "replica/Sql.h"

#include "yanghu/core/EnumNames.h"
#include "yanghu/core/Time.h"
#include "yanghu/core/rules/ErrorCodes.h"
#include "yanghu/core/rules/Validation.h"
#include "yanghu/core/rules/WorkOrderStateMachine.h"
#include "yanghu/core/sync/Merge.h"
#include "yanghu/core/wire/Codec.h"
#include "yanghu/core/wire/JsonText.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSqlError>

#include <atomic>

namespace yanghu::client {

namespace {

std::atomic<int> g_connections{0};

FieldError fieldError(std::string field, std::string_view code, std::map<std::string, std::string> params = {})
{
    return FieldError{std::move(field), std::string(code), std::move(params)};
}

std::string jsonText(const Json& j) { return wire::toJsonText(j); }

// True when `field` (a wire path such as "labour[2].hours" or "assignment.crew_id") lies under
// one of `members`.
bool under(const std::string& field, const Json& members)
{
    for (const auto& [member, value] : members.items()) {
        (void)value;
        if (field == member) return true;
        if (field.size() > member.size() && field.compare(0, member.size(), member) == 0 &&
            (field[member.size()] == '.' || field[member.size()] == '['))
            return true;
    }
    return false;
}

// The members `side` may write on `entity`, as core's merge decides; every refusal at once.
Status checkMembers(std::string_view entity, sync::Side side, const Json& fields)
{
    std::vector<FieldError> errors;
    for (const auto& [field, value] : fields.items()) {
        const sync::FieldRule* rule = sync::findRule(entity, field);
        if (!rule) {
            errors.push_back(fieldError(field, codes::UnknownField));
            continue;
        }
        if (rule->kind == sync::MergeKind::ServerOnly ||
            (rule->kind == sync::MergeKind::Owned && rule->owner == sync::Side::Office && side == sync::Side::Crew)) {
            errors.push_back(fieldError(field, codes::NotAllowed, {{"side", std::string(sync::sideName(side))}}));
            continue;
        }
        if (rule->kind != sync::MergeKind::AppendOnly) continue;
        if (!value.is_array()) {
            errors.push_back(fieldError(field, codes::WrongType, {{"expected", "array"}}));
            continue;
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
            const Json& item = value[i];
            const bool ok = item.is_object() ? item.contains("id") && item["id"].is_string() : item.is_string();
            if (!ok) errors.push_back(fieldError(field + "[" + std::to_string(i) + "]", codes::Required, {{"member", "id"}}));
        }
    }
    if (!errors.empty()) return Error::validation(std::move(errors));
    return success();
}

// Decodes `row` as the entity, checks it with core's validation, and gives it back as the
// wire codec writes it. Only problems under `edited` count (all when it is null: a new
// row): the rest of an existing row is the server's business.
template <class T>
Result<std::pair<T, Json>> normalised(const Json& row, const Json& edited, std::vector<FieldError> (*validate)(const T&))
{
    auto decoded = wire::fromJson<T>(row, wire::UnknownFields::Ignore);
    if (!decoded) {
        std::vector<FieldError> errors;
        for (const auto& f : decoded.error().fields)
            if (edited.is_null() || under(f.field, edited)) errors.push_back(f);
        if (errors.empty()) errors = decoded.error().fields;
        return Error::validation(std::move(errors));
    }
    std::vector<FieldError> errors;
    for (auto& f : validate(*decoded))
        if (edited.is_null() || under(f.field, edited)) errors.push_back(std::move(f));
    if (!errors.empty()) return Error::validation(std::move(errors));
    Json encoded = wire::toJson(*decoded);
    return std::pair<T, Json>(std::move(*decoded), std::move(encoded));
}

// The members of `changes` as the codec writes them: values normalised (instants with
// milliseconds, numbers as stored), child rows by their id.
Json asEncoded(std::string_view entity, const Json& changes, const Json& encoded)
{
    Json out = Json::object();
    for (const auto& [field, value] : changes.items()) {
        auto it = encoded.find(field);
        const sync::FieldRule* rule = sync::findRule(entity, field);
        if (rule && rule->kind == sync::MergeKind::AppendOnly && it != encoded.end() && it->is_array()) {
            Json lines = Json::array();
            for (const auto& item : value) {
                Json chosen = item;
                if (item.is_object())
                    for (const auto& have : *it)
                        if (have.is_object() && have.value("id", Json()) == item["id"]) chosen = have;
                lines.push_back(std::move(chosen));
            }
            out[field] = std::move(lines);
        } else {
            out[field] = it != encoded.end() ? *it : value;
        }
    }
    return out;
}

// A work order's status change as the role's transitions allow it, one step at a time on the
// order as edited (a crew may start and complete in one edit: two steps).
Status checkStatus(const WorkOrder& edited, WorkOrderStatus from, WorkOrderStatus to, const ReplicaUser& user)
{
    const rules::Actor actor{user.id, user.role, user.crewId};
    WorkOrder order = edited;
    order.status = from;
    auto path = sync::transitionPath(from, to, user.role);
    if (!path) return rules::checkTransition(order, to, actor, order.holdReason);
    for (WorkOrderStatus step : *path) {
        if (auto s = rules::checkTransition(order, step, actor, order.holdReason); !s) return s;
        order.status = step;
    }
    return success();
}

// The content type of an image by its first bytes; empty when it is none the server takes.
QString imageType(const QByteArray& head)
{
    if (head.startsWith("\xFF\xD8\xFF")) return QStringLiteral("image/jpeg");
    if (head.startsWith("\x89PNG\r\n\x1A\n")) return QStringLiteral("image/png");
    if (head.size() >= 12 && head.startsWith("RIFF") && head.mid(8, 4) == "WEBP") return QStringLiteral("image/webp");
    return {};
}

const Clock& systemClock()
{
    static const SystemClock clock;
    return clock;
}

} // namespace

Replica::Replica(QString path, QString connection, const Clock& clock)
    : m_path(std::move(path)), m_connection(std::move(connection)), m_clock(clock), m_ids(clock)
{
}

Replica::~Replica()
{
    if (m_db.isValid()) m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

Result<std::unique_ptr<Replica>> Replica::open(const QString& path) { return open(path, systemClock()); }

Result<std::unique_ptr<Replica>> Replica::open(const QString& path, const Clock& clock)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return sql::failure(QStringLiteral("create folder"), info.absolutePath());
    const QString connection = QStringLiteral("yanghu-replica-%1").arg(++g_connections);
    std::unique_ptr<Replica> r(new Replica(info.absoluteFilePath(), connection, clock));
    r->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    r->m_db.setDatabaseName(r->m_path);
    // A writer waits for the other connection's transaction (GUI edit vs sync page).
    r->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
    if (!r->m_db.open()) return sql::failure(QStringLiteral("open ") + path, r->m_db.lastError().text());
    // WAL: the GUI reads while the sync thread writes. synchronous=FULL: an edit the user saw
    // saved survives a power cut, not only a crash.
    for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"}) {
        if (auto s = sql::run(r->m_db, QString::fromLatin1(pragma)); !s) return s.error();
    }
    auto version = migrateReplica(r->m_db);
    if (!version) return version.error();
    r->m_schemaVersion = *version;

    // The client id is made once; INSERT OR IGNORE keeps the first when two connections open a
    // new file at the same moment.
    auto made = r->write([&]() -> Status {
        auto insert = sql::run(r->m_db, QStringLiteral("INSERT OR IGNORE INTO replica_meta (key, value) VALUES ('client_id', ?)"),
                               {sql::qs(r->m_ids.next().toString())});
        if (!insert) return insert.error();
        return success();
    });
    if (!made) return made.error();
    auto meta = sql::run(r->m_db, QStringLiteral("SELECT key, value FROM replica_meta"));
    if (!meta) return meta.error();
    std::map<std::string, std::string> values;
    while (meta->next()) values[sql::str(meta->value(0))] = sql::str(meta->value(1));
    r->m_clientId = values["client_id"];
    if (auto id = Uuid::parse(values["user_id"])) {
        ReplicaUser u;
        u.id = *id;
        u.username = values["username"];
        u.role = enumFromName<Role>(values["role"]).value_or(Role::FieldCrew);
        u.crewId = Uuid::parse(values["crew_id"]);
        r->m_user = u;
    }
    return r;
}

Status Replica::begin()
{
    if (auto s = sql::run(m_db, QStringLiteral("BEGIN IMMEDIATE")); !s) return s.error();
    return success();
}

Status Replica::commit()
{
    if (auto s = sql::run(m_db, QStringLiteral("COMMIT")); !s) return s.error();
    return success();
}

void Replica::rollback()
{
    // Fails harmlessly when SQLite already rolled back (e.g. after a failed COMMIT).
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

Status Replica::bindUser(const Json& userJson)
{
    auto decoded = wire::fromJson<User>(userJson, wire::UnknownFields::Ignore);
    if (!decoded) return decoded.error();
    const User& u = *decoded;
    if (m_user && m_user->id != u.id)
        return Error::validation({fieldError("user_id", codes::Mismatch, {{"with", "replica"}})});
    auto saved = write([&]() -> Status {
        const std::vector<std::pair<QString, QString>> values{
            {QStringLiteral("user_id"), sql::qs(u.id.toString())},
            {QStringLiteral("username"), sql::qs(u.username)},
            {QStringLiteral("role"), sql::qs(enumName(u.role))},
            {QStringLiteral("crew_id"), u.crewId ? sql::qs(u.crewId->toString()) : QStringLiteral("")}};
        for (const auto& [key, value] : values) {
            auto q = sql::run(m_db, QStringLiteral("INSERT INTO replica_meta (key, value) VALUES (?, ?) "
                                                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                              {key, value});
            if (!q) return q.error();
        }
        return success();
    });
    if (!saved) return saved;
    m_user = ReplicaUser{u.id, u.username, u.role, u.crewId};
    return success();
}

Result<LocalEdit> Replica::editRow(std::string_view entity, std::string_view id, const Json& fields)
{
    return write([&] { return applyEdit(entity, id, fields); });
}

// The edit checked, the row rewritten and the operation queued; the caller's transaction.
Result<LocalEdit> Replica::applyEdit(std::string_view entity, std::string_view id, const Json& fields)
{
    if (!m_user) return Error::validation({fieldError("user", codes::Required)});
    if (sync::fieldRules(entity).empty())
        return Error::validation({fieldError("entity", codes::NotAllowed, {{"value", std::string(entity)}})});
    if (!fields.is_object() || fields.empty())
        return Error::validation({fieldError("fields", codes::Empty)});
    if (auto s = checkMembers(entity, sync::sideOf(m_user->role), fields); !s) return s.error();

    auto loaded = loadRow(m_db, entity, id);
    if (!loaded) return loaded.error();
    if (!*loaded) return Error::of(std::string(codes::NotFound), {{"entity", std::string(entity)}, {"id", std::string(id)}});
    StoredRow row = std::move(**loaded);

    // Only what changes: a member already at the value, a line already there, is left out.
    Json changes = Json::object();
    for (const auto& [field, value] : fields.items()) {
        const sync::FieldRule* rule = sync::findRule(entity, field);
        if (rule->kind == sync::MergeKind::AppendOnly) {
            Json added = unseenMembers(entity, row.body, Json{{field, value}});
            if (!added.empty()) changes[field] = added[field];
        } else if (row.body.value(field, Json()) != value) {
            changes[field] = value;
        }
    }
    if (changes.empty()) return LocalEdit{};

    Json next = row.body;
    applyFields(entity, next, changes);
    Json encoded;
    if (entity == "work_order") {
        auto checked = normalised<WorkOrder>(next, changes, &rules::validateWorkOrder);
        if (!checked) return checked.error();
        if (changes.contains("status")) {
            auto from = enumFromName<WorkOrderStatus>(row.body.value("status", std::string()));
            if (from) {
                if (auto s = checkStatus(checked->first, *from, checked->first.status, *m_user); !s) return s.error();
            }
        }
        encoded = std::move(checked->second);
    } else {
        auto checked = normalised<DefectReport>(next, changes, &rules::validateDefectReport);
        if (!checked) return checked.error();
        encoded = std::move(checked->second);
    }
    changes = asEncoded(entity, changes, encoded);

    Json baseValues = Json::object();
    for (const auto& [field, value] : changes.items()) {
        (void)value;
        if (sync::findRule(entity, field)->kind != sync::MergeKind::AppendOnly)
            baseValues[field] = row.body.value(field, Json());
    }
    return queueEdit(changes, baseValues, row);
}

// The row shown with the edit on top (the server's version kept aside while edits are
// pending) and the operation queued, in the caller's transaction.
Result<LocalEdit> Replica::queueEdit(const Json& changes, const Json& baseValues, StoredRow& row)
{
    if (!row.serverBody) row.serverBody = row.body;
    applyFields(row.entity, row.body, changes);
    RowWriter writer(m_db);
    if (auto s = writer.save(row); !s) return s.error();
    fault("edit:row-written");
    const std::string opId = m_ids.next().toString();
    auto q = sql::run(m_db,
                      QStringLiteral("INSERT INTO outbox (op_id, entity, row_id, base_version, fields, base_values, "
                                     "client_time, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')"),
                      {sql::qs(opId), sql::qs(row.entity), sql::qs(row.id), static_cast<qint64>(row.rowVersion),
                       sql::qs(jsonText(changes)), sql::qs(jsonText(baseValues)), sql::qs(formatInstant(m_clock.now()))});
    if (!q) return q.error();
    fault("edit:queued");
    return LocalEdit{opId, changes, row.id};
}

Result<LocalEdit> Replica::createDefectReport(const Json& fields)
{
    if (!m_user) return Error::validation({fieldError("user", codes::Required)});
    if (!fields.is_object() || fields.empty()) return Error::validation({fieldError("fields", codes::Empty)});
    if (auto s = checkMembers("defect_report", sync::sideOf(m_user->role), fields); !s) return s.error();
    const std::string id = m_ids.next().toString();
    // What the server fills in itself (who, when, where from, status new), shown until the
    // server's row arrives; version 0 marks it as not on the server yet.
    StoredRow row;
    row.entity = "defect_report";
    row.id = id;
    row.rowVersion = 0;
    row.body = Json{{"id", id},
                    {"row_version", 0},
                    {"deleted", false},
                    {"status", "new"},
                    {"source", m_user->role == Role::FieldCrew ? "crew" : "dispatcher"},
                    {"reported_at", formatInstant(m_clock.now())},
                    {"reported_by", m_user->id.toString()}};
    Json next = row.body;
    applyFields(row.entity, next, fields);
    auto checked = normalised<DefectReport>(next, Json(), &rules::validateDefectReport);
    if (!checked) return checked.error();
    Json changes = asEncoded(row.entity, fields, checked->second);
    return write([&] { return queueEdit(changes, Json::object(), row); });
}

Result<LocalEdit> Replica::appendLine(std::string_view entity, std::string_view id, std::string_view list, Json line)
{
    if (!m_user) return Error::validation({fieldError("user", codes::Required)});
    const sync::FieldRule* rule = sync::findRule(entity, list);
    if (!rule || rule->kind != sync::MergeKind::AppendOnly || list == "photos")
        return Error::validation({fieldError(std::string(list), codes::NotAllowed)});
    if (!line.is_object()) return Error::validation({fieldError(std::string(list), codes::WrongType, {{"expected", "object"}})});
    if (!line.contains("id")) line["id"] = m_ids.next().toString();
    if (list == "notes") {
        if (!line.contains("at")) line["at"] = formatInstant(m_clock.now());
        if (!line.contains("author_id")) line["author_id"] = m_user->id.toString();
    }
    return editRow(entity, id, Json{{std::string(list), Json::array({line})}});
}

Result<LocalEdit> Replica::addPhoto(std::string_view entity, std::string_view id, const QString& file)
{
    if (!m_user) return Error::validation({fieldError("user", codes::Required)});
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return Error::validation({fieldError("file", codes::NotFound, {{"value", file.toStdString()}})});
    const QByteArray bytes = in.readAll();
    const QString type = imageType(bytes.left(16));
    if (type.isEmpty())
        return Error::validation({fieldError("file", codes::InvalidFormat, {{"expected", "image/jpeg|image/png|image/webp"}})});
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    // The copy is content-addressed and complete before any row names it (QSaveFile renames a
    // finished temporary file into place); a copy left by a failed transaction is harmless.
    if (!QDir().mkpath(photoDir())) return sql::failure(QStringLiteral("create folder"), photoDir());
    const QString stored = photoDir() + QLatin1Char('/') + sha;
    if (!QFileInfo::exists(stored)) {
        QSaveFile out(stored);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
            return sql::failure(QStringLiteral("copy photo"), out.errorString());
    }
    return write([&]() -> Result<LocalEdit> {
        auto q = sql::run(m_db,
                          QStringLiteral("INSERT OR IGNORE INTO photo_upload (sha256, path, size, content_type, state) "
                                         "VALUES (?, ?, ?, ?, 'pending')"),
                          {sha, stored, static_cast<qint64>(bytes.size()), type});
        if (!q) return q.error();
        return applyEdit(entity, id, Json{{"photos", Json::array({sha.toStdString()})}});
    });
}

Result<std::optional<Json>> Replica::row(std::string_view entity, std::string_view id) const
{
    auto q = sql::run(m_db, QStringLiteral("SELECT body FROM replica_row WHERE entity = ? AND id = ?"),
                      {sql::qs(entity), sql::qs(id)});
    if (!q) return q.error();
    if (!q->next()) return std::optional<Json>();
    auto body = sql::json(q->value(0));
    if (!body) return body.error();
    return std::optional<Json>(std::move(*body));
}

Result<std::vector<Json>> Replica::rows(std::string_view entity, const RowFilter& filter) const
{
    QString text = QStringLiteral("SELECT body FROM replica_row WHERE entity = ?");
    QVariantList binds{sql::qs(entity)};
    const std::pair<const char*, const std::optional<std::string>*> columns[] = {
        {"crew_id", &filter.crewId}, {"day", &filter.day},         {"status", &filter.status},
        {"street_id", &filter.streetId}, {"asset_id", &filter.assetId}, {"kind", &filter.kind}};
    for (const auto& [column, value] : columns) {
        if (!*value) continue;
        text += QStringLiteral(" AND %1 = ?").arg(QLatin1String(column));
        binds << sql::qs(**value);
    }
    if (!filter.includeDeleted) text += QStringLiteral(" AND deleted = 0");
    text += QStringLiteral(" ORDER BY id LIMIT %1 OFFSET %2").arg(filter.limit).arg(filter.offset);
    auto q = sql::run(m_db, text, binds);
    if (!q) return q.error();
    std::vector<Json> out;
    while (q->next()) {
        auto body = sql::json(q->value(0));
        if (!body) return body.error();
        out.push_back(std::move(*body));
    }
    return out;
}

Result<std::int64_t> Replica::count(std::string_view entity, bool includeDeleted) const
{
    return sql::scalar(m_db,
                       includeDeleted ? QStringLiteral("SELECT COUNT(*) FROM replica_row WHERE entity = ?")
                                      : QStringLiteral("SELECT COUNT(*) FROM replica_row WHERE entity = ? AND deleted = 0"),
                       {sql::qs(entity)});
}

Result<SyncCursor> Replica::cursor() const
{
    auto q = sql::run(m_db, QStringLiteral("SELECT epoch, since, scope, complete, reconcile FROM sync_cursor WHERE id = 1"));
    if (!q) return q.error();
    SyncCursor c;
    if (!q->next()) return c;
    if (!q->value(0).isNull()) c.epoch = sql::str(q->value(0));
    c.since = q->value(1).toLongLong();
    if (!q->value(2).isNull()) c.scope = sql::str(q->value(2));
    c.complete = q->value(3).toInt() != 0;
    if (!q->value(4).isNull()) c.reconcile = sql::str(q->value(4));
    return c;
}

Result<std::vector<OutboxEntry>> Replica::outbox(bool journal) const
{
    return outboxWhere(journal ? QStringLiteral("1 = 1") : QStringLiteral("state <> 'done'"));
}

Result<std::vector<OutboxEntry>> Replica::outboxWhere(const QString& condition, const QVariantList& binds, int limit) const
{
    auto q = sql::run(m_db,
                      QStringLiteral("SELECT seq, op_id, batch_id, entity, row_id, base_version, fields, base_values, "
                                     "client_time, state, acked_epoch, acked_seq, acked_version, outcome FROM outbox WHERE ") +
                          condition + QStringLiteral(" ORDER BY seq LIMIT %1").arg(limit),
                      binds);
    if (!q) return q.error();
    std::vector<OutboxEntry> out;
    while (q->next()) {
        OutboxEntry e;
        e.seq = q->value(0).toLongLong();
        e.opId = sql::str(q->value(1));
        if (!q->value(2).isNull()) e.batchId = sql::str(q->value(2));
        e.entity = sql::str(q->value(3));
        e.rowId = sql::str(q->value(4));
        e.baseVersion = q->value(5).toLongLong();
        auto fields = sql::json(q->value(6));
        auto base = sql::json(q->value(7));
        if (!fields) return fields.error();
        if (!base) return base.error();
        e.fields = std::move(*fields);
        e.baseValues = std::move(*base);
        e.clientTime = sql::str(q->value(8));
        e.state = sql::str(q->value(9));
        if (!q->value(10).isNull()) e.ackedEpoch = sql::str(q->value(10));
        if (!q->value(11).isNull()) e.ackedSeq = q->value(11).toLongLong();
        if (!q->value(12).isNull()) e.ackedVersion = q->value(12).toLongLong();
        if (!q->value(13).isNull()) e.outcome = sql::str(q->value(13));
        out.push_back(std::move(e));
    }
    return out;
}

Result<std::int64_t> Replica::pendingCount() const
{
    return sql::scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sent')"));
}

Result<std::vector<RefusedEntry>> Replica::refused() const
{
    auto q = sql::run(m_db, QStringLiteral("SELECT seq, op_id, partial, entity, row_id, fields, client_time, error "
                                           "FROM refused WHERE dismissed = 0 ORDER BY seq"));
    if (!q) return q.error();
    std::vector<RefusedEntry> out;
    while (q->next()) {
        RefusedEntry e;
        e.seq = q->value(0).toLongLong();
        e.opId = sql::str(q->value(1));
        e.partial = q->value(2).toInt() != 0;
        e.entity = sql::str(q->value(3));
        e.rowId = sql::str(q->value(4));
        auto fields = sql::json(q->value(5));
        auto error = sql::json(q->value(7));
        if (!fields) return fields.error();
        if (!error) return error.error();
        e.fields = std::move(*fields);
        e.clientTime = sql::str(q->value(6));
        e.error = std::move(*error);
        out.push_back(std::move(e));
    }
    return out;
}

Result<std::int64_t> Replica::conflictCount() const
{
    return sql::scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM sync_conflict WHERE seen = 0"));
}

Result<std::vector<ConflictEntry>> Replica::conflicts() const
{
    auto q = sql::run(m_db, QStringLiteral("SELECT id, op_id, entity, row_id, field, rule, client_won, seen "
                                           "FROM sync_conflict ORDER BY rowid DESC"));
    if (!q) return q.error();
    std::vector<ConflictEntry> out;
    while (q->next())
        out.push_back(ConflictEntry{sql::str(q->value(0)), sql::str(q->value(1)), sql::str(q->value(2)),
                                    sql::str(q->value(3)), sql::str(q->value(4)), sql::str(q->value(5)),
                                    q->value(6).toInt() != 0, q->value(7).toInt() != 0});
    return out;
}

// Both run in one write transaction (the GUI's replica; the sync thread's writes wait).
Status Replica::markConflictsSeen()
{
    return write([&]() -> Status {
        if (auto q = sql::run(m_db, QStringLiteral("UPDATE sync_conflict SET seen = 1 WHERE seen = 0")); !q)
            return q.error();
        return success();
    });
}

Status Replica::dismissRefused()
{
    return write([&]() -> Status {
        if (auto q = sql::run(m_db, QStringLiteral("UPDATE refused SET dismissed = 1 WHERE dismissed = 0")); !q)
            return q.error();
        return success();
    });
}

Result<std::string> Replica::digest() const
{
    auto q = sql::run(m_db, QStringLiteral("SELECT entity, id, row_version, deleted, out_of_scope, body, "
                                           "COALESCE(server_body, '-') FROM replica_row ORDER BY entity, id"));
    if (!q) return q.error();
    std::string out;
    while (q->next()) {
        for (int i = 0; i < 7; ++i) {
            out += sql::str(q->value(i));
            out += '|';
        }
        out += '\n';
    }
    return out;
}

} // namespace yanghu::client
