// SPDX-License-Identifier: MIT
// Fault tests from the replica's side (issue 4): a laptop killed between applying a pulled
// page and saving its cursor (3) or after the server answered a push it never recorded (1),
// a server restored from a backup with and without a new epoch (9), an order the office
// deleted while the crew completed it offline (8), every laptop signing in at a shift change.
#include "ClientFixture.h"

#include "sync/Login.h"

#include "yanghu/core/wire/Codec.h"

#include <QFile>
#include <QThread>

#include <optional>
#include <set>

using namespace yanghu;
using namespace yanghu::client;
using namespace yanghu::clienttest;

namespace {

class SyncFault : public ClientSyncTest {
protected:
    // Each note text on the order, with how many times it is there.
    std::map<std::string, int> notes(const Uuid& order)
    {
        std::map<std::string, int> out;
        const Json row = serverOrder(order);
        for (const auto& n : row["notes"]) ++out[n["text"].get<std::string>()];
        if (out.empty()) std::cerr << "no notes on the server: " << row.dump() << "\n";
        return out;
    }
};

// Fault test 3: the page and its cursor are one transaction, so a process killed between
// them (or just before COMMIT) leaves neither; the next run asks for the same page again.
TEST_P(SyncFault, AKillBetweenApplyingAPageAndSavingItsCursorLeavesNoGapAndNoDuplicate)
{
    SyncOptions pages;
    pages.pageLimit = 3;
    std::string whole, afterTwoPages;
    SyncCursor cursorAfterTwo;
    QString bearer;
    {
        auto r = openReplica("whole");
        bearer = signIn(*r, "dispatcher");
        ASSERT_TRUE(sync(*r, bearer, pages).ok);
        whole = r->digest().value();
        auto two = openReplica("two");
        signIn(*two, "dispatcher");
        pages.maxPages = 2;
        ASSERT_TRUE(sync(*two, bearer, pages).ok);
        afterTwoPages = two->digest().value();
        cursorAfterTwo = two->cursor().value();
        pages.maxPages = -1;
    }
    {
        auto r = openReplica("killed");
        signIn(*r, "dispatcher");
    }
    // Killed on the first page, after its rows and after its cursor, before COMMIT.
    for (const char* point : {"pull:page-applied", "pull:cursor-saved"}) {
        ASSERT_EQ(crashAt("killed", bearer, "pull", point, 1), 42);
        auto r = openReplica("killed");
        EXPECT_EQ(r->digest().value(), "") << point;
        EXPECT_EQ(r->cursor()->since, 0) << point;
    }
    // Killed on the third page: the first two are there, whole, with their cursor.
    ASSERT_EQ(crashAt("killed", bearer, "pull", "pull:page-applied", 3), 42);
    {
        auto r = openReplica("killed");
        EXPECT_EQ(r->digest().value(), afterTwoPages);
        EXPECT_EQ(r->cursor()->since, cursorAfterTwo.since);
        ASSERT_TRUE(sync(*r, bearer, pages).ok);
        EXPECT_EQ(r->digest().value(), whole);
    }
}

// Fault test 1 from the laptop's side: the server applied a batch, the laptop died before
// recording the answer; the batch goes again under the same key, the server answers from
// its record, nothing is applied twice.
TEST_P(SyncFault, ALaptopKilledAfterThePushWasAnsweredSendsTheSameBatchAndNothingIsDoubled)
{
    QString bearer;
    {
        auto r = openReplica("crew_a");
        bearer = signIn(*r, "crew_a");
        ASSERT_TRUE(sync(*r, bearer).ok);
        ASSERT_TRUE(r->appendLine("work_order", woA.id.toString(), "notes", {{"text", "只应出现一次"}}).ok());
        ASSERT_TRUE(r->appendLine("work_order", woA.id.toString(), "labour", {{"worker", "赵六"}, {"hours", 3}}).ok());
    }
    ASSERT_EQ(crashAt("crew_a", bearer, "sync", "push:answered", 1), 42);
    EXPECT_EQ(notes(woA.id)["只应出现一次"], 1); // the server has it already
    auto r = openReplica("crew_a");
    const auto sent = r->outbox().value();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[0].state, "sent");
    const SyncReport again = sync(*r, bearer);
    ASSERT_TRUE(again.ok) << again.message.toStdString();
    EXPECT_EQ(again.acknowledged, 2);
    EXPECT_EQ(notes(woA.id)["只应出现一次"], 1);
    EXPECT_EQ(serverOrder(woA.id)["labour"].size(), 1u);
    EXPECT_TRUE(r->outbox()->empty());
    EXPECT_TRUE(sameRow(r->row("work_order", woA.id.toString())->value(), serverOrder(woA.id)));
}

// Fault test 9: the server is restored from a backup taken before some of the laptop's
// acknowledged work, and an operator starts a new epoch. The laptop downloads again, sees
// what the restore lost, and pushes exactly that again; nothing is doubled.
TEST_P(SyncFault, AfterARestoreTheLaptopDownloadsAgainAndRePushesWhatTheRestoreLost)
{
    if (GetParam() != servertest::Backend::SQLite) GTEST_SKIP() << "restores are tested on SQLite (a file copy)";
    auto laptop = openReplica("crew_a");
    QString bearer = signIn(*laptop, "crew_a");
    ASSERT_TRUE(sync(*laptop, bearer).ok);
    const std::string id = woA.id.toString();
    ASSERT_TRUE(laptop->appendLine("work_order", id, "notes", {{"text", "备份前"}}).ok());
    ASSERT_TRUE(sync(*laptop, bearer).ok);
    const std::string backup = backupDatabase();

    ASSERT_TRUE(laptop->appendLine("work_order", id, "notes", {{"text", "备份后，恢复会丢"}}).ok());
    ASSERT_TRUE(laptop->editRow("work_order", id, {{"actual_start", "2026-05-21T14:05:00Z"}}).ok());
    auto report = laptop->createDefectReport({{"category", "cover_missing"}, {"severity", 4}, {"asset_id", manholeA1.id.toString()}, {"description", "井盖缺失"}});
    ASSERT_TRUE(report.ok());
    const std::string reportId = laptop->outbox().value().back().rowId;
    ASSERT_TRUE(sync(*laptop, bearer).ok);
    EXPECT_TRUE(laptop->outbox()->empty());
    // Made after the last sync, still pending when the server is restored.
    ASSERT_TRUE(laptop->appendLine("work_order", id, "notes", {{"text", "恢复时还没发"}}).ok());

    restoreDatabase(backup);
    EXPECT_EQ(notes(woA.id).count("备份后，恢复会丢"), 0u);
    bearer = client::login(serverUrl(), "crew_a", "pw-crew_a")->token; // sessions were restored too

    const SyncReport again = sync(*laptop, bearer);
    ASSERT_TRUE(again.ok) << again.message.toStdString();
    EXPECT_EQ(again.resyncs, 1);
    EXPECT_EQ(again.requeued, 3); // the lost note, the start time, the report
    const auto byText = notes(woA.id);
    EXPECT_EQ(byText, (std::map<std::string, int>{{"备份前", 1}, {"备份后，恢复会丢", 1}, {"恢复时还没发", 1}}));
    const Json server = serverOrder(woA.id);
    EXPECT_EQ(server["actual_start"], "2026-05-21T14:05:00.000Z");
    EXPECT_EQ(serverGet("/api/v1/defect-reports/" + reportId)["description"], "井盖缺失");
    EXPECT_TRUE(laptop->outbox()->empty());
    EXPECT_TRUE(sameRow(laptop->row("work_order", id)->value(), server));
    // And the laptop is what a fresh download of the restored server gives.
    auto fresh = openReplica("fresh");
    ASSERT_TRUE(sync(*fresh, signIn(*fresh, "crew_a")).ok);
    EXPECT_EQ(laptop->digest().value(), fresh->digest().value());
}

// The same restore without a new epoch: the server's history is behind the laptop's cursor
// (cursor_ahead); the laptop treats it as a restore.
TEST_P(SyncFault, ARestoreWithoutANewEpochIsDetectedByTheCursorBeingAhead)
{
    if (GetParam() != servertest::Backend::SQLite) GTEST_SKIP() << "restores are tested on SQLite (a file copy)";
    auto laptop = openReplica("crew_a");
    QString bearer = signIn(*laptop, "crew_a");
    ASSERT_TRUE(sync(*laptop, bearer).ok);
    const std::string backup = backupDatabase();
    ASSERT_TRUE(laptop->appendLine("work_order", woA.id.toString(), "notes", {{"text", "会被恢复弄丢"}}).ok());
    ASSERT_TRUE(laptop->appendLine("work_order", woA.id.toString(), "notes", {{"text", "再写一条"}}).ok());
    ASSERT_TRUE(sync(*laptop, bearer).ok);
    restoreDatabase(backup, false);
    bearer = client::login(serverUrl(), "crew_a", "pw-crew_a")->token;
    const SyncReport again = sync(*laptop, bearer);
    ASSERT_TRUE(again.ok) << again.message.toStdString();
    EXPECT_EQ(again.resyncs, 1);
    EXPECT_EQ(notes(woA.id), (std::map<std::string, int>{{"会被恢复弄丢", 1}, {"再写一条", 1}}));
}

// Fault test 8: the office deletes an order while the crew completes it offline. The crew's
// work is kept on the deleted row, a conflict is recorded, and the laptop shows the row as
// deleted with the crew's data.
TEST_P(SyncFault, AnOrderDeletedWhileTheCrewCompletedItOfflineKeepsTheCrewsWork)
{
    auto laptop = openReplica("crew_a");
    const QString bearer = signIn(*laptop, "crew_a");
    ASSERT_TRUE(sync(*laptop, bearer).ok);
    const std::string id = woA.id.toString();
    ASSERT_TRUE(laptop->appendLine("work_order", id, "quantities", {{"measure", "inlets_cleaned"}, {"quantity", 1}, {"unit", "个"}}).ok());
    ASSERT_TRUE(laptop->editRow("work_order", id,
                                {{"actual_start", "2026-05-21T14:05:00Z"}, {"actual_end", "2026-05-21T14:40:00Z"}, {"status", "completed"}})
                    .ok());
    auto deleted = client().del("/api/v1/work-orders/" + id, token("dispatcher"), "\"1\"");
    ASSERT_EQ(deleted.status, 204) << deleted.body;

    const SyncReport done = sync(*laptop, bearer);
    ASSERT_TRUE(done.ok) << done.message.toStdString();
    EXPECT_EQ(done.refused, 0);
    EXPECT_GE(done.conflicts, 1);
    EXPECT_GE(laptop->conflictCount().value(), 1);
    const Json row = laptop->row("work_order", id)->value();
    EXPECT_EQ(row["deleted"], true);
    EXPECT_EQ(row["quantities"].size(), 1u);
    EXPECT_EQ(row["actual_end"], "2026-05-21T14:40:00.000Z");
}

// A shift change: every laptop signs in at once. The server checks one password per core at a
// time; a sign-in that would wait longer than auth.login_wait_ms (here 0) is answered 503 with
// Retry-After, and client::login waits that out and comes back, so every laptop gets in.
TEST_P(SyncFault, EveryLaptopSigningInAtOnceGetsIn)
{
    const QString config = m_dir.filePath(QStringLiteral("busy.properties"));
    QFile file(config);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("auth.login_wait_ms = 0\n");
    file.close();
    m_server->terminate();
    restartServer({}, {"--config", config.toStdString()});

    constexpr int kLaptops = 12;
    // The server's own answers, raw: each a token, or 503 saying when to come back.
    std::vector<servertest::HttpResponse> raw(kLaptops);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < kLaptops; ++i)
        threads.emplace_back(QThread::create([&, i] {
            servertest::HttpClient own(m_server->port());
            raw[i] = own.post("/api/v1/auth/login", {{"username", "crew_a"}, {"password", "pw-crew_a"}});
        }));
    for (auto& t : threads) t->start();
    for (auto& t : threads) t->wait();
    int busy = 0;
    for (const auto& r : raw) {
        if (r.status == 200) continue;
        ++busy;
        ASSERT_EQ(r.status, 503) << r.body;
        EXPECT_EQ(r.json()["code"], "service_unavailable");
        EXPECT_EQ(r.header("retry-after"), "2");
    }
    RecordProperty("busy_answers", busy); // how many of the raw sign-ins were told to come back

    // Through the client: everyone signed in, each with their own token.
    const RetryPolicy patient{30, std::chrono::milliseconds(20), std::chrono::milliseconds(500)};
    std::vector<std::optional<Result<LoginAnswer>>> answers(kLaptops);
    threads.clear();
    for (int i = 0; i < kLaptops; ++i)
        threads.emplace_back(QThread::create([&, i] {
            answers[i] = client::login(serverUrl(), QStringLiteral("crew_a"), QStringLiteral("pw-crew_a"),
                                       QStringLiteral("1"), 30000, patient);
        }));
    for (auto& t : threads) t->start();
    for (auto& t : threads) t->wait();
    std::set<QString> tokens;
    for (const auto& a : answers) {
        ASSERT_TRUE(a.has_value());
        ASSERT_TRUE(a->ok()) << a->error().code;
        tokens.insert((*a)->token);
    }
    EXPECT_EQ(tokens.size(), static_cast<std::size_t>(kLaptops));

    // A wrong password is said at once, not retried into a lock-out.
    auto wrong = client::login(serverUrl(), QStringLiteral("crew_b"), QStringLiteral("guess"), QStringLiteral("1"), 30000, patient);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, "bad_credentials");
}

YANGHU_API_BOTH_BACKENDS(SyncFault);

} // namespace
