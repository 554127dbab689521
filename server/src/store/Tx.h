// SPDX-License-Identifier: MIT
#pragma once

#include "store/Actor.h"
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
    // Who this transaction writes for (store::currentActor() when it started).
    const Actor& actor() const { return m_actor; }

    // Runs `step` inside a savepoint: when it returns an Error (or throws), its statements and
    // the change_log entries it recorded are undone and the transaction goes on, so one
    // refused operation of a push batch does not undo the others. PostgreSQL needs this too
    // after any failed statement, which otherwise aborts the whole transaction.
    template <class Step>
    auto attempt(Step&& step) -> decltype(step())
    {
        const std::size_t mark = beginSavepoint();
        try {
            auto result = step();
            if (result) {
                releaseSavepoint();
                return result;
            }
            rollbackToSavepoint(mark);
            return result;
        } catch (...) {
            rollbackToSavepoint(mark);
            throw;
        }
    }

    // Records change_log entries of this transaction. They are written by flushChangeLog(),
    // which Store::write calls just before COMMIT.
    void logChange(std::string_view entity, const Uuid& rowId, std::int64_t rowVersion, ChangeOp op);
    void logChanges(const std::vector<ChangeEntry>& entries);
    // Numbers the recorded entries from sync_state.last_seq and inserts them (see
    // migrations/server/0003_sync_state.sql: taking the numbers last, right before COMMIT,
    // makes seq order the commit order). Returns the highest seq written, 0 when none.
    std::int64_t flushChangeLog();
    // Whether this transaction recorded (and has not yet flushed) a change making version
    // `rowVersion` of the row: a change the log does not show yet, made by actor().
    bool hasPendingChange(std::string_view entity, const std::string& rowId, std::int64_t rowVersion) const;

private:
    std::size_t beginSavepoint();
    void releaseSavepoint();
    void rollbackToSavepoint(std::size_t pendingMark);

    Poco::Data::Session& m_session;
    Dialect m_dialect;
    Instant m_now;
    UuidGenerator& m_ids;
    std::string m_txId;
    bool m_writable;
    Actor m_actor;
    std::vector<ChangeEntry> m_pendingChanges;
};

std::string_view changeOpName(ChangeOp op);

} // namespace yanghu::store
