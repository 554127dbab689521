// SPDX-License-Identifier: MIT
#include "ApiFixture.h"

#include "store/WorkOrderRepository.h"

#include <regex>
#include <set>
#include <string>

using namespace yanghu;
using namespace yanghu::servertest;
using nlohmann::json;

namespace {

const std::string kOrders = "/api/v1/work-orders";
const std::string kDefects = "/api/v1/defect-reports";

std::set<std::string> idsOf(const HttpResponse& r)
{
    std::set<std::string> out;
    const auto body = r.json();
    for (const auto& item : body["items"]) out.insert(item["id"].get<std::string>());
    return out;
}

// The ids of every page of `path` (which has a query already), following next_cursor.
std::vector<std::string> walk(HttpClient& client, const std::string& path, const std::string& token, int& pages)
{
    std::vector<std::string> ids;
    std::string cursor;
    pages = 0;
    do {
        auto r = client.get(path + (cursor.empty() ? "" : "&cursor=" + cursor), token);
        EXPECT_EQ(r.status, 200) << r.body;
        if (r.status != 200) break;
        ++pages;
        const auto body = r.json();
        for (const auto& item : body["items"]) ids.push_back(item["id"].get<std::string>());
        const auto next = body["next_cursor"];
        cursor = next.is_null() ? "" : next.get<std::string>();
    } while (!cursor.empty() && pages < 20);
    return ids;
}

class WorkApiTest : public ApiTest {
protected:
    // POST with an optional If-Match (the command and line routes).
    HttpResponse postIf(const std::string& path, const json& body, const std::string& user, const std::string& ifMatch)
    {
        std::map<std::string, std::string> h{{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token(user)}};
        if (!ifMatch.empty()) h["If-Match"] = ifMatch;
        return client().request("POST", path, body.dump(), h);
    }
    HttpResponse transition(const WorkOrder& order, const json& body, const std::string& user, const std::string& ifMatch)
    {
        return postIf(kOrders + "/" + order.id.toString() + "/transitions", body, user, ifMatch);
    }
    HttpResponse triage(const Uuid& report, const json& body, const std::string& user, const std::string& ifMatch = "\"1\"")
    {
        return postIf(kDefects + "/" + report.toString() + "/triage", body, user, ifMatch);
    }
    WorkOrder storedOrder(const Uuid& id)
    {
        return store().read([&](store::Tx& tx) { return store::WorkOrderRepository().get(tx, id); }).value();
    }
};

// ---- work orders ------------------------------------------------------------------------

class WorkOrderApi : public WorkApiTest {};

TEST_P(WorkOrderApi, CreateNumbersTheOrderAndAnswersLocationAndETag)
{
    const json body = {{"title", "更换井盖 MH-A1"}, {"type", "replacement"}, {"asset_ids", {manholeA1.id.toString()}}};
    auto first = client().post(kOrders, body, token("dispatcher"));
    ASSERT_EQ(first.status, 201) << first.body;
    auto second = client().post(kOrders, body, token("supervisor"));
    ASSERT_EQ(second.status, 201) << second.body;
    const auto a = first.json(), b = second.json();
    EXPECT_EQ(first.header("etag"), "\"1\"");
    EXPECT_EQ(first.header("location"), kOrders + "/" + a["id"].get<std::string>());
    EXPECT_EQ(a["status"], "draft");
    EXPECT_EQ(a["title"], "更换井盖 MH-A1");
    const std::regex format(R"(WO-(\d{4})-(\d{6}))");
    std::smatch ma, mb;
    const std::string na = a["number"], nb = b["number"];
    ASSERT_TRUE(std::regex_match(na, ma, format)) << na;
    ASSERT_TRUE(std::regex_match(nb, mb, format)) << nb;
    EXPECT_EQ(std::stoi(mb[2]), std::stoi(ma[2]) + 1);
    // The seeded WO-2026-000001/2 are taken: a 2026 number follows them.
    if (ma[1] == "2026") {
        EXPECT_EQ(na, "WO-2026-000003");
    }
    auto fetched = client().get(kOrders + "/" + a["id"].get<std::string>(), token("dispatcher"));
    ASSERT_EQ(fetched.status, 200);
    EXPECT_EQ(fetched.json()["number"], na);
}

TEST_P(WorkOrderApi, CreateRefusesLinesLaterStatusesUnknownAssetsAndTakenNumbers)
{
    auto lines = client().post(kOrders,
                               {{"title", "x"}, {"type", "repair"}, {"asset_ids", {inletA1.id.toString()}},
                                {"notes", json::array()}, {"verified_by", users["supervisor"].id.toString()}},
                               token("dispatcher"));
    ASSERT_EQ(lines.status, 422) << lines.body;
    EXPECT_EQ(fieldErrors(lines), (std::set<std::string>{"notes:not_allowed", "verified_by:not_allowed"}));

    auto later = client().post(kOrders,
                               {{"title", "x"}, {"type", "repair"}, {"status", "scheduled"},
                                {"asset_ids", {Uuid::parse("0190c3a0-0000-7000-8000-000000000001")->toString()}}},
                               token("dispatcher"));
    ASSERT_EQ(later.status, 422) << later.body;
    EXPECT_EQ(fieldErrors(later), (std::set<std::string>{"status:not_allowed", "asset_ids:not_found"}));

    auto taken = client().post(kOrders, {{"title", "x"}, {"type", "repair"}, {"number", woA.number}, {"asset_ids", {inletA1.id.toString()}}},
                               token("dispatcher"));
    EXPECT_EQ(taken.status, 409) << taken.body;
    EXPECT_EQ(client().post(kOrders, {{"title", "x"}, {"type", "repair"}, {"asset_ids", {inletA1.id.toString()}}}, token("crew_a")).status,
              403);
}

TEST_P(WorkOrderApi, ACrewMemberCannotSeeAnotherCrewsOrder)
{
    EXPECT_EQ(client().get(kOrders + "/" + woA.id.toString(), token("crew_a")).status, 200);
    auto hidden = client().get(kOrders + "/" + woB.id.toString(), token("crew_a"));
    EXPECT_EQ(hidden.status, 404);
    EXPECT_EQ(hidden.json()["code"], "not_found");

    auto mine = client().get(kOrders, token("crew_a"));
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(idsOf(mine), (std::set<std::string>{woA.id.toString()}));
    auto asked = client().get(kOrders + "?crew_id=" + crewB.id.toString(), token("crew_a"));
    ASSERT_EQ(asked.status, 200);
    EXPECT_TRUE(asked.json()["items"].empty());
    auto all = client().get(kOrders, token("dispatcher"));
    EXPECT_EQ(idsOf(all), (std::set<std::string>{woA.id.toString(), woB.id.toString()}));
}

TEST_P(WorkOrderApi, ACrewMemberCannotStartAnotherCrewsOrder)
{
    auto r = transition(woB, {{"to", "in_progress"}, {"actual_start", "2026-05-21T14:05:00Z"}}, "crew_a", "\"1\"");
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.json()["code"], "not_assigned_crew");
    const auto stored = storedOrder(woB.id);
    EXPECT_EQ(stored.status, WorkOrderStatus::Scheduled);
    EXPECT_FALSE(stored.actualStart.has_value());
    EXPECT_EQ(stored.meta.rowVersion, 1);
}

TEST_P(WorkOrderApi, TheCrewStartsAndCompletesAndOnlyASupervisorVerifies)
{
    auto start = transition(woA, {{"to", "in_progress"}, {"actual_start", "2026-05-21T14:05:00Z"}}, "crew_a", "\"1\"");
    ASSERT_EQ(start.status, 200) << start.body;
    EXPECT_EQ(start.json()["status"], "in_progress");
    EXPECT_EQ(parseInstant(start.json()["actual_start"].get<std::string>()), parseInstant("2026-05-21T14:05:00Z"));
    EXPECT_EQ(start.header("etag"), "\"2\"");

    auto early = transition(woA, {{"to", "completed"}}, "crew_a", "\"2\"");
    ASSERT_EQ(early.status, 422) << early.body;
    EXPECT_EQ(fieldErrors(early), (std::set<std::string>{"actual_end:required", "quantities:required"}));
    EXPECT_EQ(storedOrder(woA.id).status, WorkOrderStatus::InProgress);

    auto qty = postIf(kOrders + "/" + woA.id.toString() + "/quantities",
                      {{"measure", "inlets_cleaned"}, {"quantity", 1}, {"unit", "个"}}, "crew_a", "\"2\"");
    ASSERT_EQ(qty.status, 201) << qty.body;
    EXPECT_EQ(qty.header("etag"), "\"3\"");
    auto done = transition(woA, {{"to", "completed"}, {"actual_end", "2026-05-21T14:50:00Z"}}, "crew_a", "\"3\"");
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.json()["status"], "completed");

    auto dispatcher = transition(woA, {{"to", "verified"}}, "dispatcher", "\"4\"");
    EXPECT_EQ(dispatcher.status, 403) << dispatcher.body;
    EXPECT_EQ(dispatcher.json()["code"], "transition_forbidden");
    auto verified = transition(woA, {{"to", "verified"}}, "supervisor", "\"4\"");
    ASSERT_EQ(verified.status, 200) << verified.body;
    EXPECT_EQ(verified.json()["verified_by"], users["supervisor"].id.toString());
    EXPECT_EQ(storedOrder(woA.id).status, WorkOrderStatus::Verified);
}

TEST_P(WorkOrderApi, TransitionsNeedIfMatchAndAStaleOneLeavesTheRowUnchanged)
{
    const json hold = {{"to", "on_hold"}, {"reason", "等待材料"}};
    EXPECT_EQ(transition(woA, hold, "dispatcher", "").status, 428);
    const std::string before = databaseDigest();
    auto stale = transition(woA, hold, "dispatcher", "\"7\"");
    EXPECT_EQ(stale.status, 412) << stale.body;
    EXPECT_EQ(databaseDigest(), before);
    auto bad = transition(woA, {{"to", "finished"}, {"colour", "red"}}, "dispatcher", "\"1\"");
    ASSERT_EQ(bad.status, 422);
    EXPECT_EQ(fieldErrors(bad), (std::set<std::string>{"to:invalid_enum", "colour:unknown_field"}));
    auto held = transition(woA, hold, "dispatcher", "\"1\"");
    ASSERT_EQ(held.status, 200) << held.body;
    EXPECT_EQ(held.json()["hold_reason"], "等待材料");
    EXPECT_EQ(transition(woA, {{"to", "verified"}}, "supervisor", "\"2\"").json()["code"], "transition_invalid");
}

TEST_P(WorkOrderApi, PatchNeedsIfMatchAndAStaleOneLeavesTheRowUnchanged)
{
    const std::string path = kOrders + "/" + woA.id.toString();
    EXPECT_EQ(client().patch(path, {{"title", "新标题"}}, token("dispatcher"), "").status, 428);
    auto ok = client().patch(path, {{"title", "新标题"}, {"priority", 1}}, token("dispatcher"), "\"1\"");
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.header("etag"), "\"2\"");
    auto stale = client().patch(path, {{"title", "旧的"}}, token("dispatcher"), "\"1\"");
    EXPECT_EQ(stale.status, 412);
    const auto stored = storedOrder(woA.id);
    EXPECT_EQ(stored.title, "新标题");
    EXPECT_EQ(stored.priority, 1);
    auto refused = client().patch(path, {{"status", "completed"}, {"number", "WO-1"}, {"priority", 9}}, token("dispatcher"), "\"2\"");
    ASSERT_EQ(refused.status, 422);
    EXPECT_EQ(fieldErrors(refused), (std::set<std::string>{"status:not_allowed", "number:not_allowed"}));
    EXPECT_EQ(client().patch(path, {{"title", "x"}}, token("crew_a"), "\"2\"").status, 403);
}

// Break out before pour: an order may follow another, but not itself, not one whose chain leads
// back to it, and not one that does not exist; a refused edit leaves the row as it was.
TEST_P(WorkOrderApi, AnOrderFollowsAnotherButNeverItselfACycleOrAnUnknownOrder)
{
    const std::string a = kOrders + "/" + woA.id.toString();
    const std::string b = kOrders + "/" + woB.id.toString();
    auto follows = client().patch(b, {{"follows_id", woA.id.toString()}}, token("dispatcher"), "\"1\"");
    ASSERT_EQ(follows.status, 200) << follows.body;
    EXPECT_EQ(follows.json()["follows_id"], woA.id.toString());
    EXPECT_EQ(storedOrder(woB.id).followsId, woA.id);

    auto self = client().patch(a, {{"follows_id", woA.id.toString()}}, token("dispatcher"), "\"1\"");
    ASSERT_EQ(self.status, 422) << self.body;
    EXPECT_EQ(fieldErrors(self), (std::set<std::string>{"follows_id:cycle"}));
    auto cycle = client().patch(a, {{"follows_id", woB.id.toString()}}, token("dispatcher"), "\"1\"");
    ASSERT_EQ(cycle.status, 422) << cycle.body;
    EXPECT_EQ(fieldErrors(cycle), (std::set<std::string>{"follows_id:cycle"}));
    EXPECT_EQ(cycle.json()["errors"][0]["params"]["chain"], woA.number + " → " + woB.number + " → " + woA.number);
    auto unknown = client().patch(a, {{"follows_id", "0190c3a0-0000-7000-8000-00000000ffff"}}, token("dispatcher"), "\"1\"");
    ASSERT_EQ(unknown.status, 422) << unknown.body;
    EXPECT_EQ(fieldErrors(unknown), (std::set<std::string>{"follows_id:not_found"}));
    EXPECT_EQ(storedOrder(woA.id).followsId, std::nullopt);
    EXPECT_EQ(storedOrder(woA.id).meta.rowVersion, 1);

    auto cleared = client().patch(b, {{"follows_id", nullptr}}, token("dispatcher"), "\"2\"");
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_EQ(storedOrder(woB.id).followsId, std::nullopt);
    // With the link gone, the other way round is no cycle.
    EXPECT_EQ(client().patch(a, {{"follows_id", woB.id.toString()}}, token("dispatcher"), "\"1\"").status, 200);
}

TEST_P(WorkOrderApi, UnknownAndMalformedIdsAreNotFound)
{
    for (const std::string id : {"0190c3a0-0000-7000-8000-000000000009", "not-a-uuid"}) {
        EXPECT_EQ(client().get(kOrders + "/" + id, token("dispatcher")).status, 404) << id;
        EXPECT_EQ(client().patch(kOrders + "/" + id, {{"title", "x"}}, token("dispatcher"), "\"1\"").status, 404) << id;
        EXPECT_EQ(postIf(kOrders + "/" + id + "/notes", {{"text", "x"}}, "dispatcher", "").status, 404) << id;
    }
}

TEST_P(WorkOrderApi, ListFiltersAndPagesWithACursor)
{
    std::set<std::string> expected{woA.id.toString(), woB.id.toString()};
    for (int i = 0; i < 3; ++i) {
        auto r = client().post(kOrders, {{"title", "巡查 " + std::to_string(i)}, {"type", "inspection"}, {"priority", 4},
                                         {"asset_ids", {inletA2.id.toString()}}},
                               token("dispatcher"));
        ASSERT_EQ(r.status, 201) << r.body;
        expected.insert(r.json()["id"].get<std::string>());
    }
    int pages = 0;
    auto ids = walk(client(), kOrders + "?limit=2", token("dispatcher"), pages);
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(ids.size(), 5u);
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), expected);

    EXPECT_EQ(client().get(kOrders + "?priority=4&status=draft", token("dispatcher")).json()["items"].size(), 3u);
    EXPECT_EQ(idsOf(client().get(kOrders + "?asset_id=" + inletB1.id.toString(), token("dispatcher"))),
              (std::set<std::string>{woB.id.toString()}));
    EXPECT_EQ(idsOf(client().get(kOrders + "?crew_id=" + crewA.id.toString() + "&shift_date_from=2026-05-21&shift_date_to=2026-05-21",
                                 token("supervisor"))),
              (std::set<std::string>{woA.id.toString()}));
    EXPECT_TRUE(client().get(kOrders + "?shift_date_from=2026-05-22", token("supervisor")).json()["items"].empty());
    auto bad = client().get(kOrders + "?priority=9&colour=red&status=done", token("dispatcher"));
    ASSERT_EQ(bad.status, 422);
    EXPECT_EQ(fieldErrors(bad), (std::set<std::string>{"priority:out_of_range", "colour:unknown_field", "status:invalid_enum"}));
}

TEST_P(WorkOrderApi, ChineseNotesRoundTripWithTheCallerAsAuthor)
{
    const std::string text = "井盖异响，已更换橡胶垫圈；明晚复查。";
    auto r = postIf(kOrders + "/" + woA.id.toString() + "/notes", {{"text", text}}, "crew_a", "");
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.header("etag"), "\"2\"");
    auto fetched = client().get(kOrders + "/" + woA.id.toString(), token("crew_a")).json();
    ASSERT_EQ(fetched["notes"].size(), 1u);
    EXPECT_EQ(fetched["notes"][0]["text"], text);
    EXPECT_EQ(fetched["notes"][0]["author_id"], users["crew_a"].id.toString());
    EXPECT_TRUE(parseInstant(fetched["notes"][0]["at"].get<std::string>()).has_value());
    EXPECT_FALSE(fetched["notes"][0]["id"].get<std::string>().empty());
    EXPECT_EQ(storedOrder(woA.id).notes.at(0).text, text);

    auto authored = postIf(kOrders + "/" + woA.id.toString() + "/notes", {{"text", "x"}, {"author_id", users["admin"].id.toString()}},
                           "crew_a", "");
    EXPECT_EQ(authored.status, 422);
    EXPECT_EQ(fieldErrors(authored), (std::set<std::string>{"author_id:not_allowed"}));
}

TEST_P(WorkOrderApi, LinesAreRefusedOnOtherCrewsOrdersWithBadQuantitiesOrAStaleIfMatch)
{
    const std::string labour = kOrders + "/" + woA.id.toString() + "/labour";
    const std::string before = databaseDigest();
    EXPECT_EQ(postIf(labour, {{"worker", "张三"}, {"hours", 2}}, "crew_b", "").status, 404);
    auto negative = postIf(labour, {{"worker", "张三"}, {"hours", -1}}, "crew_a", "");
    ASSERT_EQ(negative.status, 422) << negative.body;
    EXPECT_EQ(fieldErrors(negative), (std::set<std::string>{"hours:out_of_range"}));
    auto zero = postIf(kOrders + "/" + woA.id.toString() + "/materials", {{"material", "铸铁井盖 D400"}, {"quantity", 0}, {"unit", "套"}},
                       "crew_a", "");
    EXPECT_EQ(zero.status, 422) << zero.body;
    EXPECT_EQ(postIf(labour, {{"worker", "张三"}, {"hours", 2}}, "crew_a", "\"5\"").status, 412);
    EXPECT_EQ(databaseDigest(), before);

    auto ok = postIf(labour, {{"worker", "张三"}, {"hours", 2.5}, {"user_id", users["crew_a"].id.toString()}}, "crew_a", "\"1\"");
    ASSERT_EQ(ok.status, 201) << ok.body;
    EXPECT_EQ(ok.json()["labour"][0]["hours"], 2.5);
    auto material = postIf(kOrders + "/" + woA.id.toString() + "/materials",
                           {{"material", "铸铁井盖 D400"}, {"quantity", 1}, {"unit", "套"}}, "dispatcher", "");
    ASSERT_EQ(material.status, 201) << material.body;
    EXPECT_EQ(material.json()["materials"][0]["material"], "铸铁井盖 D400");
    EXPECT_EQ(material.json()["labour"].size(), 1u);
}

TEST_P(WorkOrderApi, ClientNumbersInTheServersSchemeMustBeWellFormedAndNumberingGoesOnPastAMillion)
{
    const json base = {{"title", "更换井盖"}, {"type", "replacement"}, {"asset_ids", {manholeA1.id.toString()}}};
    auto first = client().post(kOrders, base, token("dispatcher"));
    ASSERT_EQ(first.status, 201) << first.body;
    const std::string year = first.json()["number"].get<std::string>().substr(3, 4);
    for (const std::string& bad : std::vector<std::string>{"WO-" + year + "-ABCDEF", "WO-" + year + "-12", "WO-20x6-000001"}) {
        json body = base;
        body["number"] = bad;
        auto refused = client().post(kOrders, body, token("dispatcher"));
        ASSERT_EQ(refused.status, 422) << bad << ": " << refused.body;
        EXPECT_EQ(refused.json()["errors"][0]["field"], "number");
    }
    json legacy = base;
    legacy["number"] = "旧-0815"; // another scheme (an imported number) is the office's business
    EXPECT_EQ(client().post(kOrders, legacy, token("dispatcher")).status, 201);
    json last = base;
    last["number"] = "WO-" + year + "-999999";
    ASSERT_EQ(client().post(kOrders, last, token("dispatcher")).status, 201);
    auto next = client().post(kOrders, base, token("dispatcher"));
    ASSERT_EQ(next.status, 201) << next.body;
    EXPECT_EQ(next.json()["number"], "WO-" + year + "-1000000");
    auto after = client().post(kOrders, base, token("dispatcher"));
    ASSERT_EQ(after.status, 201) << after.body;
    EXPECT_EQ(after.json()["number"], "WO-" + year + "-1000001");
}

TEST_P(WorkOrderApi, AnAssetTakenOutOfTheRegisterDoesNotBlockTheCrewsLinesOrOfficeEdits)
{
    auto asset = client().get("/api/v1/assets/" + inletA1.id.toString(), token("dispatcher"));
    ASSERT_EQ(asset.status, 200);
    ASSERT_EQ(client().del("/api/v1/assets/" + inletA1.id.toString(), token("dispatcher"), asset.header("etag")).status, 204);
    auto note = postIf(kOrders + "/" + woA.id.toString() + "/notes", {{"text", "井已拆除"}}, "crew_a", "");
    EXPECT_EQ(note.status, 201) << note.body;
    auto patched = client().patch(kOrders + "/" + woA.id.toString(), {{"priority", 1}}, token("dispatcher"), note.header("etag"));
    EXPECT_EQ(patched.status, 200) << patched.body;
    // A newly linked deleted asset is still refused.
    auto relinked = client().patch(kOrders + "/" + woB.id.toString(),
                                   {{"asset_ids", {inletB1.id.toString(), inletA1.id.toString()}}}, token("dispatcher"), "\"1\"");
    EXPECT_EQ(relinked.status, 422) << relinked.body;
}

YANGHU_API_BOTH_BACKENDS(WorkOrderApi);

// ---- defect reports ---------------------------------------------------------------------

class DefectApi : public WorkApiTest {};

TEST_P(DefectApi, CreateSetsReporterStatusAndTimeAndAnswersLocation)
{
    const std::string text = "人行道砖松动，行人易绊倒";
    auto r = client().post(kDefects, {{"category", "trip_hazard"}, {"severity", 4}, {"asset_id", inletA2.id.toString()}, {"description", text}},
                           token("crew_a"));
    ASSERT_EQ(r.status, 201) << r.body;
    const auto body = r.json();
    EXPECT_EQ(r.header("location"), kDefects + "/" + body["id"].get<std::string>());
    EXPECT_EQ(r.header("etag"), "\"1\"");
    EXPECT_EQ(body["status"], "new");
    EXPECT_EQ(body["source"], "crew");
    EXPECT_EQ(body["reported_by"], users["crew_a"].id.toString());
    EXPECT_TRUE(parseInstant(body["reported_at"].get<std::string>()).has_value());
    EXPECT_EQ(client().get(kDefects + "/" + body["id"].get<std::string>(), token("crew_a")).json()["description"], text);

    auto office = client().post(kDefects, {{"category", "cover_sunken"}, {"location", {114.5, 36.6}}}, token("dispatcher"));
    ASSERT_EQ(office.status, 201) << office.body;
    EXPECT_EQ(office.json()["source"], "dispatcher");

    auto refused = client().post(kDefects, {{"category", "other"}, {"asset_id", inletA2.id.toString()}, {"status", "triaged"},
                                            {"work_order_id", woA.id.toString()}},
                                 token("dispatcher"));
    ASSERT_EQ(refused.status, 422);
    EXPECT_EQ(fieldErrors(refused), (std::set<std::string>{"status:not_allowed", "work_order_id:not_allowed"}));
}

TEST_P(DefectApi, ACrewMemberReportsOnlyOnAssetsOfTheirDistrict)
{
    const std::string before = databaseDigest();
    auto r = client().post(kDefects, {{"category", "clogged_inlet"}, {"asset_id", inletB1.id.toString()}}, token("crew_a"));
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(fieldErrors(r), (std::set<std::string>{"asset_id:not_found"}));
    EXPECT_EQ(databaseDigest(), before);
}

TEST_P(DefectApi, ACrewMemberSeesReportsOfTheirDistrictAndTheirOwn)
{
    EXPECT_EQ(client().get(kDefects + "/" + defectA.id.toString(), token("crew_a")).status, 200);
    EXPECT_EQ(client().get(kDefects + "/" + defectA.id.toString(), token("crew_b")).status, 404);
    auto own = client().post(kDefects, {{"category", "other"}, {"location", {114.9, 36.9}}}, token("crew_b"));
    ASSERT_EQ(own.status, 201) << own.body;
    const std::string ownId = own.json()["id"];
    EXPECT_EQ(idsOf(client().get(kDefects, token("crew_b"))), (std::set<std::string>{ownId}));
    EXPECT_EQ(idsOf(client().get(kDefects, token("crew_a"))), (std::set<std::string>{defectA.id.toString()}));
    EXPECT_EQ(client().get(kDefects + "/" + ownId, token("crew_a")).status, 404);
    EXPECT_EQ(idsOf(client().get(kDefects, token("supervisor"))), (std::set<std::string>{defectA.id.toString(), ownId}));
}

TEST_P(DefectApi, ListFiltersAndPagesWithACursor)
{
    std::set<std::string> all{defectA.id.toString()};
    for (int severity = 1; severity <= 4; ++severity) {
        auto r = client().post(kDefects, {{"category", "cover_rattling"}, {"severity", severity}, {"asset_id", manholeA1.id.toString()}},
                               token("dispatcher"));
        ASSERT_EQ(r.status, 201) << r.body;
        all.insert(r.json()["id"].get<std::string>());
    }
    int pages = 0;
    auto ids = walk(client(), kDefects + "?limit=2", token("dispatcher"), pages);
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), all);
    EXPECT_EQ(client().get(kDefects + "?min_severity=3", token("dispatcher")).json()["items"].size(), 3u);
    EXPECT_EQ(client().get(kDefects + "?category=cover_rattling&severity=2", token("dispatcher")).json()["items"].size(), 1u);
    EXPECT_EQ(idsOf(client().get(kDefects + "?asset_id=" + inletA1.id.toString(), token("dispatcher"))),
              (std::set<std::string>{defectA.id.toString()}));
    EXPECT_EQ(idsOf(client().get(kDefects + "?bbox=114.48,36.60,114.4815,36.62", token("dispatcher"))),
              (std::set<std::string>{defectA.id.toString()}));
    EXPECT_EQ(client().get(kDefects + "?reported_from=2099-01-01T00:00:00Z", token("dispatcher")).json()["items"].size(), 0u);
    auto bad = client().get(kDefects + "?bbox=114.5,36.6,114.4,36.7&min_severity=5&reported_to=yesterday", token("dispatcher"));
    ASSERT_EQ(bad.status, 422);
    EXPECT_EQ(fieldErrors(bad), (std::set<std::string>{"bbox:invalid_format", "min_severity:out_of_range", "reported_to:invalid_time"}));
}

TEST_P(DefectApi, PatchRefusesTriageFieldsAndAStaleIfMatchLeavesTheRowUnchanged)
{
    const std::string path = kDefects + "/" + defectA.id.toString();
    EXPECT_EQ(client().patch(path, {{"severity", 4}}, token("dispatcher"), "").status, 428);
    auto ok = client().patch(path, {{"severity", 4}, {"description", "雨水口完全堵塞"}}, token("dispatcher"), "\"1\"");
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.header("etag"), "\"2\"");
    const std::string before = databaseDigest();
    EXPECT_EQ(client().patch(path, {{"severity", 1}}, token("dispatcher"), "\"1\"").status, 412);
    auto triageFields = client().patch(path, {{"status", "rejected"}, {"reject_reason", "x"}}, token("dispatcher"), "\"2\"");
    ASSERT_EQ(triageFields.status, 422);
    EXPECT_EQ(fieldErrors(triageFields), (std::set<std::string>{"status:not_allowed", "reject_reason:not_allowed"}));
    EXPECT_EQ(databaseDigest(), before);
    EXPECT_EQ(client().get(path, token("dispatcher")).json()["description"], "雨水口完全堵塞");
    EXPECT_EQ(client().patch(path, {{"severity", 1}}, token("crew_a"), "\"2\"").status, 403);
    EXPECT_EQ(client().get(kDefects + "/nope", token("dispatcher")).status, 404);
}

TEST_P(DefectApi, TriageAcceptsRejectsAndMarksDuplicatesOnlyFromNewOrTriaged)
{
    auto other = client().post(kDefects, {{"category", "clogged_inlet"}, {"asset_id", inletA1.id.toString()}}, token("dispatcher"));
    ASSERT_EQ(other.status, 201);
    const Uuid otherId = *Uuid::parse(other.json()["id"].get<std::string>());

    EXPECT_EQ(triage(defectA.id, {{"action", "accept"}}, "dispatcher", "").status, 428);
    EXPECT_EQ(triage(defectA.id, {{"action", "accept"}}, "crew_a").status, 403);
    auto accepted = triage(defectA.id, {{"action", "accept"}}, "dispatcher");
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(accepted.json()["defect_report"]["status"], "triaged");
    EXPECT_FALSE(accepted.json().contains("work_order"));
    EXPECT_EQ(accepted.header("etag"), "\"2\"");

    auto self = triage(otherId, {{"action", "duplicate"}, {"duplicate_of", otherId.toString()}}, "supervisor");
    EXPECT_EQ(self.status, 422);
    auto noReason = triage(otherId, {{"action", "reject"}, {"duplicate_of", defectA.id.toString()}}, "supervisor");
    ASSERT_EQ(noReason.status, 422);
    EXPECT_EQ(fieldErrors(noReason), (std::set<std::string>{"reason:required", "duplicate_of:unknown_field"}));
    auto duplicate = triage(otherId, {{"action", "duplicate"}, {"duplicate_of", defectA.id.toString()}}, "supervisor");
    ASSERT_EQ(duplicate.status, 200) << duplicate.body;
    EXPECT_EQ(duplicate.json()["defect_report"]["duplicate_of"], defectA.id.toString());

    auto again = triage(otherId, {{"action", "reject"}, {"reason", "重复"}}, "supervisor", "\"2\"");
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.json()["code"], "invalid_state");

    auto rejected = triage(defectA.id, {{"action", "reject"}, {"reason", "现场核查无此问题"}}, "dispatcher", "\"2\"");
    ASSERT_EQ(rejected.status, 200) << rejected.body;
    EXPECT_EQ(rejected.json()["defect_report"]["reject_reason"], "现场核查无此问题");
}

TEST_P(DefectApi, ConvertCreatesALinkedDraftOrderInOneTransaction)
{
    auto r = triage(defectA.id, {{"action", "convert"}, {"work_order", {{"title", "清掏雨水口"}, {"type", "cleaning"}, {"priority", 1}}}},
                    "dispatcher");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = r.json();
    const auto order = body["work_order"];
    EXPECT_EQ(body["defect_report"]["status"], "converted");
    EXPECT_EQ(body["defect_report"]["work_order_id"], order["id"]);
    EXPECT_EQ(order["status"], "draft");
    EXPECT_EQ(order["defect_ids"], json::array({defectA.id.toString()}));
    EXPECT_EQ(order["asset_ids"], json::array({inletA1.id.toString()}));
    EXPECT_TRUE(std::regex_match(order["number"].get<std::string>(), std::regex(R"(WO-\d{4}-\d{6})")));
    const auto stored = storedOrder(*Uuid::parse(order["id"].get<std::string>()));
    EXPECT_EQ(stored.title, "清掏雨水口");
    EXPECT_EQ(stored.defectIds, std::vector<Uuid>{defectA.id});
}

TEST_P(DefectApi, AFailedConvertWritesNothing)
{
    const std::string before = databaseDigest();
    auto bad = triage(defectA.id, {{"action", "convert"}, {"work_order", {{"type", "cleaning"}, {"status", "ready"}}}}, "dispatcher");
    ASSERT_EQ(bad.status, 422) << bad.body;
    EXPECT_EQ(fieldErrors(bad), (std::set<std::string>{"work_order.status:not_allowed"}));
    auto untitled = triage(defectA.id, {{"action", "convert"}, {"work_order", {{"type", "cleaning"}}}}, "dispatcher");
    ASSERT_EQ(untitled.status, 422) << untitled.body;
    EXPECT_TRUE(fieldErrors(untitled).count("work_order.title:required")) << untitled.body;
    auto both = triage(defectA.id, {{"action", "convert"}, {"work_order_id", woA.id.toString()}, {"work_order", json::object()}},
                       "dispatcher");
    EXPECT_EQ(both.status, 422);
    auto missing = triage(defectA.id, {{"action", "convert"}, {"work_order_id", "0190c3a0-0000-7000-8000-000000000009"}}, "dispatcher");
    ASSERT_EQ(missing.status, 422);
    EXPECT_EQ(fieldErrors(missing), (std::set<std::string>{"work_order_id:not_found"}));
    EXPECT_EQ(databaseDigest(), before);
}

TEST_P(DefectApi, ConvertIntoAnExistingOrderAddsTheDefectAndItsAsset)
{
    auto report = client().post(kDefects, {{"category", "clogged_inlet"}, {"asset_id", inletA2.id.toString()}}, token("dispatcher"));
    ASSERT_EQ(report.status, 201);
    const Uuid reportId = *Uuid::parse(report.json()["id"].get<std::string>());
    auto r = triage(reportId, {{"action", "convert"}, {"work_order_id", woA.id.toString()}}, "supervisor");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["defect_report"]["work_order_id"], woA.id.toString());
    const auto stored = storedOrder(woA.id);
    EXPECT_EQ(stored.defectIds, std::vector<Uuid>{reportId});
    EXPECT_EQ(stored.assetIds, (std::vector<Uuid>{inletA1.id, inletA2.id}));
    EXPECT_EQ(stored.meta.rowVersion, 2);
}

YANGHU_API_BOTH_BACKENDS(DefectApi);

} // namespace
