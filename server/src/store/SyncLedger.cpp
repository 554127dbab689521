// SPDX-License-Identifier: MIT
#include "store/SyncLedger.h"

#include "store/Constraint.h"
#include "store/Cursor.h"
#include "store/Sql.h"
#include "store/SqlCodec.h"

#include "yanghu/core/rules/ErrorCodes.h"
#include "yanghu/core/wire/JsonText.h"

#include <map>

namespace yanghu::store {

namespace {

using Json = nlohmann::json;

Json parseJson(const SqlValue& v)
{
    if (!std::holds_alternative<std::string>(v)) return nullptr;
    return Json::parse(std::get<std::string>(v), nullptr, false);
}

std::string text(const SqlValue& v) { return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : std::string(); }

constexpr const char* kConflictColumns =
    "id, entity, row_id, field, base_value, server_value, client_value, rule, client_won, row_version, user_id, side, "
    "client_id, op_id, client_time, created_at, resolved_at, resolved_by, resolution, resolution_note";

const std::vector<SqlType>& conflictTypes()
{
    using T = SqlType;
    static const std::vector<SqlType> types{T::Text, T::Text, T::Text, T::Text, T::Text, T::Text, T::Text,
                                            T::Text, T::Int,  T::Int,  T::Text, T::Text, T::Text, T::Text,
                                            T::Int,  T::Int,  T::Int,  T::Text, T::Text, T::Text};
    return types;
}

ConflictRecord decodeConflict(const SqlRow& r)
{
    ConflictRecord c;
    c.id = SqlCodec<Uuid>::decode(r[0]);
    c.entity = text(r[1]);
    c.rowId = SqlCodec<Uuid>::decode(r[2]);
    c.field = text(r[3]);
    c.baseValue = parseJson(r[4]);
    c.serverValue = parseJson(r[5]);
    c.clientValue = parseJson(r[6]);
    c.rule = text(r[7]);
    c.clientWon = SqlCodec<bool>::decode(r[8]);
    c.rowVersion = std::get<std::int64_t>(r[9]);
    c.userId = text(r[10]);
    c.side = text(r[11]) == "crew" ? sync::Side::Crew : sync::Side::Office;
    c.clientId = text(r[12]);
    c.opId = text(r[13]);
    c.clientTime = SqlCodec<std::optional<Instant>>::decode(r[14]);
    c.createdAt = SqlCodec<Instant>::decode(r[15]);
    c.resolvedAt = SqlCodec<std::optional<Instant>>::decode(r[16]);
    c.resolvedBy = text(r[17]);
    c.resolution = text(r[18]);
    c.resolutionNote = text(r[19]);
    return c;
}

} // namespace

std::optional<StoredBatch> findBatch(Tx& tx, const Uuid& batchId)
{
    auto rows = sql::query(tx.session(), "SELECT user_id, response FROM push_batch WHERE idempotency_key = ?",
                           {batchId.toString()}, {SqlType::Text, SqlType::Text});
    if (rows.empty()) return std::nullopt;
    return StoredBatch{text(rows[0][0]), text(rows[0][1])};
}

Status claimBatch(Tx& tx, const Uuid& batchId, const Uuid& clientId, const std::string& userId)
{
    try {
        sql::execute(tx.session(),
                     "INSERT INTO push_batch (idempotency_key, user_id, received_at, response, client_id) VALUES (?, ?, ?, '', ?)",
                     {batchId.toString(), userId, tx.nowMs(), clientId.toString()});
    } catch (const Poco::Exception& e) {
        if (auto duplicate = uniqueViolation(e)) return *duplicate;
        throw;
    }
    return success();
}

void saveBatchResponse(Tx& tx, const Uuid& batchId, const std::string& response)
{
    sql::execute(tx.session(), "UPDATE push_batch SET response = ? WHERE idempotency_key = ?",
                 {response, batchId.toString()});
}

std::function<sync::FieldHistory(std::string_view)> fieldHistory(Tx& tx, const std::string& entity, const Uuid& rowId,
                                                                 const Json& fieldVersions, std::int64_t sinceVersion,
                                                                 const std::string& ownClientId)
{
    struct Change {
        sync::Side side;
        bool own;
    };
    std::map<std::int64_t, Change> changes;
    for (const auto& row : sql::query(tx.session(),
                                      "SELECT row_version, side, client_id FROM change_log "
                                      "WHERE entity = ? AND row_id = ? AND row_version > ?",
                                      {entity, rowId.toString(), sinceVersion},
                                      {SqlType::Int, SqlType::Text, SqlType::Text}))
        changes[std::get<std::int64_t>(row[0])] =
            Change{text(row[1]) == "crew" ? sync::Side::Crew : sync::Side::Office,
                   !ownClientId.empty() && text(row[2]) == ownClientId};
    // Changes of this same transaction (an earlier operation of the batch) are not in the log
    // yet: they are the transaction's actor's.
    const Change pending{tx.actor().side, !ownClientId.empty() && tx.actor().clientId == ownClientId};
    for (const auto& [field, version] : fieldVersions.items())
        if (version.is_number_integer() && version.get<std::int64_t>() > sinceVersion &&
            !changes.count(version.get<std::int64_t>()) &&
            tx.hasPendingChange(entity, rowId.toString(), version.get<std::int64_t>()))
            changes[version.get<std::int64_t>()] = pending;
    return [versions = fieldVersions, changes = std::move(changes)](std::string_view field) {
        sync::FieldHistory h;
        auto it = versions.find(std::string(field));
        if (it == versions.end() || !it->is_number_integer()) return h;
        h.changedAt = it->get<std::int64_t>();
        if (auto c = changes.find(h.changedAt); c != changes.end()) {
            if (c->second.own) return sync::FieldHistory{};
            h.changedBy = c->second.side;
        }
        return h;
    };
}

Json toJson(const ConflictRecord& c)
{
    Json j = {{"id", c.id.toString()},
              {"entity", c.entity},
              {"row_id", c.rowId.toString()},
              {"field", c.field},
              {"base_value", c.baseValue},
              {"server_value", c.serverValue},
              {"client_value", c.clientValue},
              {"rule", c.rule},
              {"client_won", c.clientWon},
              {"row_version", c.rowVersion},
              {"user_id", c.userId},
              {"side", std::string(sync::sideName(c.side))},
              {"client_id", c.clientId},
              {"op_id", c.opId},
              {"client_time", c.clientTime ? Json(formatInstant(*c.clientTime)) : Json(nullptr)},
              {"created_at", formatInstant(c.createdAt)},
              {"resolved_at", c.resolvedAt ? Json(formatInstant(*c.resolvedAt)) : Json(nullptr)},
              {"resolved_by", c.resolvedBy.empty() ? Json(nullptr) : Json(c.resolvedBy)},
              {"resolution", c.resolution.empty() ? Json(nullptr) : Json(c.resolution)},
              {"resolution_note", c.resolutionNote.empty() ? Json(nullptr) : Json(c.resolutionNote)}};
    return j;
}

void insertConflict(Tx& tx, const ConflictRecord& c)
{
    SqlRow row{c.id.toString(),
               c.entity,
               c.rowId.toString(),
               c.field,
               wire::toJsonText(c.baseValue),
               wire::toJsonText(c.serverValue),
               wire::toJsonText(c.clientValue),
               c.rule,
               std::int64_t{c.clientWon ? 1 : 0},
               c.rowVersion,
               c.userId,
               std::string(sync::sideName(c.side)),
               c.clientId,
               c.opId,
               SqlCodec<std::optional<Instant>>::encode(c.clientTime),
               SqlCodec<Instant>::encode(c.createdAt),
               SqlValue{},
               SqlValue{},
               SqlValue{},
               SqlValue{}};
    sql::executeMany(tx.session(),
                     std::string("INSERT INTO sync_conflict (") + kConflictColumns + ") VALUES (" + sql::placeholders(20) + ")",
                     conflictTypes(), {std::move(row)});
}

std::optional<ConflictRecord> findConflict(Tx& tx, const Uuid& id)
{
    auto rows = sql::query(tx.session(), std::string("SELECT ") + kConflictColumns + " FROM sync_conflict WHERE id = ?",
                           {id.toString()}, conflictTypes());
    if (rows.empty()) return std::nullopt;
    return decodeConflict(rows.front());
}

Result<Page<ConflictRecord>> listConflicts(Tx& tx, const ConflictFilter& filter, const PageRequest& page)
{
    std::string where;
    SqlRow params;
    auto add = [&](const std::string& clause) { where += (where.empty() ? " WHERE " : " AND ") + clause; };
    if (filter.state == ConflictState::Open) add("resolved_at IS NULL");
    if (filter.state == ConflictState::Resolved) add("resolved_at IS NOT NULL");
    if (filter.entity) {
        add("entity = ?");
        params.emplace_back(*filter.entity);
    }
    if (filter.rowId) {
        add("row_id = ?");
        params.emplace_back(filter.rowId->toString());
    }
    if (!page.cursor.empty()) {
        auto after = decodeCursor(page.cursor);
        if (!after) return Error::validation({FieldError{"cursor", std::string(codes::InvalidFormat), {}}});
        add("id > ?");
        params.emplace_back(*after);
    }
    const int limit = page.effectiveLimit();
    params.emplace_back(std::int64_t{limit + 1});
    auto rows = sql::query(tx.session(), std::string("SELECT ") + kConflictColumns + " FROM sync_conflict" + where +
                                             " ORDER BY id LIMIT ?",
                           params, conflictTypes());
    Page<ConflictRecord> out;
    const bool more = rows.size() > static_cast<std::size_t>(limit);
    if (more) rows.resize(static_cast<std::size_t>(limit));
    for (const auto& r : rows) out.items.push_back(decodeConflict(r));
    if (more) out.nextCursor = encodeCursor(out.items.back().id.toString());
    return out;
}

bool markResolved(Tx& tx, const Uuid& id, const std::string& by, const std::string& resolution, const std::string& note)
{
    return sql::execute(tx.session(),
                        "UPDATE sync_conflict SET resolved_at = ?, resolved_by = ?, resolution = ?, resolution_note = ? "
                        "WHERE id = ? AND resolved_at IS NULL",
                        {tx.nowMs(), by, resolution, note.empty() ? SqlValue{} : SqlValue{note}, id.toString()}) == 1;
}

std::set<std::string> missingPhotos(Tx& tx, const std::set<std::string>& hashes)
{
    if (hashes.empty()) return {};
    SqlRow params(hashes.begin(), hashes.end());
    std::set<std::string> missing = hashes;
    for (const auto& row : sql::query(tx.session(),
                                      "SELECT sha256 FROM photo WHERE sha256 IN (" + sql::placeholders(hashes.size()) + ")",
                                      params, {SqlType::Text}))
        missing.erase(text(row[0]));
    return missing;
}

} // namespace yanghu::store
