// SPDX-License-Identifier: MIT
// The first download of the demo city (yanghu-admin demo-city: 40 streets, 23k assets, two
// years of orders and reports) into a replica: for the dispatcher every row of every table,
// for one crew exactly its scope, counted against the server's database. Also the time it
// takes against a plain bulk insert of the same rows (printed, not asserted).
#include "FieldSim.h"
#include "ServerProcess.h"

#include "replica/Replica.h"
#include "replica/Sql.h"
#include "sync/Login.h"
#include "sync/SyncSession.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <iostream>
#include <memory>

#ifndef YANGHU_ADMIN_EXE
#error "YANGHU_ADMIN_EXE must name the yanghu-admin binary"
#endif

using namespace yanghu;
using namespace yanghu::client;

namespace {

const char* const kEntities[] = {"street",     "asset",   "defect_report",  "work_order", "crew",
                                 "app_user",   "programme", "shift_calendar", "crew_shift"};

class DemoCitySync : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = new QTemporaryDir();
        s_dbPath = s_dir->filePath(QStringLiteral("city.db"));
        QProcess admin;
        admin.start(QStringLiteral(YANGHU_ADMIN_EXE), {QStringLiteral("--db"), QStringLiteral("sqlite:") + s_dbPath,
                                                       QStringLiteral("demo-city")});
        admin.waitForFinished(300000);
        ASSERT_EQ(admin.exitCode(), 0) << admin.readAllStandardError().toStdString();
        s_server = new servertest::ServerProcess("sqlite:" + s_dbPath.toStdString());
        // The server's own file, read directly for the counts (WAL: a consistent snapshot).
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("server-db"));
        db.setDatabaseName(s_dbPath);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        ASSERT_TRUE(db.open());
    }
    static void TearDownTestSuite()
    {
        QSqlDatabase::database(QStringLiteral("server-db")).close();
        QSqlDatabase::removeDatabase(QStringLiteral("server-db"));
        delete s_server;
        delete s_dir;
    }

    static QUrl url() { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(s_server->port())); }
    static std::int64_t serverCount(const QString& text, const QVariantList& binds = {})
    {
        return client::sql::scalar(QSqlDatabase::database(QStringLiteral("server-db")), text, binds).value();
    }

    // Downloads the city into a new replica as `user`; the seconds it took.
    double download(Replica& replica, const char* user, const char* password)
    {
        auto signedIn = client::login(url(), QString::fromLatin1(user), QString::fromLatin1(password));
        EXPECT_TRUE(signedIn.ok());
        EXPECT_TRUE(replica.bindUser(signedIn->user).ok());
        SyncOptions options;
        options.pageLimit = 2000;
        QElapsedTimer timer;
        timer.start();
        const SyncReport report = SyncSession(replica, url(), signedIn->token, options).run();
        const double seconds = static_cast<double>(timer.elapsed()) / 1000.0;
        EXPECT_TRUE(report.ok) << report.message.toStdString();
        EXPECT_TRUE(report.pullComplete);
        std::cout << user << ": " << report.rowsPulled << " rows in " << seconds << " s ("
                  << static_cast<double>(report.rowsPulled) / seconds << " rows/s, " << report.pages << " pages)\n";
        return seconds;
    }

    QTemporaryDir m_dir;
    static QTemporaryDir* s_dir;
    static QString s_dbPath;
    static servertest::ServerProcess* s_server;
};

QTemporaryDir* DemoCitySync::s_dir = nullptr;
QString DemoCitySync::s_dbPath;
servertest::ServerProcess* DemoCitySync::s_server = nullptr;

TEST_F(DemoCitySync, TheDispatchersFirstDownloadHoldsEveryRowOfEveryTable)
{
    auto replica = Replica::open(m_dir.filePath(QStringLiteral("office.replica")));
    ASSERT_TRUE(replica.ok());
    const double seconds = download(**replica, "dispatcher1", "demo-dispatcher");
    std::int64_t total = 0;
    for (const char* entity : kEntities) {
        const auto server = serverCount(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(entity)));
        EXPECT_EQ((*replica)->count(entity, true).value(), server) << entity;
        total += server;
    }
    EXPECT_GT(total, 20000);

    // The same rows inserted plainly into SQLite, for the ratio (not asserted: timing).
    auto rows = client::sql::run((*replica)->database(), QStringLiteral("SELECT entity, id, body FROM replica_row"));
    ASSERT_TRUE(rows.ok());
    QSqlDatabase plain = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("plain"));
    {
        plain.setDatabaseName(m_dir.filePath(QStringLiteral("plain.db")));
        ASSERT_TRUE(plain.open());
        QSqlQuery(plain).exec(QStringLiteral("CREATE TABLE t (entity TEXT, id TEXT, body TEXT, PRIMARY KEY (entity, id))"));
        QElapsedTimer timer;
        timer.start();
        plain.transaction();
        QSqlQuery insert(plain);
        insert.prepare(QStringLiteral("INSERT INTO t VALUES (?, ?, ?)"));
        while (rows->next()) {
            for (int i = 0; i < 3; ++i) insert.bindValue(i, rows->value(i));
            insert.exec();
        }
        plain.commit();
        const double raw = static_cast<double>(timer.elapsed()) / 1000.0;
        std::cout << "plain insert of the same rows: " << raw << " s; download / insert time: " << seconds / raw << "\n";
        plain.close();
    }
    plain = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("plain"));
}

TEST_F(DemoCitySync, ACrewsFirstDownloadHoldsExactlyItsScope)
{
    auto replica = Replica::open(m_dir.filePath(QStringLiteral("crew.replica")));
    ASSERT_TRUE(replica.ok());
    download(**replica, "crew03-1", "demo-crew");
    const QString crewId = QString::fromStdString((*replica)->user()->crewId->toString());
    const QString district = QString::fromStdString((*replica)->cursor()->scope.value()).section(QLatin1Char(':'), 2);
    ASSERT_FALSE(district.isEmpty());
    EXPECT_EQ((*replica)->count("work_order", true).value(),
              serverCount(QStringLiteral("SELECT COUNT(*) FROM work_order WHERE crew_id = ?"), {crewId}));
    // The district's streets and assets, and those of the crew's open orders wherever they are.
    const QString openOrderAssets = QStringLiteral(
        "SELECT woa.asset_id FROM work_order_asset woa JOIN work_order w ON w.id = woa.work_order_id "
        "WHERE w.crew_id = ? AND w.deleted = 0 AND w.status IN ('draft', 'ready', 'scheduled', 'in_progress', 'on_hold')");
    EXPECT_EQ((*replica)->count("street", true).value(),
              serverCount(QStringLiteral("SELECT COUNT(*) FROM street WHERE district = ? OR id IN "
                                         "(SELECT street_id FROM asset WHERE id IN (%1))")
                              .arg(openOrderAssets),
                          {district, crewId}));
    EXPECT_EQ((*replica)->count("asset", true).value(),
              serverCount(QStringLiteral("SELECT COUNT(*) FROM asset a WHERE a.street_id IN "
                                         "(SELECT id FROM street WHERE district = ? AND deleted = 0) OR a.id IN (%1)")
                              .arg(openOrderAssets),
                          {district, crewId}));
    EXPECT_EQ((*replica)->count("crew", true).value(), 1);
    EXPECT_GT((*replica)->count("work_order").value(), 0);
    EXPECT_LT((*replica)->count("asset").value(), serverCount(QStringLiteral("SELECT COUNT(*) FROM asset")));
    // Every order on the laptop is the crew's.
    const auto orders = (*replica)->rows("work_order", RowFilter{.includeDeleted = true});
    ASSERT_TRUE(orders.ok());
    for (const auto& order : *orders)
        EXPECT_EQ(order["assignment"]["crew_id"], crewId.toStdString());
}

// Fault test 13 at the city's scale: crew laptops (some sharing a crew) work a shift offline
// with partial syncs and crashes, then sync at once; the checker finds nothing lost, nothing
// doubled, every replica equal to the server.
TEST_F(DemoCitySync, SimulatedLaptopsWorkingAShiftLoseNothingAcknowledged)
{
    fieldsim::Options o;
    o.server = url();
    o.laptops = 6;
    o.edits = 25;
    o.seed = 13;
    o.dir = m_dir.filePath(QStringLiteral("sim"));
    o.out = m_dir.filePath(QStringLiteral("acked.jsonl"));
    o.partialSyncs = 0.2;
    o.crashes = 0.3;
    const auto summary = fieldsim::runFieldSim(o);
    ASSERT_TRUE(summary.ok()) << summary.error().code;
    std::cout << "fieldsim: " << summary->edits << " edits, " << summary->acknowledged << " acknowledged, "
              << summary->conflicts << " conflicts, " << summary->crashes << " crashes, final sync " << summary->seconds
              << " s\n";
    EXPECT_EQ(summary->syncFailures, 0);
    EXPECT_GT(summary->acknowledged, 100);
    const auto check = fieldsim::checkFieldSim(o);
    EXPECT_TRUE(check.ok()) << check.problems.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(check.operations, summary->acknowledged);
}

} // namespace
