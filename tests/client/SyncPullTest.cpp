// SPDX-License-Identifier: MIT
// Pulling into a replica from the real server: a full download equals the server, a
// download stopped at every page boundary and resumed equals an uninterrupted one, a pull
// never overwrites a local edit that is not acknowledged, a crew replica holds its scope.
#include "ClientFixture.h"

#include "sync/SyncStore.h"

#include "yanghu/core/wire/Codec.h"

using namespace yanghu;
using namespace yanghu::client;
using namespace yanghu::clienttest;

namespace {

class SyncPull : public ClientSyncTest {};

TEST_P(SyncPull, AFullDownloadHoldsEveryRowAsTheServerHasIt)
{
    auto office = openReplica("office");
    const QString bearer = signIn(*office, "dispatcher");
    SyncOptions small;
    small.pageLimit = 4;
    const SyncReport report = sync(*office, bearer, small);
    ASSERT_TRUE(report.ok) << report.message.toStdString();
    EXPECT_TRUE(report.pullComplete);
    EXPECT_GT(report.pages, 3);
    const Json order = serverOrder(woA.id);
    EXPECT_TRUE(sameRow(office->row("work_order", woA.id.toString())->value(), order));
    EXPECT_EQ(office->row("street", streetA.id.toString())->value()["name"], "太行东街");
    EXPECT_EQ(office->count("work_order").value(), 2);
    EXPECT_EQ(office->count("asset").value(), 4);
    EXPECT_EQ(office->count("app_user").value(), 5);
    EXPECT_EQ(office->count("defect_report").value(), 1);
    // The lists the field UI asks for.
    EXPECT_EQ(office->rows("work_order", RowFilter{.crewId = crewA.id.toString(), .day = "2026-05-21"}).value().size(), 1u);
    EXPECT_EQ(office->rows("asset", RowFilter{.streetId = streetA.id.toString(), .kind = "storm_inlet"}).value().size(), 2u);
    const auto cursor = office->cursor().value();
    EXPECT_TRUE(cursor.complete);
    EXPECT_EQ(cursor.scope, "all");

    // Nothing new: the next sync moves nothing.
    const std::string before = office->digest().value();
    const SyncReport again = sync(*office, bearer);
    ASSERT_TRUE(again.ok);
    EXPECT_EQ(again.rowsPulled, 0);
    EXPECT_EQ(office->digest().value(), before);
}

TEST_P(SyncPull, ACrewReplicaHoldsItsScopeAndLetsAnOrderGoWhenItIsReassigned)
{
    auto laptop = openReplica("crew_a");
    const QString bearer = signIn(*laptop, "crew_a");
    ASSERT_TRUE(sync(*laptop, bearer).ok);
    EXPECT_TRUE(laptop->row("work_order", woA.id.toString())->has_value());
    EXPECT_FALSE(laptop->row("work_order", woB.id.toString())->has_value());
    EXPECT_FALSE(laptop->row("asset", inletB1.id.toString())->has_value());
    EXPECT_EQ(laptop->cursor()->scope, "crew:" + crewA.id.toString() + ":丛台区");

    auto moved = client().patch("/api/v1/work-orders/" + woA.id.toString(),
                                {{"assignment", {{"crew_id", crewB.id.toString()}, {"shift_date", "2026-12-01"}}}},
                                token("dispatcher"), "\"1\"");
    ASSERT_EQ(moved.status, 200) << moved.body;
    const SyncReport report = sync(*laptop, bearer);
    ASSERT_TRUE(report.ok) << report.message.toStdString();
    EXPECT_FALSE(laptop->row("work_order", woA.id.toString())->has_value());
}

// Fault test 5: the download stopped after every page (the replica closed and opened again
// each time, as after a crash or a lost connection) ends equal to one uninterrupted download.
TEST_P(SyncPull, ADownloadStoppedAtEveryPageBoundaryEndsAsOneUninterruptedDownload)
{
    SyncOptions pages;
    pages.pageLimit = 3;
    std::string whole;
    {
        auto r = openReplica("whole");
        ASSERT_TRUE(sync(*r, signIn(*r, "dispatcher"), pages).ok);
        whole = r->digest().value();
    }
    pages.maxPages = 1;
    QString bearer;
    {
        auto r = openReplica("stepwise");
        bearer = signIn(*r, "dispatcher");
    }
    int runs = 0;
    for (bool complete = false; !complete; ++runs) {
        ASSERT_LT(runs, 100);
        auto r = openReplica("stepwise");
        const auto before = r->cursor().value();
        const SyncReport report = sync(*r, bearer, pages);
        ASSERT_TRUE(report.ok) << report.message.toStdString();
        ASSERT_EQ(report.pages, 1);
        EXPECT_GT(r->cursor()->since, before.since); // every page moves the cursor
        complete = report.pullComplete;
    }
    EXPECT_GT(runs, 3);
    auto r = openReplica("stepwise");
    EXPECT_EQ(r->digest().value(), whole);
}

// Fault test 6.
TEST_P(SyncPull, APullNeverOverwritesALocalEditTheServerHasNotAcknowledged)
{
    auto laptop = openReplica("crew_a");
    const QString bearer = signIn(*laptop, "crew_a");
    ASSERT_TRUE(sync(*laptop, bearer).ok);
    const std::string id = woA.id.toString();
    ASSERT_TRUE(laptop->editRow("work_order", id, {{"actual_start", "2026-05-21T14:05:00Z"}}).ok());
    ASSERT_TRUE(laptop->appendLine("work_order", id, "notes", {{"text", "到场，开始清掏"}}).ok());

    auto patched = client().patch("/api/v1/work-orders/" + id, {{"priority", 1}, {"title", "清掏雨水口 YS-A1（加急）"}},
                                  token("dispatcher"), "\"1\"");
    ASSERT_EQ(patched.status, 200) << patched.body;
    SyncSession pullOnly(*laptop, serverUrl(), bearer);
    ASSERT_TRUE(pullOnly.pull().ok);
    Json row = laptop->row("work_order", id)->value();
    EXPECT_EQ(row["priority"], 1);
    EXPECT_EQ(row["title"], "清掏雨水口 YS-A1（加急）");
    EXPECT_EQ(row["actual_start"], "2026-05-21T14:05:00.000Z");
    ASSERT_EQ(row["notes"].size(), 1u);
    EXPECT_EQ(laptop->outbox()->size(), 2u);
    EXPECT_EQ(laptop->pendingCount().value(), 2);

    const SyncReport report = sync(*laptop, bearer);
    ASSERT_TRUE(report.ok) << report.message.toStdString();
    EXPECT_EQ(report.acknowledged, 2);
    EXPECT_TRUE(laptop->outbox()->empty());
    const Json server = serverOrder(woA.id);
    EXPECT_EQ(server["notes"].size(), 1u);
    EXPECT_EQ(server["actual_start"], "2026-05-21T14:05:00.000Z");
    EXPECT_TRUE(sameRow(laptop->row("work_order", id)->value(), server));
}

YANGHU_API_BOTH_BACKENDS(SyncPull);

} // namespace
