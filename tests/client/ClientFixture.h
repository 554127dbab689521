// SPDX-License-Identifier: MIT
#pragma once

#include "ApiFixture.h"

#include "replica/Replica.h"
#include "sync/Login.h"
#include "sync/SyncSession.h"

#include <QTemporaryDir>
#include <QUrl>

#include <memory>
#include <string>

namespace yanghu::clienttest {

using Json = nlohmann::json;

// The real yanghu-server on the ApiTest city (see tests/server/ApiFixture.h: crews C-01 in
// 丛台区 and C-02 in 邯山区, users admin, dispatcher, supervisor, crew_a, crew_b with password
// "pw-<name>", orders woA (C-01) and woB (C-02)), and replica files in a temp folder.
class ClientSyncTest : public servertest::ApiTest {
protected:
    void SetUp() override;

    QUrl serverUrl() const;
    QString replicaPath(const QString& name) const { return m_dir.filePath(name + QStringLiteral(".replica")); }
    // Opens (creating) a replica file; fails the test when it cannot.
    std::unique_ptr<client::Replica> openReplica(const QString& name, const Clock* clock = nullptr);
    // Signs `user` in through the client's login and binds the replica to them; the token.
    QString signIn(client::Replica& replica, const std::string& user);
    client::SyncReport sync(client::Replica& replica, const QString& token, client::SyncOptions options = {});
    // GET path as `user` (the server's view of a row).
    Json serverGet(const std::string& path, const std::string& user = "dispatcher");
    Json serverOrder(const Uuid& id) { return serverGet("/api/v1/work-orders/" + id.toString()); }
    // Restarts the server on a copy of its database made earlier with backupDatabase(), after
    // `yanghu-admin sync new-epoch` (a restore as an operator does it). SQLite only.
    std::string backupDatabase();
    void restoreDatabase(const std::string& backup, bool newEpoch = true);
    // Runs the crash helper (CrashHelper.cpp) on a replica: a sync ("sync") or a pull alone
    // ("pull") that dies (exit 42) the n-th time the replica reaches `point`. Its exit code.
    int crashAt(const QString& replica, const QString& bearer, const char* mode, const char* point, int n,
                int pageLimit = 3, qint64 chunkBytes = 1 << 20);
    // Runs yanghu-admin with `args` on the test database; its exit code.
    int admin(const std::vector<std::string>& args);

    QTemporaryDir m_dir;
    int m_backups = 0;
};

// The conflicts a replica recorded, as "entity.field:rule" lines (for failure messages).
std::string conflictsOf(client::Replica& replica);

// The body a replica shows and the server's row agree on every member the server sends.
::testing::AssertionResult sameRow(const Json& replica, const Json& server);

} // namespace yanghu::clienttest
