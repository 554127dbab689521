// SPDX-License-Identifier: MIT
#include "sync/Login.h"

#include "sync/HttpChannel.h"
#include "sync/SyncCodes.h"

#include "yanghu/core/wire/Codec.h"

namespace yanghu::client {

namespace {

// The server's {"token", "expires_at", "user"}, or its problem.
Result<LoginAnswer> sessionOf(const HttpAnswer& a)
{
    if (a.status != 200) return a.problem();
    auto parsed = wire::parse(std::string_view(a.body.constData(), static_cast<std::size_t>(a.body.size())));
    if (!parsed || !parsed->is_object() || !parsed->contains("token") || !(*parsed)["token"].is_string() ||
        !parsed->contains("user"))
        return Error::of(std::string(codes::BadAnswer), {{"detail", "session answer"}});
    return LoginAnswer{QString::fromStdString((*parsed)["token"].get<std::string>()), (*parsed)["user"]};
}

} // namespace

Result<LoginAnswer> login(const QUrl& server, const QString& username, const QString& password, const QString& protocol,
                          int timeoutMs, const RetryPolicy& retry, const std::atomic<bool>* cancel)
{
    HttpChannel http(server, {}, protocol, timeoutMs, cancel);
    // 429 here is the lock-out after failed passwords: said at once, not waited out.
    RetryPolicy policy = retry;
    policy.retryTooManyRequests = false;
    const nlohmann::json body = {{"username", username.toStdString()}, {"password", password.toStdString()}};
    auto answer =
        sendWithRetries(policy, cancel, [&] { return http.postJson(QStringLiteral("/api/v1/auth/login"), body); });
    if (!answer) return answer.error();
    return sessionOf(*answer);
}

Result<LoginAnswer> refreshToken(const QUrl& server, const QString& token, const QString& protocol, int timeoutMs,
                                 const RetryPolicy& retry, const std::atomic<bool>* cancel)
{
    HttpChannel http(server, token, protocol, timeoutMs, cancel);
    auto answer = sendWithRetries(
        retry, cancel, [&] { return http.postJson(QStringLiteral("/api/v1/auth/refresh"), nlohmann::json::object()); });
    if (!answer) return answer.error();
    return sessionOf(*answer);
}

} // namespace yanghu::client
