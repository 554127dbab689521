// SPDX-License-Identifier: MIT
#include "store/Tx.h"

#include "store/Sql.h"

#include <algorithm>
#include <stdexcept>

namespace yanghu::store {

Tx::Tx(Poco::Data::Session& session, Dialect dialect, const Clock& clock, UuidGenerator& ids, bool writable)
    : m_session(session), m_dialect(dialect), m_now(clock.now()), m_ids(ids), m_txId(ids.next().toString()),
      m_writable(writable), m_actor(currentActor())
{
}

// One savepoint name serves every level: SQLite and PostgreSQL both release or roll back to
// the innermost savepoint of that name.
std::size_t Tx::beginSavepoint()
{
    sql::execute(m_session, "SAVEPOINT yanghu_step", {});
    return m_pendingChanges.size();
}

void Tx::releaseSavepoint() { sql::execute(m_session, "RELEASE SAVEPOINT yanghu_step", {}); }

void Tx::rollbackToSavepoint(std::size_t pendingMark)
{
    sql::execute(m_session, "ROLLBACK TO SAVEPOINT yanghu_step", {});
    sql::execute(m_session, "RELEASE SAVEPOINT yanghu_step", {});
    m_pendingChanges.resize(std::min(pendingMark, m_pendingChanges.size()));
}

std::string_view changeOpName(ChangeOp op)
{
    switch (op) {
    case ChangeOp::Insert: return "insert";
    case ChangeOp::Update: return "update";
    case ChangeOp::Delete: return "delete";
    }
    return "update";
}

void Tx::logChange(std::string_view entity, const Uuid& rowId, std::int64_t rowVersion, ChangeOp op)
{
    logChanges({ChangeEntry{std::string(entity), rowId.toString(), rowVersion, op}});
}

void Tx::logChanges(const std::vector<ChangeEntry>& entries)
{
    if (!m_writable) throw std::logic_error("store: write in a read-only transaction");
    m_pendingChanges.insert(m_pendingChanges.end(), entries.begin(), entries.end());
}

bool Tx::hasPendingChange(std::string_view entity, const std::string& rowId, std::int64_t rowVersion) const
{
    return std::any_of(m_pendingChanges.begin(), m_pendingChanges.end(), [&](const ChangeEntry& e) {
        return e.rowVersion == rowVersion && e.rowId == rowId && e.entity == entity;
    });
}

std::int64_t Tx::flushChangeLog()
{
    if (m_pendingChanges.empty()) return 0;
    const auto count = static_cast<std::int64_t>(m_pendingChanges.size());
    const auto reserved = sql::query(m_session, "UPDATE sync_state SET last_seq = last_seq + ? WHERE id = 1 RETURNING last_seq",
                                     {count}, {SqlType::Int});
    if (reserved.size() != 1) throw std::logic_error("store: sync_state has no row (is the database migrated?)");
    const std::int64_t last = std::get<std::int64_t>(reserved.front()[0]);
    const std::int64_t first = last - count + 1;

    // Several rows per statement: an import logs one entry per row, and one statement run
    // per 64 entries instead of per entry keeps the log from dominating bulk writes.
    constexpr std::size_t perStatement = 64;
    const std::vector<SqlType> tuple{SqlType::Int, SqlType::Text, SqlType::Text, SqlType::Int, SqlType::Text,
                                     SqlType::Int, SqlType::Text, SqlType::Text, SqlType::Text, SqlType::Text};
    auto statementFor = [](std::size_t tuples) {
        std::string text =
            "INSERT INTO change_log (seq, entity, row_id, row_version, op, changed_at, tx_id, actor_id, side, client_id) "
            "VALUES ";
        for (std::size_t i = 0; i < tuples; ++i) text += i ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        return text;
    };
    const std::string side(sync::sideName(m_actor.side));
    auto run = [&](std::size_t begin, std::size_t tuples, std::size_t rowsOfTuples) {
        std::vector<SqlType> types;
        for (std::size_t i = 0; i < tuples; ++i) types.insert(types.end(), tuple.begin(), tuple.end());
        std::vector<SqlRow> rows;
        for (std::size_t r = 0; r < rowsOfTuples; ++r) {
            SqlRow row;
            row.reserve(types.size());
            for (std::size_t i = 0; i < tuples; ++i) {
                const std::size_t at = begin + r * tuples + i;
                const auto& e = m_pendingChanges[at];
                row.insert(row.end(), {first + static_cast<std::int64_t>(at), e.entity, e.rowId, e.rowVersion,
                                       std::string(changeOpName(e.op)), nowMs(), m_txId, m_actor.userId, side, m_actor.clientId});
            }
            rows.push_back(std::move(row));
        }
        sql::executeMany(m_session, statementFor(tuples), types, std::move(rows));
    };
    const std::size_t total = m_pendingChanges.size();
    const std::size_t full = total / perStatement;
    if (full > 0) run(0, perStatement, full);
    if (const std::size_t rest = total % perStatement; rest > 0) run(full * perStatement, rest, 1);
    m_pendingChanges.clear();
    return last;
}

} // namespace yanghu::store
