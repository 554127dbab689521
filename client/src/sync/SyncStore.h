// SPDX-License-Identifier: MIT
#pragma once

#include "replica/Replica.h"

#include "yanghu/core/Result.h"

#include <nlohmann/json.hpp>

#include <QJsonArray>
#include <QString>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

// What the sync engine writes into the replica, each step one transaction: a batch taken
// from the outbox, the server's answer to it, a pulled page together with the cursor, the
// start of a re-download. The network side is SyncSession's.
namespace yanghu::client {

// Operations sent together under one idempotency key. A batch once marked sent is sent again
// with the same key and the same operations until the server answers it.
struct PushBatch {
    std::string batchId;
    std::vector<OutboxEntry> operations;
};

struct PushOutcome {
    int acknowledged = 0;
    int refused = 0;
    int conflicts = 0;
    int retried = 0;
};

// One page of GET /sync/pull. Its rows stay Qt JSON: most are written as their text, and
// only rows with pending edits are parsed further.
struct PulledPage {
    QJsonArray rows;
    std::int64_t nextSince = 0;
    bool hasMore = false;
    std::string epoch;
    std::string scope;
};

struct PageOutcome {
    int rows = 0;
    int requeued = 0; // acknowledged operations a restored server lost, queued again
    bool complete = false;
};

struct PendingPhoto {
    QString sha256;
    QString path;
    qint64 size = 0;
    QString contentType;
};

// The push request body for `batch` (client_id, batch_id, operations).
nlohmann::json pushBody(const std::string& clientId, const PushBatch& batch);

class SyncStore {
public:
    explicit SyncStore(Replica& replica) : m_replica(replica) {}

    // The batch to send: the one already sent and not answered (same key, same operations),
    // else up to `maxOperations` pending operations (and about `maxBytes` of JSON), oldest
    // first, marked sent under a new key. None when the outbox has nothing to send.
    Result<std::optional<PushBatch>> nextBatch(int maxOperations, std::size_t maxBytes);
    // The server's 200 answer: applied/unchanged operations acknowledged (they leave the
    // outbox once the pull passes the batch's last_seq), refused ones moved to `refused`,
    // conflicts recorded. bad_answer (nothing written) when an operation has no result.
    // Refused operations named in `retry` go back to pending instead (a refusal the server
    // may not repeat, such as a concurrent write's version_conflict); they keep their place.
    Result<PushOutcome> applyAnswer(const PushBatch& batch, const nlohmann::json& answer,
                                    const std::set<std::string>& retry = {});
    // The server refused the batch as a whole without storing it (422 on its shape): the
    // operations named in `errors` (by index) are refused with their errors, the others go
    // back to pending to be sent under a new key.
    Result<int> refuseInBatch(const PushBatch& batch, const std::map<std::size_t, nlohmann::json>& errors);
    // The batch goes back to pending (the server stored nothing under its key).
    Status requeue(const PushBatch& batch);

    // One pulled page and the cursor after it, in one transaction; see SyncStore.cpp.
    Result<PageOutcome> applyPage(const PulledPage& page);
    // 410 resync_required: the replicated rows and the cursor go (rows with live operations
    // stay, marked not fresh), the outbox stays. After a restore (epoch_changed,
    // cursor_ahead) acknowledged operations are checked against the new download.
    Status startResync(const std::string& reason, const std::string& epoch);

    Result<std::vector<PendingPhoto>> pendingPhotos();
    Status photoUploaded(const QString& sha256, qint64 offset, bool complete);
    Status photoFailed(const QString& sha256, const nlohmann::json& error);

    // Acknowledged operations kept as the journal after they left the outbox (for re-pushing
    // after a server restore); the oldest beyond this many are dropped.
    static constexpr int kJournalKeep = 20000;

private:
    Status retireAcknowledged();
    Result<int> reconcile(const std::string& epoch);
    Status refuse(const OutboxEntry& op, const nlohmann::json& error, bool partial);

    Replica& m_replica;
};

} // namespace yanghu::client
