// SPDX-License-Identifier: MIT
// POST /api/v1/sync/push and /api/v1/sync/conflicts over the real server on both back ends:
// offline edits merge field by field, a retried batch applies nothing twice (also when the
// server died between commit and reply, and when two connections send it at once), one
// refused operation does not hide the others, concurrent edits of office and crew leave one
// conflict record with the owner's value, and nothing a crew typed is lost to a deletion.
#include "ApiFixture.h"

#include "store/Sql.h"
#include "store/WorkOrderRepository.h"

#include <nlohmann/json.hpp>

#include <set>
#include <thread>

using namespace yanghu;
using namespace yanghu::servertest;
using Json = nlohmann::json;

namespace {

class SyncPush : public ApiTest {
protected:
    HttpResponse push(const std::string& user, const Json& batch, HttpClient* on = nullptr)
    {
        return (on ? *on : client())
            .request("POST", "/api/v1/sync/push", batch.dump(),
                     {{"Authorization", "Bearer " + token(user)},
                      {"X-Yanghu-Protocol", "1"},
                      {"Content-Type", "application/json"}});
    }

    Json op(const std::string& entity, const Uuid& row, std::int64_t base, Json fields, Json baseValues = Json::object())
    {
        Json o = {{"op_id", m_ids.next().toString()}, {"entity", entity},       {"row_id", row.toString()},
                  {"base_version", base},            {"fields", std::move(fields)}, {"client_time", "2026-05-21T22:10:00Z"}};
        if (!baseValues.empty()) o["base_values"] = std::move(baseValues);
        return o;
    }

    Json batch(Json operations, const Uuid& clientId)
    {
        return {{"client_id", clientId.toString()}, {"batch_id", m_ids.next().toString()}, {"operations", std::move(operations)}};
    }

    Json order(const WorkOrder& w, const std::string& user = "dispatcher")
    {
        auto r = client().get("/api/v1/work-orders/" + w.id.toString(), token(user));
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json();
    }

    Json note(const std::string& text) { return {{"id", m_ids.next().toString()}, {"text", text}, {"at", "2026-05-21T22:00:00Z"}}; }

    // A crew's night on woA, made offline on version 1: started, a note, a labour line.
    Json crewNight(const std::string& text = "井盖已更换，路面恢复")
    {
        return op("work_order", woA.id, 1,
                  {{"status", "in_progress"},
                   {"actual_start", "2026-05-21T22:00:00Z"},
                   {"notes", Json::array({note(text)})},
                   {"labour", Json::array({{{"id", m_ids.next().toString()}, {"worker", "张伟"}, {"hours", 2.5}}})}});
    }

    std::int64_t count(const std::string& sql)
    {
        return store().read([&](store::Tx& tx) {
            return std::get<std::int64_t>(store::sql::query(tx.session(), sql, {}, {store::SqlType::Int}).front()[0]);
        });
    }

    Uuid laptopA = m_ids.next();
    Uuid laptopB = m_ids.next();
};

TEST_P(SyncPush, AnOfflineShiftMergesAndTheAnswerSaysWhereItsWritesAre)
{
    const Json b = batch(Json::array({crewNight()}), laptopA);
    auto r = push("crew_a", b);
    ASSERT_EQ(r.status, 200) << r.body;
    const Json answer = r.json();
    ASSERT_EQ(answer["results"].size(), 1u);
    EXPECT_EQ(answer["results"][0]["outcome"], "applied") << r.body;
    EXPECT_EQ(answer["results"][0]["row_version"], 2);
    EXPECT_TRUE(answer["results"][0]["conflicts"].empty());
    EXPECT_GT(answer["last_seq"].get<std::int64_t>(), 0);
    EXPECT_FALSE(answer["epoch"].get<std::string>().empty());

    const Json row = order(woA);
    EXPECT_EQ(row["status"], "in_progress");
    EXPECT_EQ(row["row_version"], 2);
    ASSERT_EQ(row["notes"].size(), 1u);
    EXPECT_EQ(row["notes"][0]["text"], "井盖已更换，路面恢复");
    EXPECT_EQ(row["labour"][0]["worker"], "张伟");
    // The change-log entry that made version 2 is the batch's last_seq, recorded as the crew's.
    EXPECT_EQ(count("SELECT MAX(seq) FROM change_log WHERE row_id = '" + woA.id.toString() + "'"), answer["last_seq"]);
    EXPECT_EQ(count("SELECT COUNT(*) FROM change_log WHERE side = 'crew' AND client_id = '" + laptopA.toString() + "'"), 1);
}

TEST_P(SyncPush, ARetriedBatchGetsTheSameAnswerAndAppliesNothingAgain)
{
    const Json b = batch(Json::array({crewNight()}), laptopA);
    auto first = push("crew_a", b);
    ASSERT_EQ(first.status, 200) << first.body;
    const std::string digest = databaseDigest();
    auto again = push("crew_a", b);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(databaseDigest(), digest);
    EXPECT_EQ(order(woA)["notes"].size(), 1u);
    // Another user's batch id is not a retry of theirs.
    auto stolen = push("crew_b", b);
    EXPECT_EQ(stolen.status, 422) << stolen.body;
    EXPECT_EQ(stolen.json()["errors"][0]["field"], "batch_id");
}

// Fault test 1: the server dies after the batch committed and before its answer left.
TEST_P(SyncPush, ABatchRetriedAfterTheServerDiedBeforeReplyingIsNotAppliedTwice)
{
    m_server->terminate();
    restartServer({{"YANGHU_FAILPOINT", "exit_before_reply:sync.push"}});
    const Json b = batch(Json::array({crewNight("断电前提交")}), laptopA);
    try {
        auto lost = push("crew_a", b);
        ADD_FAILURE() << "the reply should have been lost, got " << lost.status << " " << lost.body;
    } catch (const std::exception&) {
        // the connection closed without an answer (or the retry found no server): the reply is lost
    }
    EXPECT_EQ(m_server->waitForExit(), 86);
    restartServer();
    auto retried = push("crew_a", b);
    ASSERT_EQ(retried.status, 200) << retried.body;
    EXPECT_EQ(retried.json()["results"][0]["outcome"], "applied");
    const Json row = order(woA);
    EXPECT_EQ(row["row_version"], 2);
    ASSERT_EQ(row["notes"].size(), 1u);
    EXPECT_EQ(row["notes"][0]["text"], "断电前提交");
    EXPECT_EQ(count("SELECT COUNT(*) FROM push_batch"), 1);
}

// Fault test 2: the same batch on two connections at once.
TEST_P(SyncPush, TheSameBatchOnTwoConnectionsAtOnceIsAppliedOnce)
{
    for (int round = 0; round < 5; ++round) {
        const Json b = batch(Json::array({op("work_order", woA.id, 0,
                                             {{"notes", Json::array({note("第" + std::to_string(round) + "次")})}})}),
                             laptopA);
        HttpClient one(m_server->port()), two(m_server->port());
        HttpResponse r1, r2;
        std::thread t1([&] { r1 = push("crew_a", b, &one); });
        std::thread t2([&] { r2 = push("crew_a", b, &two); });
        t1.join();
        t2.join();
        ASSERT_EQ(r1.status, 200) << r1.body;
        ASSERT_EQ(r2.status, 200) << r2.body;
        EXPECT_EQ(r1.body, r2.body);
    }
    EXPECT_EQ(order(woA)["notes"].size(), 5u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM push_batch"), 5);
}

// Several laptops pushing notes onto the same order at the same moment: on PostgreSQL their
// transactions read the same row version and race to write it; the loser merges again on the
// winner's row instead of refusing the laptop's work.
TEST_P(SyncPush, LaptopsPushingTheSameOrderAtOnceAreAllApplied)
{
    constexpr int kLaptops = 6;
    constexpr int kRounds = 8;
    std::vector<std::vector<HttpResponse>> answers(kLaptops);
    std::vector<std::vector<Json>> batches(kLaptops);
    for (int l = 0; l < kLaptops; ++l) {
        const Uuid laptop = m_ids.next();
        for (int round = 0; round < kRounds; ++round)
            batches[l].push_back(batch(Json::array({op("work_order", woA.id, 1,
                                                        {{"notes", Json::array({note("笔记本" + std::to_string(l) + "第" +
                                                                                     std::to_string(round) + "条")})}})}),
                                       laptop));
    }
    std::vector<std::thread> threads;
    for (int l = 0; l < kLaptops; ++l)
        threads.emplace_back([&, l] {
            HttpClient own(m_server->port());
            for (const auto& b : batches[l]) answers[l].push_back(push("crew_a", b, &own));
        });
    for (auto& t : threads) t.join();
    for (const auto& laptop : answers)
        for (const auto& r : laptop) {
            ASSERT_EQ(r.status, 200) << r.body;
            EXPECT_EQ(r.json()["results"][0]["outcome"], "applied") << r.body;
        }
    const Json row = order(woA);
    EXPECT_EQ(row["notes"].size(), static_cast<std::size_t>(kLaptops * kRounds));
    EXPECT_EQ(row["row_version"], 1 + kLaptops * kRounds);
}

TEST_P(SyncPush, ARefusedOperationIsReportedWithoutHidingTheOthers)
{
    const Json ops = Json::array({
        crewNight(),
        op("work_order", woB.id, 1, {{"notes", Json::array({note("不是我们的单")})}}), // crew B's order
        op("work_order", woA.id, 2, {{"priority", 1}}),                              // office-owned
        op("work_order", m_ids.next(), 3, {{"hold_reason", "x"}}),                   // no such row
        op("defect_report", defectA.id, 1, {{"severity", 4}, {"description", "积水严重，需加急"}}),
    });
    auto r = push("crew_a", batch(ops, laptopA));
    ASSERT_EQ(r.status, 200) << r.body;
    const Json results = r.json()["results"];
    ASSERT_EQ(results.size(), 5u);
    EXPECT_EQ(results[0]["outcome"], "applied");
    EXPECT_EQ(results[1]["outcome"], "refused");
    EXPECT_EQ(results[1]["error"]["code"], "not_assigned_crew");
    EXPECT_EQ(results[1]["error"]["status"], 403);
    EXPECT_EQ(results[2]["outcome"], "refused");
    EXPECT_EQ(results[2]["error"]["status"], 422);
    EXPECT_EQ(results[2]["error"]["errors"][0]["field"], "priority");
    EXPECT_EQ(results[2]["error"]["errors"][0]["code"], "not_allowed");
    EXPECT_EQ(results[3]["error"]["code"], "not_found");
    EXPECT_EQ(results[4]["outcome"], "applied");
    EXPECT_EQ(order(woB)["notes"].size(), 0u);
    EXPECT_EQ(order(woA)["priority"], 2);
    auto report = client().get("/api/v1/defect-reports/" + defectA.id.toString(), token("dispatcher")).json();
    EXPECT_EQ(report["severity"], 4);
    EXPECT_EQ(report["description"], "积水严重，需加急");
}

TEST_P(SyncPush, AMalformedBatchIsRefusedWholeNamingEachMember)
{
    Json bad = batch(Json::array({op("work_order", woA.id, 1, {{"notes", Json::array()}}), Json("x")}), laptopA);
    bad["operations"][0]["entity"] = "street";
    bad["operations"][0].erase("row_id");
    auto r = push("crew_a", bad);
    ASSERT_EQ(r.status, 422) << r.body;
    SCOPED_TRACE(r.body);
    std::set<std::string> fields;
    const Json problem = r.json();
    for (const auto& e : problem["errors"]) fields.insert(e["field"].get<std::string>());
    EXPECT_EQ(fields, (std::set<std::string>{"operations[0].entity", "operations[0].row_id", "operations[1]"}));
    auto noHeader = client().request("POST", "/api/v1/sync/push", batch(Json::array(), laptopA).dump(),
                                     {{"Authorization", "Bearer " + token("crew_a")}, {"Content-Type", "application/json"}});
    EXPECT_EQ(noHeader.status, 426);
    EXPECT_EQ(count("SELECT COUNT(*) FROM push_batch"), 0);
}

// Fault test 7: the crew's hours and the dispatcher's rescheduling touch different fields; both
// stand. Both change the status: one conflict, the owner's value.
TEST_P(SyncPush, ConcurrentOfficeAndCrewEditsMergeByOwner)
{
    auto moved = client().patch("/api/v1/work-orders/" + woA.id.toString(),
                                {{"priority", 1}, {"assignment", {{"crew_id", crewA.id.toString()}, {"shift_date", "2026-05-22"}}}},
                                token("dispatcher"), "\"1\"");
    ASSERT_EQ(moved.status, 200) << moved.body;
    auto r = push("crew_a", batch(Json::array({op("work_order", woA.id, 1, {{"actual_start", "2026-05-21T22:00:00Z"}})}), laptopA));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.json()["results"][0]["conflicts"].empty()) << r.body;
    Json row = order(woA);
    EXPECT_EQ(row["priority"], 1);
    EXPECT_EQ(row["assignment"]["shift_date"], "2026-05-22");
    EXPECT_EQ(row["actual_start"], "2026-05-21T22:00:00.000Z");

    // The dispatcher holds the order (an office status); the crew, offline on version 3,
    // started it (a crew status). From on_hold no crew transition leads to in_progress: the
    // office's hold stands and one conflict records the crew's start.
    const std::int64_t base = row["row_version"];
    auto held = client().request("POST", "/api/v1/work-orders/" + woA.id.toString() + "/transitions",
                            Json{{"to", "on_hold"}, {"reason", "燃气管线待确认"}}.dump(),
                            {{"Authorization", "Bearer " + token("dispatcher")},
                             {"If-Match", "\"" + std::to_string(base) + "\""},
                             {"Content-Type", "application/json"}});
    ASSERT_EQ(held.status, 200) << held.body;
    auto started = push("crew_a", batch(Json::array({op("work_order", woA.id, base, {{"status", "in_progress"}},
                                                        {{"status", "scheduled"}})}),
                                        laptopA));
    ASSERT_EQ(started.status, 200) << started.body;
    const Json result = started.json()["results"][0];
    EXPECT_EQ(result["outcome"], "unchanged") << started.body;
    ASSERT_EQ(result["conflicts"].size(), 1u);
    EXPECT_EQ(result["conflicts"][0]["field"], "status");
    EXPECT_FALSE(result["conflicts"][0]["client_won"].get<bool>());
    EXPECT_EQ(order(woA)["status"], "on_hold");

    auto list = client().get("/api/v1/sync/conflicts", token("dispatcher"));
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(list.json()["items"].size(), 1u);
    const Json c = list.json()["items"][0];
    EXPECT_EQ(c["entity"], "work_order");
    EXPECT_EQ(c["row_id"], woA.id.toString());
    EXPECT_EQ(c["base_value"], "scheduled");
    EXPECT_EQ(c["server_value"], "on_hold");
    EXPECT_EQ(c["client_value"], "in_progress");
    EXPECT_EQ(c["user_id"], users["crew_a"].id.toString());
    EXPECT_EQ(c["side"], "crew");
    EXPECT_EQ(c["client_time"], "2026-05-21T22:10:00.000Z");
    EXPECT_TRUE(c["resolved_at"].is_null());
    EXPECT_EQ(client().get("/api/v1/sync/conflicts", token("crew_a")).status, 403);
}

TEST_P(SyncPush, AReplicasSecondEditOfAFieldBuildsOnItsFirst)
{
    // Two edits of actual_start made offline on version 1, sent in one batch and then in a
    // later one still on the old base: the laptop's own changes never conflict with it.
    auto r = push("crew_a", batch(Json::array({op("work_order", woA.id, 1, {{"actual_start", "2026-05-21T22:00:00Z"}}),
                                               op("work_order", woA.id, 1, {{"actual_start", "2026-05-21T22:05:00Z"}})}),
                                  laptopA));
    ASSERT_EQ(r.status, 200) << r.body;
    auto later = push("crew_a", batch(Json::array({op("work_order", woA.id, 1, {{"actual_start", "2026-05-21T22:07:00Z"}})}), laptopA));
    ASSERT_EQ(later.status, 200) << later.body;
    EXPECT_EQ(order(woA)["actual_start"], "2026-05-21T22:07:00.000Z");
    EXPECT_EQ(count("SELECT COUNT(*) FROM sync_conflict"), 0);
    // Another laptop of the same crew on the old base: same side, first arrival stands.
    auto other = push("crew_a", batch(Json::array({op("work_order", woA.id, 1, {{"actual_start", "2026-05-21T23:00:00Z"}})}), laptopB));
    ASSERT_EQ(other.status, 200) << other.body;
    EXPECT_EQ(other.json()["results"][0]["conflicts"][0]["rule"], "first_arrival_wins");
    EXPECT_EQ(order(woA)["actual_start"], "2026-05-21T22:07:00.000Z");
}

// Fault test 8: the office deleted an order the crew completed offline.
TEST_P(SyncPush, AnOrderDeletedWhileTheCrewWorkedKeepsTheCrewsData)
{
    auto deleted = client().del("/api/v1/work-orders/" + woA.id.toString(), token("dispatcher"), "\"1\"");
    ASSERT_EQ(deleted.status, 204) << deleted.body;
    const Json qty = {{"id", m_ids.next().toString()}, {"measure", "inlets_cleaned"}, {"quantity", 1}, {"unit", "pcs"}};
    auto r = push("crew_a", batch(Json::array({op("work_order", woA.id, 1,
                                                  {{"status", "completed"},
                                                   {"actual_start", "2026-05-21T22:00:00Z"},
                                                   {"actual_end", "2026-05-21T23:30:00Z"},
                                                   {"quantities", Json::array({qty})},
                                                   {"notes", Json::array({note("已完成清掏")})}})}),
                                  laptopA));
    ASSERT_EQ(r.status, 200) << r.body;
    const Json result = r.json()["results"][0];
    EXPECT_EQ(result["outcome"], "applied") << r.body;
    bool deletedConflict = false;
    for (const auto& c : result["conflicts"]) deletedConflict |= c["rule"] == "edit_of_deleted_row";
    EXPECT_TRUE(deletedConflict) << r.body;
    // Still deleted, with the crew's work on it.
    EXPECT_EQ(client().get("/api/v1/work-orders/" + woA.id.toString(), token("dispatcher")).status, 404);
    auto kept = store().read([&](store::Tx& tx) { return store::WorkOrderRepository().get(tx, woA.id, true); });
    ASSERT_TRUE(kept.ok());
    EXPECT_TRUE(kept->meta.deleted);
    EXPECT_EQ(kept->status, WorkOrderStatus::Completed);
    ASSERT_EQ(kept->notes.size(), 1u);
    EXPECT_EQ(kept->notes[0].text, "已完成清掏");
}

TEST_P(SyncPush, AStatusTheOrderCannotReachKeepsTheRestOfTheEdit)
{
    // Completed needs an end time and a quantity line; the crew sent neither. The start
    // stands, the order is in progress, the note is kept, and the office sees why.
    auto r = push("crew_a", batch(Json::array({op("work_order", woA.id, 1,
                                                  {{"status", "completed"},
                                                   {"actual_start", "2026-05-21T22:00:00Z"},
                                                   {"notes", Json::array({note("缺少数量")})}})}),
                                  laptopA));
    ASSERT_EQ(r.status, 200) << r.body;
    const Json result = r.json()["results"][0];
    EXPECT_EQ(result["outcome"], "applied");
    EXPECT_EQ(result["status_error"]["code"], "validation_failed") << r.body;
    ASSERT_EQ(result["conflicts"].size(), 1u);
    EXPECT_EQ(result["conflicts"][0]["rule"], "no_transition");
    const Json row = order(woA);
    EXPECT_EQ(row["status"], "in_progress");
    EXPECT_EQ(row["notes"].size(), 1u);
}

TEST_P(SyncPush, PhotosMustBeOnTheServerBeforeARowNamesThem)
{
    const std::string hash(64, 'a');
    auto r = push("crew_a", batch(Json::array({op("work_order", woA.id, 1, {{"photos", Json::array({hash})}})}), laptopA));
    ASSERT_EQ(r.status, 200) << r.body;
    const Json refused = r.json()["results"][0];
    EXPECT_EQ(refused["outcome"], "refused");
    EXPECT_EQ(refused["error"]["errors"][0]["field"], "photos[0]");
    EXPECT_EQ(refused["error"]["errors"][0]["code"], "not_found");
    auto stored = store().write([&](store::Tx& tx) -> Status {
        store::sql::execute(tx.session(),
                            "INSERT INTO photo (sha256, size_bytes, content_type, uploaded_by, created_at) VALUES (?, 1, 'image/jpeg', '', 0)",
                            {hash});
        return success();
    });
    ASSERT_TRUE(stored.ok());
    auto again = push("crew_a", batch(Json::array({op("work_order", woA.id, 1, {{"photos", Json::array({hash})}})}), laptopA));
    EXPECT_EQ(again.json()["results"][0]["outcome"], "applied") << again.body;
    EXPECT_EQ(order(woA)["photos"], Json::array({hash}));
}

TEST_P(SyncPush, ACrewCreatesADefectReportOfflineWithTheServersClock)
{
    const Uuid id = m_ids.next();
    const Json fields = {{"category", "clogged_inlet"},
                         {"severity", 2},
                         {"asset_id", inletA2.id.toString()},
                         {"location", Json::array({114.482, 36.61})},
                         {"description", "雨水口被落叶堵住"}};
    Json create = op("defect_report", id, 0, fields);
    create["client_time"] = "2036-05-21T22:10:00Z"; // a laptop ten years ahead
    auto r = push("crew_a", batch(Json::array({create, op("defect_report", m_ids.next(), 0, {{"status", "triaged"}}),
                                               op("defect_report", m_ids.next(), 0,
                                                  {{"category", "clogged_inlet"}, {"severity", 2},
                                                   {"asset_id", inletB1.id.toString()}, // another district
                                                   {"location", Json::array({114.5, 36.6})}})}),
                                  laptopA));
    ASSERT_EQ(r.status, 200) << r.body;
    const Json results = r.json()["results"];
    EXPECT_EQ(results[0]["outcome"], "applied") << r.body;
    EXPECT_EQ(results[1]["error"]["errors"][0]["code"], "not_allowed");
    EXPECT_EQ(results[2]["error"]["errors"][0]["field"], "asset_id");
    auto report = client().get("/api/v1/defect-reports/" + id.toString(), token("dispatcher"));
    ASSERT_EQ(report.status, 200) << report.body;
    EXPECT_EQ(report.json()["reported_by"], users["crew_a"].id.toString());
    EXPECT_EQ(report.json()["status"], "new");
    EXPECT_EQ(report.json()["source"], "crew");
    EXPECT_LT(report.json()["reported_at"].get<std::string>(), "2030"); // the server's clock, not the laptop's
    // The create pushed again after a restore kept the row: merged, not duplicated.
    auto again = push("crew_a", batch(Json::array({op("defect_report", id, 0, fields)}), laptopA));
    EXPECT_EQ(again.json()["results"][0]["outcome"], "unchanged") << again.body;
}

// Fault test 11, server side: laptop clocks a decade ahead or behind decide nothing.
TEST_P(SyncPush, ALaptopClockOffByYearsDecidesNothing)
{
    Json ahead = note("时钟快了十年");
    ahead["at"] = "2036-05-21T22:00:00Z";
    Json behind = note("时钟慢了十年");
    behind["at"] = "2016-05-21T22:00:00Z";
    Json edit = op("work_order", woA.id, 1, {{"notes", Json::array({ahead, behind})}});
    edit["client_time"] = "2036-05-21T22:10:00Z";
    auto r = push("crew_a", batch(Json::array({edit}), laptopA));
    ASSERT_EQ(r.status, 200) << r.body;
    const Json row = order(woA);
    ASSERT_EQ(row["notes"].size(), 2u);
    const std::string now = formatInstant(m_clock.now() + std::chrono::minutes(1));
    const std::string created = formatInstant(woA.meta.createdAt);
    for (const auto& n : row["notes"]) {
        EXPECT_LE(n["at"].get<std::string>(), now) << n;
        EXPECT_GE(n["at"].get<std::string>(), created) << n;
        EXPECT_EQ(n["author_id"], users["crew_a"].id.toString()); // never taken from the body
    }
    // Kept in the order the server received them, whatever the laptop's clock said.
    EXPECT_EQ(row["notes"][0]["text"], "时钟快了十年");
    EXPECT_EQ(row["notes"][1]["text"], "时钟慢了十年");
}

TEST_P(SyncPush, TheOfficeResolvesAConflict)
{
    // Two laptops of one crew recorded different start times offline: the first to arrive
    // stands, and the office decides.
    push("crew_a", batch(Json::array({op("work_order", woA.id, 1, {{"actual_start", "2026-05-21T22:00:00Z"}})}), laptopA));
    auto r = push("crew_a", batch(Json::array({op("work_order", woA.id, 1, {{"actual_start", "2026-05-21T21:45:00Z"}})}), laptopB));
    ASSERT_EQ(r.status, 200) << r.body;
    const std::string id = r.json()["results"][0]["conflicts"][0]["id"];
    const std::string path = "/api/v1/sync/conflicts/" + id + "/resolve";
    EXPECT_EQ(client().post(path, {{"resolution", "maybe"}}, token("dispatcher")).status, 422);
    EXPECT_EQ(client().post(path, {{"resolution", "take_client"}}, token("crew_a")).status, 403);
    auto taken = client().post(path, {{"resolution", "take_client"}, {"note", "以二号机记录为准"}}, token("dispatcher"));
    ASSERT_EQ(taken.status, 200) << taken.body;
    EXPECT_EQ(taken.json()["row"]["actual_start"], "2026-05-21T21:45:00.000Z");
    EXPECT_EQ(taken.json()["conflict"]["resolution"], "take_client");
    EXPECT_EQ(taken.json()["conflict"]["resolution_note"], "以二号机记录为准");
    EXPECT_EQ(taken.json()["conflict"]["resolved_by"], users["dispatcher"].id.toString());
    EXPECT_EQ(order(woA)["actual_start"], "2026-05-21T21:45:00.000Z");
    EXPECT_EQ(client().post(path, {{"resolution", "keep_server"}}, token("dispatcher")).status, 409);
    EXPECT_TRUE(client().get("/api/v1/sync/conflicts", token("dispatcher")).json()["items"].empty());
    EXPECT_EQ(client().get("/api/v1/sync/conflicts?state=resolved", token("dispatcher")).json()["items"].size(), 1u);
    EXPECT_EQ(client().get("/api/v1/sync/conflicts/" + id, token("supervisor")).json()["rule"], "first_arrival_wins");
}

TEST_P(SyncPush, AnyRouteRefusesAnotherProtocolVersionWith426)
{
    auto r = client().request("GET", "/api/v1/work-orders", {},
                              {{"Authorization", "Bearer " + token("crew_a")}, {"X-Yanghu-Protocol", "0"}});
    EXPECT_EQ(r.status, 426) << r.body;
    EXPECT_EQ(r.json()["code"], "protocol_unsupported");
    EXPECT_EQ(r.json()["params"]["server"], "1");
    auto unsent = client().get("/api/v1/work-orders", token("crew_a"));
    EXPECT_EQ(unsent.status, 200); // tools that do not sync may leave the header out
}

YANGHU_API_BOTH_BACKENDS(SyncPush);

} // namespace
