// SPDX-License-Identifier: MIT
#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>

class QNetworkReply;

namespace yanghu::client {

// Is the server reachable? Asks GET /healthz now and then (often while offline, so the sync
// starts soon after the network comes back; rarely while online) and says when the answer
// changes. "Online" means the server answered 200: a server whose database is down (503)
// cannot take a sync either. Lives on the GUI thread; the requests do not block it.
class ServerProbe : public QObject {
    Q_OBJECT
public:
    struct Intervals {
        std::chrono::milliseconds offline{15000};
        std::chrono::milliseconds online{60000};
        std::chrono::milliseconds timeout{5000};
    };
    explicit ServerProbe(QUrl server, Intervals intervals, QObject* parent = nullptr);
    explicit ServerProbe(QUrl server, QObject* parent = nullptr) : ServerProbe(std::move(server), Intervals{}, parent)
    {
    }

    bool isOnline() const { return m_online; }
    bool hasAnswered() const { return m_answered; }
    void setServer(QUrl server);

public slots:
    void probeNow();
    // What a sync learnt (it reached the server, or it did not): the state changes at once.
    void report(bool online);

signals:
    void onlineChanged(bool online);

private:
    void onFinished(QNetworkReply* reply);
    void schedule();

    QUrl m_server;
    Intervals m_intervals;
    QNetworkAccessManager m_nam;
    QTimer m_timer;
    QPointer<QNetworkReply> m_inFlight;
    bool m_online = false;
    bool m_answered = false;
};

} // namespace yanghu::client
