// SPDX-License-Identifier: MIT
// GET /api/v1/sync/pull over the real server on both back ends: a first download has every
// row once at its latest version; later pulls bring exactly what changed; a crew's replica
// gets its scope and learns when an order leaves it; stale cursors and old clients get clear
// answers.
#include "ApiFixture.h"

#include "store/ChangeFeed.h"
#include "store/Sql.h"

#include "yanghu/core/Result.h"

#include <Poco/URI.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <utility>

using namespace yanghu;
using namespace yanghu::servertest;
using Json = nlohmann::json;

namespace {

class SyncApi : public ApiTest {
protected:
    HttpResponse pull(const std::string& user, std::int64_t since, const std::string& epoch, int limit = 500,
                      const std::string& protocol = "1", const std::string& scope = "")
    {
        std::string path = "/api/v1/sync/pull?since=" + std::to_string(since) + "&limit=" + std::to_string(limit);
        if (!epoch.empty()) path += "&epoch=" + epoch;
        const std::string& sentScope = scope.empty() ? m_scopes[user] : scope;
        if (!sentScope.empty()) {
            std::string encoded;
            Poco::URI::encode(sentScope, "&=+#:", encoded);
            path += "&scope=" + encoded;
        }
        std::map<std::string, std::string> headers{{"Authorization", "Bearer " + token(user)}};
        if (!protocol.empty()) headers["X-Yanghu-Protocol"] = protocol;
        return client().request("GET", path, {}, headers);
    }

    struct Replica {
        std::map<std::pair<std::string, std::string>, Json> rows; // (entity, id) -> row
        std::set<std::pair<std::string, std::string>> leaving;   // out_of_scope markers seen
        std::int64_t since = 0;
        std::string epoch;
        int pages = 0;
        int duplicates = 0;
    };
    // Pulls until has_more is false, applying rows by version as a replica would.
    void sync(Replica& replica, const std::string& user, int limit = 500)
    {
        for (;;) {
            auto r = pull(user, replica.since, replica.epoch, limit);
            ASSERT_EQ(r.status, 200) << r.body;
            const Json page = r.json();
            ++replica.pages;
            for (const auto& item : page["rows"]) {
                const std::string entity = item["entity"];
                if (item.contains("out_of_scope")) {
                    const std::pair key{entity, item["id"].get<std::string>()};
                    replica.leaving.insert(key);
                    replica.rows.erase(key);
                    continue;
                }
                const std::pair key{entity, item["row"]["id"].get<std::string>()};
                if (replica.rows.count(key) && replica.rows[key]["row_version"] == item["row"]["row_version"])
                    ++replica.duplicates;
                replica.rows[key] = item["row"];
            }
            replica.since = page["next_since"];
            replica.epoch = page["epoch"];
            m_scopes[user] = page["scope"];
            if (!page["has_more"].get<bool>()) return;
        }
    }
    static bool has(const Replica& r, const std::string& entity, const Uuid& id)
    {
        return r.rows.count({entity, id.toString()}) > 0;
    }
    std::map<std::string, std::string> m_scopes; // the scope each user's replica last saw

    HttpResponse patchOrder(const WorkOrder& order, const Json& body, const std::string& etag)
    {
        return client().patch("/api/v1/work-orders/" + order.id.toString(), body, token("dispatcher"), etag);
    }
};

TEST_P(SyncApi, AFirstDownloadHasEveryRowOnceAtItsLatestVersion)
{
    Replica office;
    sync(office, "dispatcher", 3); // small pages: the cursor must carry across them
    EXPECT_GT(office.pages, 3);
    EXPECT_EQ(office.duplicates, 0);
    for (const auto& [entity, id] : std::vector<std::pair<std::string, Uuid>>{
             {"street", streetA.id}, {"street", streetB.id}, {"asset", inletA1.id}, {"asset", inletB1.id},
             {"asset", manholeA1.id}, {"work_order", woA.id}, {"work_order", woB.id}, {"defect_report", defectA.id},
             {"crew", crewA.id}, {"crew", crewB.id}, {"app_user", users["crew_b"].id}})
        EXPECT_TRUE(has(office, entity, id)) << entity << " " << id.toString();
    // Each row as GET shows it now.
    const auto order = client().get("/api/v1/work-orders/" + woA.id.toString(), token("dispatcher"));
    EXPECT_EQ((office.rows[{"work_order", woA.id.toString()}]), order.json());
    // Every live row of the database, no more.
    std::size_t rows = 0;
    for (const char* table : {"street", "asset", "defect_report", "work_order", "crew", "app_user", "programme",
                              "shift_calendar", "crew_shift"}) {
        rows += store().read([&](store::Tx& tx) {
            return store::sql::query(tx.session(), std::string("SELECT id FROM ") + table, {}, {store::SqlType::Text}).size();
        });
    }
    EXPECT_EQ(office.rows.size(), rows);
    // Nothing new: an empty page, the same cursor.
    auto again = pull("dispatcher", office.since, office.epoch);
    EXPECT_TRUE(again.json()["rows"].empty());
    EXPECT_EQ(again.json()["next_since"], office.since);
    EXPECT_FALSE(again.json()["has_more"].get<bool>());
}

TEST_P(SyncApi, AfterAnEditOnlyThatRowComesAtItsNewVersion)
{
    Replica office;
    sync(office, "dispatcher");
    auto patched = patchOrder(woA, {{"priority", 1}, {"title", "丛台路 井盖更换（加急）"}}, "\"1\"");
    ASSERT_EQ(patched.status, 200) << patched.body;
    auto r = pull("dispatcher", office.since, office.epoch);
    ASSERT_EQ(r.status, 200);
    const Json page = r.json();
    ASSERT_EQ(page["rows"].size(), 1u);
    EXPECT_EQ(page["rows"][0]["entity"], "work_order");
    EXPECT_EQ(page["rows"][0]["row"], patched.json());
    EXPECT_GT(page["next_since"].get<std::int64_t>(), office.since);
}

TEST_P(SyncApi, ACrewReplicaHoldsItsDistrictAndItsCrewsWorkAndLearnsWhenAnOrderLeaves)
{
    Replica a, b;
    sync(a, "crew_a");
    sync(b, "crew_b");
    EXPECT_TRUE(has(a, "street", streetA.id));
    EXPECT_FALSE(has(a, "street", streetB.id));
    EXPECT_TRUE(has(a, "asset", inletA1.id));
    EXPECT_TRUE(has(a, "asset", manholeA1.id));
    EXPECT_FALSE(has(a, "asset", inletB1.id));
    EXPECT_TRUE(has(a, "work_order", woA.id));
    EXPECT_FALSE(has(a, "work_order", woB.id));
    EXPECT_TRUE(has(a, "defect_report", defectA.id));
    EXPECT_TRUE(has(a, "crew", crewA.id));
    EXPECT_FALSE(has(a, "crew", crewB.id));
    EXPECT_TRUE(has(a, "app_user", users["crew_a"].id));
    EXPECT_FALSE(has(a, "app_user", users["crew_b"].id));
    EXPECT_FALSE(has(a, "app_user", users["admin"].id));
    EXPECT_TRUE(a.leaving.empty()); // a first download removes nothing
    EXPECT_FALSE(has(b, "work_order", woA.id));

    // The dispatcher gives woA to crew C-02.
    auto moved = patchOrder(woA, {{"assignment", {{"crew_id", crewB.id.toString()}, {"shift_date", "2026-12-01"}}}}, "\"1\"");
    ASSERT_EQ(moved.status, 200) << moved.body;
    sync(a, "crew_a");
    sync(b, "crew_b");
    EXPECT_FALSE(has(a, "work_order", woA.id));
    EXPECT_TRUE(a.leaving.count({"work_order", woA.id.toString()}));
    EXPECT_TRUE(has(b, "work_order", woA.id));
    EXPECT_EQ((b.rows[{"work_order", woA.id.toString()}]["assignment"]["crew_id"]), crewB.id.toString());
    // Its inlet lies in crew A's district: it comes with the order, with its street, so crew B
    // sees the card of what it was sent to; nothing else of that district does.
    EXPECT_TRUE(has(b, "asset", inletA1.id));
    EXPECT_TRUE(has(b, "street", streetA.id));
    EXPECT_TRUE(has(b, "defect_report", defectA.id)) << "the defect the order came from";
    EXPECT_FALSE(has(b, "asset", manholeA1.id));
    // A first download after the move holds them too.
    Replica fresh;
    m_scopes.erase("crew_b");
    sync(fresh, "crew_b");
    EXPECT_TRUE(has(fresh, "asset", inletA1.id));
    EXPECT_TRUE(has(fresh, "street", streetA.id));
    EXPECT_FALSE(has(fresh, "asset", manholeA1.id));
    EXPECT_EQ(fresh.duplicates, 0);
}

TEST_P(SyncApi, StaleCursorsOldClientsAndBadParametersGetClearAnswers)
{
    Replica office;
    sync(office, "dispatcher");

    auto otherEpoch = pull("dispatcher", office.since, "0123456789abcdef0123456789abcdef");
    EXPECT_EQ(otherEpoch.status, 410);
    EXPECT_EQ(otherEpoch.json()["code"], "resync_required");
    EXPECT_EQ(otherEpoch.json()["params"]["reason"], "epoch_changed");
    EXPECT_EQ(otherEpoch.json()["params"]["epoch"], office.epoch);

    auto ahead = pull("dispatcher", office.since + 1000, office.epoch);
    EXPECT_EQ(ahead.status, 410);
    EXPECT_EQ(ahead.json()["params"]["reason"], "cursor_ahead");

    auto noEpoch = pull("dispatcher", office.since, "");
    EXPECT_EQ(noEpoch.status, 422);
    EXPECT_EQ(noEpoch.json()["errors"][0]["field"], "epoch");
    m_scopes["dispatcher"].clear();
    auto noScope = pull("dispatcher", office.since, office.epoch);
    EXPECT_EQ(noScope.status, 422);
    EXPECT_EQ(noScope.json()["errors"][0]["field"], "scope");
    EXPECT_EQ(pull("dispatcher", -1, office.epoch).status, 422);
    EXPECT_EQ(pull("dispatcher", 0, "", 0).status, 422);

    for (const std::string protocol : {"", "2"}) {
        auto old = pull("dispatcher", 0, "", 500, protocol);
        EXPECT_EQ(old.status, 426) << protocol;
        EXPECT_EQ(old.json()["code"], "protocol_unsupported");
        EXPECT_EQ(old.json()["params"]["server"], "1");
    }
    EXPECT_EQ(client().get("/api/v1/sync/pull").status, 401);
}

TEST_P(SyncApi, ANewEpochAfterARestoreSendsEveryReplicaBackToAFullDownload)
{
    Replica office;
    sync(office, "dispatcher");
    auto epoch = store().write([](store::Tx& tx) -> Result<std::string> { return store::startNewEpoch(tx); });
    ASSERT_TRUE(epoch.ok());
    auto stale = pull("dispatcher", office.since, office.epoch);
    EXPECT_EQ(stale.status, 410);
    EXPECT_EQ(stale.json()["params"]["reason"], "epoch_changed");
    EXPECT_EQ(stale.json()["params"]["epoch"], *epoch);
    Replica again;
    sync(again, "dispatcher", 2); // many pages: every one after the first has since > 0
    EXPECT_EQ(again.epoch, *epoch);
    EXPECT_GT(again.pages, 3);
    EXPECT_EQ(again.rows.size(), office.rows.size());
}

TEST_P(SyncApi, AMemberMovedToAnotherCrewDownloadsTheirNewScopeAgain)
{
    Replica a;
    sync(a, "crew_a");
    EXPECT_EQ(m_scopes["crew_a"], "crew:" + crewA.id.toString() + ":丛台区");
    auto moved = client().patch("/api/v1/users/" + users["crew_a"].id.toString(), {{"crew_id", crewB.id.toString()}},
                                token("admin"), "\"1\"");
    ASSERT_EQ(moved.status, 200) << moved.body;
    const std::string fresh = client().login("crew_a", "pw-crew_a"); // the change ended their sessions
    m_tokens["crew_a"] = fresh;
    auto stale = pull("crew_a", a.since, a.epoch);
    EXPECT_EQ(stale.status, 410);
    EXPECT_EQ(stale.json()["params"]["reason"], "scope_changed");
    Replica again;
    sync(again, "crew_a");
    EXPECT_TRUE(has(again, "work_order", woB.id));
    EXPECT_FALSE(has(again, "work_order", woA.id));
    EXPECT_TRUE(has(again, "street", streetB.id));
}

YANGHU_API_BOTH_BACKENDS(SyncApi);

} // namespace
