// SPDX-License-Identifier: MIT
#pragma once

#include "store/Database.h"

#include "yanghu/core/Clock.h"
#include "yanghu/core/Uuid.h"

#include <Poco/Data/Session.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace yanghu::store {

enum class ChangeOp { Insert, Update, Delete };

struct ChangeEntry {
    std::string entity; // table name
    std::string rowId;
    std::int64_t rowVersion = 0;
    ChangeOp op = ChangeOp::Insert;
};

// One open transaction, handed to the function given to Store::write/read. It does not own
// the session's transaction: Store commits or rolls back when that function returns. `now()`
// is read once when the transaction starts, so every row of one transaction carries the same
// created_at/updated_at and change_log time. A Tx must not outlive the call it was given to.
class Tx {
public:
    Tx(Poco::Data::Session& session, Dialect dialect, const Clock& clock, UuidGenerator& ids, bool writable);

    Poco::Data::Session& session() { return m_session; }
    Dialect dialect() const { return m_dialect; }
    Instant now() const { return m_now; }
    std::int64_t nowMs() const { return m_now.time_since_epoch().count(); }
    UuidGenerator& ids() { return m_ids; }
    const std::string& txId() const { return m_txId; }
    bool writable() const { return m_writable; }

    // Records change_log entries of this transaction. They are written by flushChangeLog(),
    // which Store::write calls just before COMMIT.
    void logChange(std::string_view entity, const Uuid& rowId, std::int64_t rowVersion, ChangeOp op);
    void logChanges(const std::vector<ChangeEntry>& entries);
    // Numbers the recorded entries from sync_state.last_seq and inserts them (see
    // migrations/server/0003_sync_state.sql: taking the numbers last, right before COMMIT,
    // makes seq order the commit order). Returns the highest seq written, 0 when none.
    std::int64_t flushChangeLog();

private:
    Poco::Data::Session& m_session;
    Dialect m_dialect;
    Instant m_now;
    UuidGenerator& m_ids;
    std::string m_txId;
    bool m_writable;
    std::vector<ChangeEntry> m_pendingChanges;
};

std::string_view changeOpName(ChangeOp op);

} // namespace yanghu::store
