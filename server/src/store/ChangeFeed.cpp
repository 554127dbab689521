// SPDX-License-Identifier: MIT
#include "store/ChangeFeed.h"

#include "store/Sql.h"
#include "store/SqlCodec.h"

#include <algorithm>
#include <stdexcept>

namespace yanghu::store {

SyncState readSyncState(Tx& tx)
{
    auto rows = sql::query(tx.session(), "SELECT epoch, last_seq, history_from FROM sync_state WHERE id = 1", {},
                           {SqlType::Text, SqlType::Int, SqlType::Int});
    if (rows.size() != 1) throw std::logic_error("store: sync_state has no row (is the database migrated?)");
    return SyncState{std::get<std::string>(rows[0][0]), std::get<std::int64_t>(rows[0][1]),
                     std::get<std::int64_t>(rows[0][2])};
}

std::string startNewEpoch(Tx& tx)
{
    std::string epoch = tx.ids().next().toString();
    epoch.erase(std::remove(epoch.begin(), epoch.end(), '-'), epoch.end());
    // The epoch alone sends old replicas back to a full download, which reads the log from
    // its start: history_from stays (it moves only when the log is pruned).
    sql::execute(tx.session(), "UPDATE sync_state SET epoch = ? WHERE id = 1", {epoch});
    return epoch;
}

std::vector<ChangeRef> changesAfter(Tx& tx, std::int64_t since, std::size_t limit)
{
    auto rows = sql::query(tx.session(),
                           "SELECT seq, entity, row_id, row_version FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?",
                           {since, static_cast<std::int64_t>(limit)},
                           {SqlType::Int, SqlType::Text, SqlType::Text, SqlType::Int});
    std::vector<ChangeRef> out;
    out.reserve(rows.size());
    for (const auto& row : rows)
        out.push_back(ChangeRef{std::get<std::int64_t>(row[0]), std::get<std::string>(row[1]),
                                SqlCodec<Uuid>::decode(row[2]), std::get<std::int64_t>(row[3])});
    return out;
}

} // namespace yanghu::store
