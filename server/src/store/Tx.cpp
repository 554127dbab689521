// SPDX-License-Identifier: MIT
#include "store/Tx.h"

#include "store/Sql.h"

#include <stdexcept>

namespace yanghu::store {

Tx::Tx(Poco::Data::Session& session, Dialect dialect, const Clock& clock, UuidGenerator& ids, bool writable)
    : m_session(session), m_dialect(dialect), m_now(clock.now()), m_ids(ids), m_txId(ids.next().toString()),
      m_writable(writable)
{
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
    std::vector<SqlRow> rows;
    rows.reserve(entries.size());
    for (const auto& e : entries)
        rows.push_back({e.entity, e.rowId, e.rowVersion, std::string(changeOpName(e.op)), nowMs(), m_txId});
    sql::executeMany(m_session,
                     "INSERT INTO change_log (entity, row_id, row_version, op, changed_at, tx_id) VALUES (?, ?, ?, ?, ?, ?)",
                     {SqlType::Text, SqlType::Text, SqlType::Int, SqlType::Text, SqlType::Int, SqlType::Text}, rows);
}

} // namespace yanghu::store
