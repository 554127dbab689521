// SPDX-License-Identifier: MIT
#pragma once

#include "sync/SyncSession.h"

#include <QObject>
#include <QString>
#include <QThread>
#include <QUrl>

#include <atomic>
#include <memory>
#include <mutex>

namespace yanghu::client {

// The sync for the UI: runs a SyncSession on its own thread (with its own connection to the
// replica file and its own network access manager), reports progress, can be cancelled.
// The engine lives on the thread that made it (the GUI's); its signals arrive there.
// Destroying a running engine cancels it and waits for the thread.
class SyncEngine : public QObject {
    Q_OBJECT
public:
    struct Config {
        QString replicaPath;
        QUrl server;
        QString token;
        SyncOptions options;
    };

    explicit SyncEngine(Config config, QObject* parent = nullptr);
    ~SyncEngine() override;

    bool isRunning() const { return m_thread != nullptr; }
    void setToken(const QString& token) { m_config.token = token; }
    // The report of the last finished sync.
    SyncReport lastReport() const;

public slots:
    // Starts a sync unless one runs.
    void start();
    // Asks the running sync to stop: the request in flight is aborted, nothing half-written.
    void cancel();

signals:
    // total -1: not known in advance.
    void progress(yanghu::client::SyncPhase phase, qint64 done, qint64 total);
    // Once per start(), after the sync thread has ended; message is translated.
    void finished(bool ok, const QString& message);
    void conflictCountChanged(qint64 count);
    void refusedCountChanged(qint64 count);

private:
    void onThreadDone();

    Config m_config;
    std::atomic<bool> m_cancel{false};
    QThread* m_thread = nullptr; // owned while running
    mutable std::mutex m_mutex;  // guards the counts and report below (written by the sync thread)
    SyncReport m_report;
    qint64 m_conflicts = 0;
    qint64 m_refused = 0;
};

} // namespace yanghu::client
