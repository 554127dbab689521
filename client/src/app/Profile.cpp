// SPDX-License-Identifier: MIT
#include "app/Profile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace yanghu::client {

namespace {

const QString kServer = QStringLiteral("server/url");
const QString kLanguage = QStringLiteral("ui/language");
const QString kUsername = QStringLiteral("signin/username");
const QString kToken = QStringLiteral("signin/token");
const QString kUser = QStringLiteral("signin/user");
const QString kReplica = QStringLiteral("signin/replica");
const QString kSignedInServer = QStringLiteral("signin/server");

QString syncKey(const QString& replicaPath)
{
    return QStringLiteral("lastsync/") + QString::fromLatin1(replicaPath.toUtf8().toHex()); // any path, one key
}

} // namespace

Profile::Profile(QString settingsFile) : m_file(std::move(settingsFile))
{
}

QString Profile::defaultFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/Yanghu/yanghu.ini");
}

QVariant Profile::read(const QString& key) const
{
    const QSettings settings(m_file, QSettings::IniFormat);
    return settings.value(key);
}

void Profile::write(const QString& key, const QVariant& value)
{
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    {
        QSettings settings(m_file, QSettings::IniFormat);
        if (value.isNull())
            settings.remove(key);
        else
            settings.setValue(key, value);
        settings.sync();
    }
    // The file holds a bearer token: its owner's alone.
    QFile::setPermissions(m_file, QFile::ReadOwner | QFile::WriteOwner);
}

QUrl Profile::server() const
{
    return QUrl(read(kServer).toString());
}
void Profile::setServer(const QUrl& server)
{
    write(kServer, server.toString());
}

QString Profile::language() const
{
    return read(kLanguage).toString();
}
void Profile::setLanguage(const QString& language)
{
    write(kLanguage, language);
}

QString Profile::lastUsername() const
{
    return read(kUsername).toString();
}
void Profile::setLastUsername(const QString& username)
{
    write(kUsername, username);
}

std::optional<RememberedSignIn> Profile::lastSignIn() const
{
    const QSettings settings(m_file, QSettings::IniFormat);
    RememberedSignIn s;
    s.server = QUrl(settings.value(kSignedInServer).toString());
    s.username = settings.value(kUsername).toString();
    s.token = settings.value(kToken).toString();
    s.replicaPath = settings.value(kReplica).toString();
    s.user = nlohmann::json::parse(settings.value(kUser).toString().toStdString(), nullptr, false);
    if (!s.server.isValid() || s.username.isEmpty() || s.token.isEmpty() || s.replicaPath.isEmpty() ||
        !s.user.is_object())
        return std::nullopt;
    return s;
}

void Profile::remember(const RememberedSignIn& signIn)
{
    write(kSignedInServer, signIn.server.toString());
    write(kUsername, signIn.username);
    write(kToken, signIn.token);
    write(kUser, QString::fromStdString(signIn.user.dump()));
    write(kReplica, signIn.replicaPath);
}

void Profile::forgetToken()
{
    write(kToken, QVariant());
}

std::optional<QDateTime> Profile::lastSync(const QString& replicaPath) const
{
    const QDateTime at = QDateTime::fromString(read(syncKey(replicaPath)).toString(), Qt::ISODateWithMs);
    if (!at.isValid()) return std::nullopt;
    return at;
}

void Profile::setLastSync(const QString& replicaPath, const QDateTime& at)
{
    write(syncKey(replicaPath), at.toUTC().toString(Qt::ISODateWithMs));
}

QString Profile::replicaPathFor(const QUrl& server, const QString& username, const QString& dataDir)
{
    const QString base = dataDir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                                                 QStringLiteral("/Yanghu")
                                           : dataDir;
    const QString host = QString::fromLatin1(
        QUrl::toPercentEncoding(server.host() + QLatin1Char('_') +
                                QString::number(server.port(server.scheme() == QLatin1String("https") ? 443 : 80))));
    const QString user = QString::fromLatin1(QUrl::toPercentEncoding(username));
    return base + QStringLiteral("/replicas/") + host + QLatin1Char('/') + user + QStringLiteral(".replica");
}

} // namespace yanghu::client
