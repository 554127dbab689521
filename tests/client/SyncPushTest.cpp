// SPDX-License-Identifier: MIT
// Pushing a replica's outbox to the real server: a night's work done offline arrives whole,
// refused edits are kept with their reason, an old client keeps its outbox (fault test 12), a
// laptop clock years off changes nothing (11), an expired sign-in stops cleanly, and the
// engine runs on its own thread and can be cancelled.
#include "ClientFixture.h"

#include "sync/SyncEngine.h"

#include "yanghu/core/wire/Codec.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

using namespace yanghu;
using namespace yanghu::client;
using namespace yanghu::clienttest;
using namespace std::chrono;

namespace {

class SyncPush : public ClientSyncTest {
protected:
    // The crew's laptop, signed in and downloaded.
    std::unique_ptr<Replica> crewLaptop(const QString& name, QString& bearer, const Clock* clock = nullptr)
    {
        auto r = openReplica(name, clock);
        bearer = signIn(*r, "crew_a");
        const SyncReport first = sync(*r, bearer);
        EXPECT_TRUE(first.ok) << first.message.toStdString();
        return r;
    }
};

TEST_P(SyncPush, ANightsWorkDoneOfflineArrivesWholeAndTheStatusWalksToCompleted)
{
    QString bearer;
    auto laptop = crewLaptop("crew_a", bearer);
    const std::string id = woA.id.toString();
    ASSERT_TRUE(laptop->editRow("work_order", id, {{"actual_start", "2026-05-21T14:05:00Z"}, {"status", "in_progress"}}).ok());
    ASSERT_TRUE(laptop->appendLine("work_order", id, "labour", {{"worker", "王建国"}, {"hours", 2.5}}).ok());
    ASSERT_TRUE(laptop->appendLine("work_order", id, "materials", {{"material", "雨水篦子 D400"}, {"quantity", 1}, {"unit", "套"}}).ok());
    ASSERT_TRUE(laptop->appendLine("work_order", id, "quantities", {{"measure", "inlets_cleaned"}, {"quantity", 1}, {"unit", "个"}}).ok());
    ASSERT_TRUE(laptop->appendLine("work_order", id, "notes", {{"text", "淤泥清出约0.3m³，篦子更换"}}).ok());
    ASSERT_TRUE(laptop->editRow("work_order", id, {{"actual_end", "2026-05-21T15:20:00Z"}, {"status", "completed"}}).ok());
    auto report = laptop->createDefectReport({{"category", "cover_rattling"},
                                              {"severity", 2},
                                              {"asset_id", manholeA1.id.toString()},
                                              {"description", "检查井井盖异响"}});
    ASSERT_TRUE(report.ok()) << report.error().code;
    EXPECT_EQ(laptop->pendingCount().value(), 7);

    const SyncReport done = sync(*laptop, bearer);
    ASSERT_TRUE(done.ok) << done.message.toStdString();
    EXPECT_EQ(done.operationsSent, 7);
    EXPECT_EQ(done.acknowledged, 7);
    EXPECT_EQ(done.refused, 0);
    EXPECT_EQ(done.conflicts, 0) << conflictsOf(*laptop);
    EXPECT_TRUE(laptop->outbox()->empty());

    const Json server = serverOrder(woA.id);
    EXPECT_EQ(server["status"], "completed");
    EXPECT_EQ(server["labour"].size(), 1u);
    EXPECT_EQ(server["labour"][0]["worker"], "王建国");
    EXPECT_EQ(server["notes"][0]["text"], "淤泥清出约0.3m³，篦子更换");
    EXPECT_TRUE(sameRow(laptop->row("work_order", id)->value(), server));
    const std::string reportId = laptop->outbox(true).value().back().rowId;
    const Json defect = serverGet("/api/v1/defect-reports/" + reportId);
    EXPECT_EQ(defect["description"], "检查井井盖异响");
    EXPECT_EQ(defect["reported_by"], users["crew_a"].id.toString());
    EXPECT_TRUE(sameRow(laptop->row("defect_report", reportId)->value(), defect));
}

TEST_P(SyncPush, AnEditTheServerRefusesIsKeptWithItsReasonAndTheOthersStillApply)
{
    QString bearer;
    auto laptop = crewLaptop("crew_a", bearer);
    const std::string id = woA.id.toString();
    ASSERT_TRUE(laptop->appendLine("work_order", id, "notes", {{"text", "先记一笔"}}).ok());
    // The office took the order from this crew before the laptop synced.
    auto moved = client().patch("/api/v1/work-orders/" + id,
                                {{"assignment", {{"crew_id", crewB.id.toString()}, {"shift_date", "2026-05-22"}}}},
                                token("dispatcher"), "\"1\"");
    ASSERT_EQ(moved.status, 200) << moved.body;
    ASSERT_TRUE(laptop->appendLine("work_order", id, "notes", {{"text", "第二笔"}}).ok());
    auto report = laptop->createDefectReport({{"category", "clogged_inlet"}, {"asset_id", inletA2.id.toString()}, {"description", "堵塞"}});
    ASSERT_TRUE(report.ok());

    const SyncReport done = sync(*laptop, bearer);
    ASSERT_TRUE(done.ok) << done.message.toStdString();
    EXPECT_EQ(done.refused, 2);
    EXPECT_EQ(done.acknowledged, 1);
    const auto refused = laptop->refused().value();
    ASSERT_EQ(refused.size(), 2u);
    EXPECT_EQ(refused[0].error["code"], "not_assigned_crew");
    EXPECT_EQ(refused[0].fields["notes"][0]["text"], "先记一笔");
    // The order left the laptop's scope; the report arrived.
    EXPECT_FALSE(laptop->row("work_order", id)->has_value());
    EXPECT_TRUE(laptop->outbox()->empty());
    EXPECT_TRUE(serverOrder(woA.id)["notes"].empty());
}

// Fault test 12.
TEST_P(SyncPush, AClientSpeakingAnotherProtocolStopsAndKeepsItsOutbox)
{
    QString bearer;
    auto laptop = crewLaptop("crew_a", bearer);
    ASSERT_TRUE(laptop->appendLine("work_order", woA.id.toString(), "notes", {{"text", "旧版本写的"}}).ok());
    SyncOptions old;
    old.protocol = QStringLiteral("0");
    const SyncReport refused = sync(*laptop, bearer, old);
    EXPECT_FALSE(refused.ok);
    EXPECT_EQ(refused.stop, SyncStop::UpgradeRequired);
    EXPECT_EQ(refused.error.code, "protocol_unsupported");
    EXPECT_EQ(refused.error.params.at("server"), "1");
    EXPECT_FALSE(refused.message.isEmpty());
    ASSERT_EQ(laptop->outbox()->size(), 1u);
    EXPECT_TRUE(serverOrder(woA.id)["notes"].empty());

    const SyncReport upgraded = sync(*laptop, bearer);
    ASSERT_TRUE(upgraded.ok) << upgraded.message.toStdString();
    EXPECT_TRUE(laptop->outbox()->empty());
    EXPECT_EQ(serverOrder(woA.id)["notes"].size(), 1u);
}

TEST_P(SyncPush, AnExpiredSignInStopsTheSyncAndKeepsTheOutbox)
{
    QString bearer;
    auto laptop = crewLaptop("crew_a", bearer);
    ASSERT_TRUE(laptop->appendLine("work_order", woA.id.toString(), "notes", {{"text", "token 过期"}}).ok());
    const SyncReport stopped = sync(*laptop, QStringLiteral("not-a-token"));
    EXPECT_FALSE(stopped.ok);
    EXPECT_EQ(stopped.stop, SyncStop::Unauthorized);
    EXPECT_EQ(laptop->pendingCount().value(), 1);
    EXPECT_TRUE(sync(*laptop, bearer).ok);
    EXPECT_EQ(laptop->pendingCount().value(), 0);
}

// Fault test 11: the laptop's clock is ten years ahead, then ten years behind. Edits keep the
// order they were made in (the outbox's, not the clock's), the server stamps its own times,
// and the replica ends equal to the server.
TEST_P(SyncPush, ALaptopClockTenYearsOffChangesNeitherOrderNorResult)
{
    ManualClock clock(time_point_cast<milliseconds>(system_clock::now()) + hours(24 * 3653));
    QString bearer;
    auto laptop = crewLaptop("crew_a", bearer, &clock);
    const std::string id = woA.id.toString();
    ASSERT_TRUE(laptop->appendLine("work_order", id, "notes", {{"text", "第一条（时钟快十年）"}}).ok());
    ASSERT_TRUE(laptop->editRow("work_order", id, {{"hold_reason", "等待交警配合"}}).ok());
    clock.set(time_point_cast<milliseconds>(system_clock::now()) - hours(24 * 3653));
    ASSERT_TRUE(laptop->appendLine("work_order", id, "notes", {{"text", "第二条（时钟慢十年）"}}).ok());
    ASSERT_TRUE(laptop->editRow("work_order", id, {{"hold_reason", "交警已到场"}}).ok());
    const auto ops = laptop->outbox().value();
    ASSERT_EQ(ops.size(), 4u);
    EXPECT_GT(ops[0].clientTime, ops[3].clientTime); // the clock went back; the order did not

    const SyncReport done = sync(*laptop, bearer);
    ASSERT_TRUE(done.ok) << done.message.toStdString();
    EXPECT_EQ(done.acknowledged, 4);
    EXPECT_EQ(done.conflicts, 0) << conflictsOf(*laptop);
    const Json server = serverOrder(woA.id);
    ASSERT_EQ(server["notes"].size(), 2u);
    EXPECT_EQ(server["notes"][0]["text"], "第一条（时钟快十年）");
    EXPECT_EQ(server["notes"][1]["text"], "第二条（时钟慢十年）");
    EXPECT_EQ(server["hold_reason"], "交警已到场");
    const auto updated = parseInstant(server["updated_at"].get<std::string>()).value();
    EXPECT_LT(abs(updated - time_point_cast<milliseconds>(system_clock::now())), hours(1)); // the server's clock
    EXPECT_TRUE(sameRow(laptop->row("work_order", id)->value(), server));
}

TEST_P(SyncPush, TheEngineRunsOffTheCallingThreadReportsProgressAndCanBeCancelled)
{
    QString bearer;
    {
        auto laptop = crewLaptop("crew_a", bearer);
        for (int i = 0; i < 5; ++i)
            ASSERT_TRUE(laptop->appendLine("work_order", woA.id.toString(), "notes", {{"text", "第" + std::to_string(i) + "条"}}).ok());
    }
    SyncOptions options;
    options.batchSize = 2;
    SyncEngine engine({replicaPath("crew_a"), serverUrl(), bearer, options});
    QList<SyncPhase> phases;
    QObject::connect(&engine, &SyncEngine::progress, [&](SyncPhase phase, qint64, qint64) { phases << phase; });
    bool ok = false;
    QString message;
    QEventLoop loop;
    QObject::connect(&engine, &SyncEngine::finished, [&](bool done, const QString& text) {
        ok = done;
        message = text;
        loop.quit();
    });
    engine.start();
    EXPECT_TRUE(engine.isRunning());
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    ASSERT_FALSE(engine.isRunning());
    EXPECT_TRUE(ok) << message.toStdString();
    EXPECT_TRUE(phases.contains(SyncPhase::Push));
    EXPECT_TRUE(phases.contains(SyncPhase::Pull));
    EXPECT_EQ(engine.lastReport().acknowledged, 5);
    EXPECT_EQ(serverOrder(woA.id)["notes"].size(), 5u);

    // Cancelled before its first request: stops, says so, loses nothing.
    {
        auto laptop = openReplica("crew_a");
        ASSERT_TRUE(laptop->appendLine("work_order", woA.id.toString(), "notes", {{"text", "取消的那次"}}).ok());
    }
    engine.start();
    engine.cancel();
    loop.exec();
    EXPECT_FALSE(ok);
    EXPECT_EQ(engine.lastReport().stop, SyncStop::Cancelled);
    auto laptop = openReplica("crew_a");
    EXPECT_EQ(laptop->pendingCount().value(), 1);
}

YANGHU_API_BOTH_BACKENDS(SyncPush);

} // namespace
