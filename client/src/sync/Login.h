// SPDX-License-Identifier: MIT
#pragma once

#include "sync/HttpChannel.h"

#include "yanghu/core/Result.h"

#include <nlohmann/json.hpp>

#include <QString>
#include <QUrl>

namespace yanghu::client {

struct LoginAnswer {
    QString token;
    nlohmann::json user; // wire JSON of the signed-in user (for Replica::bindUser)
};

// POST /api/v1/auth/login on the calling thread, tried again by `retry` when the server is
// busy (a shift change: every laptop signs in at once and the server answers 503 with
// Retry-After rather than queue a password check longer than a client waits) or does not
// answer. Errors: bad_credentials, too_many_requests, protocol_unsupported, network_failed,
// server_failed (the server's codes passed on), cancelled.
Result<LoginAnswer> login(const QUrl& server, const QString& username, const QString& password,
                          const QString& protocol = QStringLiteral("1"), int timeoutMs = 30000,
                          const RetryPolicy& retry = {}, const std::atomic<bool>* cancel = nullptr);

// POST /api/v1/auth/refresh with `token`: a new token for the same user; the server ends the
// old one once the new one is stored. Errors as login's, unauthorized when `token` has ended.
Result<LoginAnswer> refreshToken(const QUrl& server, const QString& token,
                                 const QString& protocol = QStringLiteral("1"), int timeoutMs = 30000,
                                 const RetryPolicy& retry = {}, const std::atomic<bool>* cancel = nullptr);

} // namespace yanghu::client
