// SPDX-License-Identifier: MIT
#include "sync/HttpChannel.h"

#include "sync/SyncCodes.h"

#include "yanghu/core/wire/Codec.h"
#include "yanghu/core/wire/JsonText.h"

#include <QEventLoop>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace yanghu::client {

QByteArray HttpAnswer::header(const char* lowerCaseName) const
{
    auto it = headers.find(QByteArray(lowerCaseName));
    return it == headers.end() ? QByteArray() : it->second;
}

Error HttpAnswer::problem() const
{
    auto parsed = wire::parse(std::string_view(body.constData(), static_cast<std::size_t>(body.size())));
    if (!parsed || !parsed->is_object() || !parsed->contains("code") || !(*parsed)["code"].is_string())
        return Error::of(std::string(codes::ServerFailed), {{"status", std::to_string(status)}});
    const nlohmann::json& p = *parsed;
    Error e = Error::of(p["code"].get<std::string>());
    if (auto params = p.find("params"); params != p.end() && params->is_object())
        for (const auto& [k, v] : params->items()) e.params[k] = v.is_string() ? v.get<std::string>() : v.dump();
    e.params["status"] = std::to_string(status);
    if (auto errors = p.find("errors"); errors != p.end() && errors->is_array()) {
        for (const auto& f : *errors) {
            if (!f.is_object()) continue;
            FieldError fe{f.value("field", std::string()), f.value("code", std::string()), {}};
            if (auto fp = f.find("params"); fp != f.end() && fp->is_object())
                for (const auto& [k, v] : fp->items()) fe.params[k] = v.is_string() ? v.get<std::string>() : v.dump();
            e.fields.push_back(std::move(fe));
        }
    }
    return e;
}

HttpChannel::HttpChannel(QUrl server, QString token, QString protocol, int timeoutMs, const std::atomic<bool>* cancel)
    : m_server(std::move(server)), m_token(std::move(token)), m_protocol(std::move(protocol)), m_timeoutMs(timeoutMs),
      m_cancel(cancel)
{
    m_nam.setProxy(QNetworkProxy::NoProxy);
    m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpAnswer HttpChannel::send(const QByteArray& method, const QString& path, const Pairs& query, const QByteArray& body,
                             const Pairs& headers)
{
    HttpAnswer answer;
    if (m_cancel && m_cancel->load()) {
        answer.cancelled = true;
        return answer;
    }
    QUrl url = m_server;
    url.setPath(path);
    QByteArray encoded;
    for (const auto& [key, value] : query) {
        if (!encoded.isEmpty()) encoded += '&';
        encoded +=
            QUrl::toPercentEncoding(QString::fromUtf8(key)) + '=' + QUrl::toPercentEncoding(QString::fromUtf8(value));
    }
    if (!encoded.isEmpty()) url.setQuery(QString::fromLatin1(encoded), QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("X-Yanghu-Protocol", m_protocol.toUtf8());
    if (!m_token.isEmpty()) request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    for (const auto& [name, value] : headers) request.setRawHeader(name, value);

    // Deleted here, not with deleteLater: this thread may run no event loop after the call.
    std::unique_ptr<QNetworkReply> owned;
    if (method == "GET")
        owned.reset(m_nam.get(request));
    else if (method == "HEAD")
        owned.reset(m_nam.head(request));
    else
        owned.reset(m_nam.sendCustomRequest(request, method, body));
    QNetworkReply* reply = owned.get();

    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // The cancel flag is another thread's: looked at while waiting, and the request aborted.
    QTimer poll;
    poll.setInterval(50);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (m_cancel && m_cancel->load()) {
            answer.cancelled = true;
            reply->abort();
        }
    });
    poll.start();
    if (!reply->isFinished()) loop.exec();
    poll.stop();

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid() && !answer.cancelled) {
        answer.status = status.toInt();
        answer.body = reply->readAll();
        for (const auto& [name, value] : reply->rawHeaderPairs()) answer.headers[name.toLower()] = value;
    } else {
        answer.networkError = reply->errorString();
    }
    return answer;
}

HttpAnswer HttpChannel::postJson(const QString& path, const nlohmann::json& body)
{
    const std::string text = wire::toJsonText(body);
    return send("POST", path, {}, QByteArray(text.data(), static_cast<qsizetype>(text.size())),
                {{"Content-Type", "application/json"}});
}

Result<HttpAnswer> sendWithRetries(const RetryPolicy& policy, const std::atomic<bool>* cancel,
                                   const std::function<HttpAnswer()>& request)
{
    const auto cancelled = [cancel] { return cancel && cancel->load(); };
    auto delay = policy.backoff;
    for (int attempt = 1;; ++attempt) {
        if (cancelled()) return Error::of(std::string(codes::Cancelled));
        HttpAnswer a = request();
        if (a.cancelled) return Error::of(std::string(codes::Cancelled));
        const bool transient =
            a.status == 0 || a.status == 408 || (a.status == 429 && policy.retryTooManyRequests) || a.status >= 500;
        if (!transient) {
            if (a.status == 401 || a.status == 426) return a.problem();
            return a;
        }
        if (attempt >= policy.attempts) {
            if (a.status == 0)
                return Error::of(std::string(codes::NetworkFailed), {{"detail", a.networkError.toStdString()}});
            Error e = a.problem();
            if (a.status >= 500)
                return Error::of(std::string(codes::ServerFailed),
                                 {{"status", std::to_string(a.status)}, {"code", e.code}});
            return e;
        }
        auto pause = delay;
        if (const QByteArray retry = a.header("retry-after"); !retry.isEmpty())
            pause = std::chrono::seconds(std::clamp(retry.toInt(), 0, 300));
        // Slept in short steps so that a cancel is seen at once.
        const auto until = std::chrono::steady_clock::now() + std::min(pause, policy.backoffMax);
        while (!cancelled() && std::chrono::steady_clock::now() < until) QThread::msleep(20);
        delay = std::min(delay * 2, policy.backoffMax);
    }
}

} // namespace yanghu::client
