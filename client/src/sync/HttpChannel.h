// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Result.h"

#include <nlohmann/json.hpp>

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <string>

namespace yanghu::client {

// One HTTP answer, or why there is none (status 0).
struct HttpAnswer {
    int status = 0;
    QByteArray body;
    std::map<QByteArray, QByteArray> headers; // names in lower case
    QString networkError;                     // status 0: what went wrong
    bool cancelled = false;

    QByteArray header(const char* lowerCaseName) const;
    // The problem+json body as an Error: code, params, errors[] as FieldErrors. An answer
    // without one (a proxy's HTML page) gives server_failed with the status.
    Error problem() const;
};

// Blocking HTTP for the sync thread: one QNetworkAccessManager (so one thread; connections
// kept alive), each request waited for in a local event loop. Every request carries the
// protocol header and, when set, the bearer token. A set cancel flag aborts the request in
// flight. System proxies are ignored: the server is addressed directly.
class HttpChannel {
public:
    HttpChannel(QUrl server, QString token, QString protocol, int timeoutMs, const std::atomic<bool>* cancel);

    using Pairs = QList<QPair<QByteArray, QByteArray>>;
    // `query` values are percent-encoded here (a crew's scope holds ':' and Chinese).
    HttpAnswer send(const QByteArray& method, const QString& path, const Pairs& query = {}, const QByteArray& body = {},
                    const Pairs& headers = {});
    HttpAnswer postJson(const QString& path, const nlohmann::json& body);

    void setToken(QString token) { m_token = std::move(token); }

private:
    QUrl m_server;
    QString m_token;
    QString m_protocol;
    int m_timeoutMs;
    const std::atomic<bool>* m_cancel;
    QNetworkAccessManager m_nam;
};

// How a request is tried again when it got no usable answer.
struct RetryPolicy {
    int attempts = 6;                       // in all, the first one included
    std::chrono::milliseconds backoff{500}; // first wait, doubled per attempt
    std::chrono::milliseconds backoffMax{30000};
    bool retryTooManyRequests = true; // 429 tried again (a sign-in lock-out is the user's to read)
};

// Sends `request` until it is answered: no answer, 408, 429 (see the policy) and 5xx are tried again after a
// growing wait (or the server's Retry-After, at most backoffMax); 401 and 426 are returned as
// their problem (errors that retrying cannot mend); any other answer is the caller's to read.
// After the last attempt: network_failed (detail: Qt's message), server_failed (status, code)
// or the 408/429 problem. A set `cancel` flag ends the wait with `cancelled`.
Result<HttpAnswer> sendWithRetries(const RetryPolicy& policy, const std::atomic<bool>* cancel,
                                   const std::function<HttpAnswer()>& request);

} // namespace yanghu::client
