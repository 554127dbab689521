// SPDX-License-Identifier: MIT
#include "sync/SyncEngine.h"

#include "replica/Replica.h"

namespace yanghu::client {

SyncEngine::SyncEngine(Config config, QObject* parent) : QObject(parent), m_config(std::move(config)) {}

SyncEngine::~SyncEngine()
{
    if (!m_thread) return;
    m_cancel = true;
    m_thread->wait();
    delete m_thread;
}

SyncReport SyncEngine::lastReport() const
{
    std::lock_guard lock(m_mutex);
    return m_report;
}

void SyncEngine::start()
{
    if (m_thread) return;
    m_cancel = false;
    const Config config = m_config;
    m_thread = QThread::create([this, config] {
        SyncReport report;
        qint64 conflicts = 0;
        qint64 refused = 0;
        {
            // Opened and closed on this thread: Qt Sql connections are per thread.
            auto replica = Replica::open(config.replicaPath);
            if (!replica) {
                report.error = replica.error();
                report.stop = SyncStop::Local;
                report.message = describe(report);
            } else {
                SyncSession session(**replica, config.server, config.token, config.options);
                session.setCancelFlag(&m_cancel);
                session.onProgress([this](SyncPhase phase, qint64 done, qint64 total) { emit progress(phase, done, total); });
                report = session.run();
                if (auto c = (*replica)->conflictCount()) conflicts = *c;
                if (auto r = (*replica)->refused()) refused = static_cast<qint64>(r->size());
            }
        }
        std::lock_guard lock(m_mutex);
        m_report = report;
        m_conflicts = conflicts;
        m_refused = refused;
    });
    connect(m_thread, &QThread::finished, this, &SyncEngine::onThreadDone, Qt::QueuedConnection);
    m_thread->start();
}

void SyncEngine::cancel() { m_cancel = true; }

void SyncEngine::onThreadDone()
{
    if (!m_thread) return;
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    SyncReport report;
    qint64 conflicts = 0;
    qint64 refused = 0;
    {
        std::lock_guard lock(m_mutex);
        report = m_report;
        conflicts = m_conflicts;
        refused = m_refused;
    }
    emit conflictCountChanged(conflicts);
    emit refusedCountChanged(refused);
    emit finished(report.ok, report.message);
}

} // namespace yanghu::client
