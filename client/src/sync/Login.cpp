// SPDX-License-Identifier: MIT
#include "sync/Login.h"

#include "sync/HttpChannel.h"
#include "sync/SyncCodes.h"

#include "yanghu/core/wire/Codec.h"

namespace yanghu::client {

Result<LoginAnswer> login(const QUrl& server, const QString& username, const QString& password, const QString& protocol,
                          int timeoutMs)
{
    HttpChannel http(server, {}, protocol, timeoutMs, nullptr);
    const HttpAnswer a = http.postJson(QStringLiteral("/api/v1/auth/login"),
                                       {{"username", username.toStdString()}, {"password", password.toStdString()}});
    if (a.status == 0) return Error::of(std::string(codes::NetworkFailed), {{"detail", a.networkError.toStdString()}});
    if (a.status != 200) return a.problem();
    auto body = wire::parse(std::string_view(a.body.constData(), static_cast<std::size_t>(a.body.size())));
    if (!body || !body->is_object() || !body->contains("token") || !(*body)["token"].is_string() || !body->contains("user"))
        return Error::of(std::string(codes::BadAnswer), {{"detail", "login answer"}});
    return LoginAnswer{QString::fromStdString((*body)["token"].get<std::string>()), (*body)["user"]};
}

} // namespace yanghu::client
