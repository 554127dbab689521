// SPDX-License-Identifier: MIT
#include "app/ServerProbe.h"

#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace yanghu::client {

ServerProbe::ServerProbe(QUrl server, Intervals intervals, QObject* parent)
    : QObject(parent), m_server(std::move(server)), m_intervals(intervals)
{
    m_nam.setProxy(QNetworkProxy::NoProxy); // the server is addressed directly, as by the sync
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ServerProbe::probeNow);
    schedule();
}

void ServerProbe::setServer(QUrl server)
{
    m_server = std::move(server);
    if (m_inFlight) m_inFlight->abort();
    probeNow();
}

void ServerProbe::probeNow()
{
    if (m_inFlight) return;
    QUrl url = m_server;
    url.setPath(QStringLiteral("/healthz"));
    QNetworkRequest request(url);
    request.setTransferTimeout(static_cast<int>(m_intervals.timeout.count()));
    m_inFlight = m_nam.get(request);
    QNetworkReply* reply = m_inFlight;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

void ServerProbe::onFinished(QNetworkReply* reply)
{
    reply->deleteLater();
    if (reply != m_inFlight) return;
    m_inFlight = nullptr;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    report(reply->error() == QNetworkReply::NoError && status == 200);
}

void ServerProbe::report(bool online)
{
    const bool changed = !m_answered || online != m_online;
    m_answered = true;
    m_online = online;
    schedule();
    if (changed) emit onlineChanged(online);
}

void ServerProbe::schedule()
{
    m_timer.start(m_online ? m_intervals.online : m_intervals.offline);
}

} // namespace yanghu::client
