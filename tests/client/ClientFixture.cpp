// SPDX-License-Identifier: MIT
#include "ClientFixture.h"

#include <QProcess>
#include <QSqlQuery>

#include <filesystem>

#ifndef YANGHU_CRASH_HELPER_EXE
#error "YANGHU_CRASH_HELPER_EXE must name yanghu_client_crash_helper"
#endif
#ifndef YANGHU_ADMIN_EXE
#error "YANGHU_ADMIN_EXE must name the yanghu-admin binary"
#endif

namespace yanghu::clienttest {

void ClientSyncTest::SetUp()
{
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(m_dir.isValid());
}

QUrl ClientSyncTest::serverUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port())); }

std::unique_ptr<client::Replica> ClientSyncTest::openReplica(const QString& name, const Clock* clock)
{
    auto r = clock ? client::Replica::open(replicaPath(name), *clock) : client::Replica::open(replicaPath(name));
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().code);
    if (!r) return nullptr;
    return std::move(*r);
}

QString ClientSyncTest::signIn(client::Replica& replica, const std::string& user)
{
    auto answer = client::login(serverUrl(), QString::fromStdString(user), QString::fromStdString("pw-" + user));
    EXPECT_TRUE(answer.ok()) << (answer.ok() ? "" : answer.error().code);
    if (!answer) return {};
    auto bound = replica.bindUser(answer->user);
    EXPECT_TRUE(bound.ok()) << (bound.ok() ? "" : bound.error().code);
    return answer->token;
}

client::SyncReport ClientSyncTest::sync(client::Replica& replica, const QString& token, client::SyncOptions options)
{
    options.backoff = std::chrono::milliseconds(10);
    client::SyncSession session(replica, serverUrl(), token, options);
    return session.run();
}

Json ClientSyncTest::serverGet(const std::string& path, const std::string& user)
{
    auto r = client().get(path, token(user));
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    return r.status == 200 ? r.json() : Json();
}

int ClientSyncTest::crashAt(const QString& replica, const QString& bearer, const char* mode, const char* point, int n,
                            int pageLimit, qint64 chunkBytes)
{
    QProcess p;
    p.start(QStringLiteral(YANGHU_CRASH_HELPER_EXE),
            {QString::fromLatin1(mode), replicaPath(replica), serverUrl().toString(), bearer, QString::fromLatin1(point),
             QString::number(n), QString::number(pageLimit), QString::number(chunkBytes)});
    EXPECT_TRUE(p.waitForFinished(60000));
    if (p.exitCode() != 42) ADD_FAILURE() << "helper: " << p.readAllStandardError().toStdString();
    return p.exitCode();
}

int ClientSyncTest::admin(const std::vector<std::string>& args)
{
    QStringList list{QStringLiteral("--db"), QString::fromStdString(m_scratch->url())};
    for (const auto& a : args) list << QString::fromStdString(a);
    QProcess p;
    p.start(QStringLiteral(YANGHU_ADMIN_EXE), list);
    p.waitForFinished(120000);
    if (p.exitCode() != 0)
        ADD_FAILURE() << "yanghu-admin failed: " << p.readAllStandardError().toStdString() << p.readAllStandardOutput().toStdString();
    return p.exitCode();
}

std::string ClientSyncTest::backupDatabase()
{
    const std::string file = m_dir.filePath(QStringLiteral("backup-%1.db").arg(++m_backups)).toStdString();
    admin({"backup", file});
    return file;
}

void ClientSyncTest::restoreDatabase(const std::string& backup, bool newEpoch)
{
    const std::string url = m_scratch->url();
    ASSERT_EQ(url.rfind("sqlite:", 0), 0u) << "restores are tested on SQLite";
    const std::filesystem::path db = url.substr(7);
    // Nothing may hold the file while it is replaced: the server and the fixture's own pool.
    m_client.reset();
    m_server->terminate();
    m_store.reset();
    m_db.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
    std::filesystem::copy_file(backup, db);
    if (newEpoch) admin({"sync", "new-epoch"});
    m_db = m_scratch->open();
    m_store = std::make_unique<store::Store>(*m_db, m_clock, m_ids);
    restartServer();
}

std::string conflictsOf(client::Replica& replica)
{
    QSqlQuery q(replica.database());
    q.exec(QStringLiteral("SELECT entity, field, rule FROM sync_conflict ORDER BY id"));
    std::string out;
    while (q.next())
        out += q.value(0).toString().toStdString() + "." + q.value(1).toString().toStdString() + ":" +
               q.value(2).toString().toStdString() + "\n";
    return out;
}

::testing::AssertionResult sameRow(const Json& replica, const Json& server)
{
    if (replica == server) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "replica: " << replica.dump() << "\nserver:  " << server.dump();
}

} // namespace yanghu::clienttest
