// SPDX-License-Identifier: MIT
#pragma once

#include <nlohmann/json.hpp>

#include <QDateTime>
#include <QString>
#include <QUrl>

#include <optional>

namespace yanghu::client {

// The last sign-in, enough to open that user's replica at the next start without the server.
struct RememberedSignIn {
    QUrl server;
    QString username;
    QString token;       // the bearer token; refreshed by signing in again when it expires
    nlohmann::json user; // the login answer's "user" (wire JSON): role, crew
    QString replicaPath;
};

// What the client remembers between runs, in one INI file in the user's configuration folder,
// readable by its owner only: the server address, the language, the last sign-in and when
// each replica last synced. The password is never stored. The token is what a lost laptop
// would expose; the server can revoke it (sign out, or an administrator deactivating the
// user), and the replica it opens holds only that crew's rows.
class Profile {
public:
    explicit Profile(QString settingsFile = defaultFile());
    static QString defaultFile(); // <config>/Yanghu/yanghu.ini

    QUrl server() const;
    void setServer(const QUrl& server);
    // "" (follow the system), "zh_CN" or "en".
    QString language() const;
    void setLanguage(const QString& language);

    std::optional<RememberedSignIn> lastSignIn() const;
    void remember(const RememberedSignIn& signIn);
    // Signing out: the token goes; server and username stay as the login form's suggestions.
    void forgetToken();
    QString lastUsername() const;
    void setLastUsername(const QString& username);

    std::optional<QDateTime> lastSync(const QString& replicaPath) const;
    void setLastSync(const QString& replicaPath, const QDateTime& at);

    // Where a user's replica lives: one file per server and user under `dataDir` (the
    // application's data folder when empty). Names are percent-encoded: 中文 users are fine.
    static QString replicaPathFor(const QUrl& server, const QString& username, const QString& dataDir = {});

    const QString& file() const { return m_file; }

private:
    void write(const QString& key, const QVariant& value);
    QVariant read(const QString& key) const;

    QString m_file;
};

} // namespace yanghu::client
