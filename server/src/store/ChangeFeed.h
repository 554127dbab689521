// SPDX-License-Identifier: MIT
#pragma once

#include "store/Tx.h"

#include "yanghu/core/Uuid.h"

#include <cstdint>
#include <string>
#include <vector>

// The change log read as a feed for replicas (issue #4). The order is commit order: see
// migrations/server/0003_sync_state.sql.
namespace yanghu::store {

struct SyncState {
    std::string epoch;           // this database's history; a new one after a restore
    std::int64_t lastSeq = 0;    // the highest seq handed out
    std::int64_t historyFrom = 0; // the log is complete after this seq
};
SyncState readSyncState(Tx& tx);

// Starts a new epoch (run after restoring a backup): every replica re-downloads and re-pushes
// what the restore lost. The log is kept whole. Returns the new epoch.
std::string startNewEpoch(Tx& tx);

struct ChangeRef {
    std::int64_t seq = 0;
    std::string entity; // table name
    Uuid rowId;
    std::int64_t rowVersion = 0;
};
// At most `limit` entries with seq > `since`, in seq order.
std::vector<ChangeRef> changesAfter(Tx& tx, std::int64_t since, std::size_t limit);

} // namespace yanghu::store
