// SPDX-License-Identifier: MIT
#pragma once

#include "replica/Replica.h"

#include "yanghu/core/Result.h"

#include <QCoreApplication>
#include <QObject>
#include <QString>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <functional>

namespace yanghu::client {

Q_NAMESPACE

// The phases of one sync, in order.
enum class SyncPhase { Photos, Push, Pull };
Q_ENUM_NS(SyncPhase)

// Why a sync stopped before the end.
enum class SyncStop {
    None,            // it ran to the end
    Cancelled,       // cancel() between or during requests; nothing half-written
    Unauthorized,    // 401: the token expired or was revoked; sign in again
    UpgradeRequired, // 426: this client speaks another protocol; the outbox is kept
    Network,         // no answer after the retries
    Server,          // the server failed (5xx after the retries) or answered what the engine cannot read
    Local,           // the replica could not be written
};
Q_ENUM_NS(SyncStop)

struct SyncOptions {
    QString protocol = QStringLiteral("1"); // X-Yanghu-Protocol
    int pageLimit = 2000;                   // change-log entries per pull page (server: 1..2000; bench-sync: a
                                            // crew downloads 1.45x faster than with 500)
    int batchSize = 200;                    // operations per push batch (server: at most 200)
    std::size_t batchBytes = 4u << 20;      // and about this much JSON (server body limit: 8 MiB)
    qint64 chunkBytes = 1 << 20;            // photo upload chunk
    int attempts = 6;                       // per request, on network errors and 5xx
    std::chrono::milliseconds backoff{500}; // first wait, doubled per attempt
    std::chrono::milliseconds backoffMax{30000};
    int timeoutMs = 60000; // no byte moved for this long: the request failed
    int maxPages = -1;     // stop the pull after this many pages (-1: until has_more is false)
    int rounds = 3;        // push+pull rounds while a pull re-queues operations (after a restore)
};

struct SyncReport {
    bool ok = false;
    SyncStop stop = SyncStop::None;
    Error error;     // machine-readable, when !ok
    QString message; // for the user, translated
    int photosUploaded = 0;
    int photosFailed = 0;
    int operationsSent = 0;
    int acknowledged = 0;
    int refused = 0;
    int retried = 0; // refused for a concurrent write (version_conflict) and sent again
    int conflicts = 0;
    qint64 rowsPulled = 0;
    int pages = 0;
    int resyncs = 0;
    int requeued = 0;
    bool pullComplete = false;
};

// One sync of one replica, run to its end on the calling thread (SyncEngine runs it on its
// own thread): upload pending photos (resumable chunks), push the outbox in batches, pull
// pages until has_more is false; again while a pull re-queued operations a restore lost.
// The replica must have been opened on this thread. Nothing is written half: each step is
// one replica transaction (SyncStore).
class SyncSession {
    Q_DECLARE_TR_FUNCTIONS(yanghu::client::SyncSession)
public:
    using Progress = std::function<void(SyncPhase phase, qint64 done, qint64 total)>;

    SyncSession(Replica& replica, QUrl server, QString token, SyncOptions options = {});

    // total -1: not known in advance (a pull's row count).
    void onProgress(Progress progress) { m_progress = std::move(progress); }
    // Set from any thread; looked at before each request and while one is in flight.
    void setCancelFlag(const std::atomic<bool>* cancel) { m_cancel = cancel; }

    SyncReport run();
    // The phases alone (tests, and a UI that wants only to send).
    SyncReport uploadPhotos();
    SyncReport push();
    SyncReport pull();

private:
    class Impl;
    Replica& m_replica;
    QUrl m_server;
    QString m_token;
    SyncOptions m_options;
    Progress m_progress;
    const std::atomic<bool>* m_cancel = nullptr;
};

// What the user is told about a stop, translated.
QString describe(const SyncReport& report);

} // namespace yanghu::client
