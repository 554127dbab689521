// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Result.h"

#include <nlohmann/json.hpp>

#include <QString>
#include <QUrl>

namespace yanghu::client {

struct LoginAnswer {
    QString token;
    nlohmann::json user; // wire JSON of the signed-in user (for Replica::bindUser)
};

// POST /api/v1/auth/login on the calling thread. Errors: bad_credentials, too_many_requests,
// protocol_unsupported, network_failed, server_failed (the server's codes passed on).
Result<LoginAnswer> login(const QUrl& server, const QString& username, const QString& password,
                          const QString& protocol = QStringLiteral("1"), int timeoutMs = 30000);

} // namespace yanghu::client
