// SPDX-License-Identifier: MIT
// Reads served from rendered rows (api::RowCache): a row is served at the version the
// database holds now, whoever changed it (this server, or another process writing to the
// same database, as a second server on PostgreSQL would); hidden rows stay hidden; a list
// page is the same bytes whether its rows were rendered before or not. And the cache's own
// rules: exact versions, newer wins, a bounded budget.
#include "ApiFixture.h"

#include "api/RowCache.h"
#include "store/WorkOrderRepository.h"

#include <nlohmann/json.hpp>

#include <string>

using namespace yanghu;
using namespace yanghu::servertest;
using Json = nlohmann::json;

namespace {

const std::string kOrders = "/api/v1/work-orders";

class ReadCacheApi : public ApiTest {
protected:
    std::string orderPath(const WorkOrder& order) const { return kOrders + "/" + order.id.toString(); }
};

TEST_P(ReadCacheApi, ARowChangedByAnotherWriterIsServedAtItsNewVersion)
{
    const auto first = client().get(orderPath(woA), token("dispatcher"));
    ASSERT_EQ(first.status, 200);
    ASSERT_EQ(client().get(orderPath(woA), token("dispatcher")).body, first.body); // now rendered

    // Another process writes the row (as a second server on the same PostgreSQL would).
    auto changed = store().write([&](store::Tx& tx) -> Result<WorkOrder> {
        auto order = store::WorkOrderRepository().get(tx, woA.id);
        if (!order) return order.error();
        order->title = "人民路 雨水口清掏（改）";
        return store::WorkOrderRepository().update(tx, *order, order->meta.rowVersion);
    });
    ASSERT_TRUE(changed.ok());

    const auto again = client().get(orderPath(woA), token("dispatcher"));
    ASSERT_EQ(again.status, 200);
    EXPECT_EQ(again.json()["title"], "人民路 雨水口清掏（改）");
    EXPECT_EQ(again.header("etag"), "\"" + std::to_string(changed->meta.rowVersion) + "\"");
    const auto page = client().get(kOrders + "?crew_id=" + crewA.id.toString(), token("dispatcher"));
    ASSERT_EQ(page.status, 200);
    ASSERT_EQ(page.json()["items"].size(), 1u);
    EXPECT_EQ(page.json()["items"][0], again.json());
}

TEST_P(ReadCacheApi, ALineAddedThroughTheApiShowsOnTheNextReadAndList)
{
    ASSERT_EQ(client().get(orderPath(woA), token("crew_a")).status, 200);
    ASSERT_EQ(client().get(kOrders, token("crew_a")).status, 200);
    std::map<std::string, std::string> h{{"Content-Type", "application/json"},
                                         {"Authorization", "Bearer " + token("crew_a")},
                                         {"If-Match", "\"1\""}};
    auto added = client().request("POST", orderPath(woA) + "/labour", Json{{"worker", "张三"}, {"hours", 1.5}}.dump(), h);
    ASSERT_EQ(added.status, 201) << added.body;

    const auto read = client().get(orderPath(woA), token("crew_a"));
    EXPECT_EQ(read.header("etag"), added.header("etag"));
    ASSERT_EQ(read.json()["labour"].size(), 1u);
    EXPECT_EQ(read.json()["labour"][0]["worker"], "张三");
    const auto page = client().get(kOrders, token("crew_a"));
    ASSERT_EQ(page.json()["items"].size(), 1u);
    EXPECT_EQ(page.json()["items"][0]["labour"].size(), 1u);
}

TEST_P(ReadCacheApi, ADeletedRowIsGoneAfterItWasServed)
{
    const std::string path = "/api/v1/assets/" + inletA2.id.toString();
    ASSERT_EQ(client().get(path, token("admin")).status, 200);
    ASSERT_EQ(client().del(path, token("admin"), "\"1\"").status, 204);
    EXPECT_EQ(client().get(path, token("admin")).status, 404);
    const auto page = client().get("/api/v1/assets?street_id=" + streetA.id.toString(), token("admin"));
    const Json listed = page.json(); // iterated below: a temporary's member would dangle
    for (const auto& item : listed["items"]) EXPECT_NE(item["id"], inletA2.id.toString());
}

TEST_P(ReadCacheApi, ARenderedRowIsStillHiddenFromAnotherCrew)
{
    const auto office = client().get(orderPath(woA), token("dispatcher"));
    ASSERT_EQ(office.status, 200);
    EXPECT_EQ(client().get(orderPath(woA), token("crew_b")).status, 404);
    EXPECT_EQ(client().get(orderPath(woA), token("crew_a")).body, office.body);
    const auto street = "/api/v1/streets/" + streetA.id.toString();
    ASSERT_EQ(client().get(street, token("crew_a")).status, 200);
    EXPECT_EQ(client().get(street, token("crew_b")).status, 404);
}

TEST_P(ReadCacheApi, AListPageIsTheSameBytesColdPartlyRenderedAndWarm)
{
    // Every asset: cold (nothing rendered), then after one row was read alone, then warm.
    const std::string list = "/api/v1/assets?limit=3";
    const auto cold = client().get(list, token("admin"));
    ASSERT_EQ(cold.status, 200);
    ASSERT_EQ(cold.json()["items"].size(), 3u);
    ASSERT_FALSE(cold.json()["next_cursor"].is_null());
    const auto next = client().get(list + "&cursor=" + cold.json()["next_cursor"].get<std::string>(), token("admin"));
    ASSERT_EQ(next.status, 200);
    ASSERT_EQ(next.json()["items"].size(), 1u);
    EXPECT_TRUE(next.json()["next_cursor"].is_null());
    // Row reads render rows; each must equal its list entry.
    const Json rest = next.json();
    for (const auto& item : rest["items"]) {
        const auto one = client().get("/api/v1/assets/" + item["id"].get<std::string>(), token("admin"));
        EXPECT_EQ(one.json(), item);
    }
    EXPECT_EQ(client().get(list, token("admin")).body, cold.body);
    EXPECT_EQ(client().get(list + "&cursor=" + cold.json()["next_cursor"].get<std::string>(), token("admin")).body,
              next.body);
}

YANGHU_API_BOTH_BACKENDS(ReadCacheApi);

// ---- the cache's own rules ------------------------------------------------------------------

WorkOrder orderAt(const Uuid& id, std::int64_t version, const std::string& title)
{
    WorkOrder order;
    order.id = id;
    order.meta.rowVersion = version;
    order.title = title;
    return order;
}

TEST(RowCache, AnEntryAnswersOnlyItsExactVersionAndType)
{
    api::RowCache cache(1 << 20);
    const Uuid id = *Uuid::parse("018f94d6-4f00-74c9-9c6e-fe476a36c2ce");
    auto put = cache.put(orderAt(id, 3, "井盖"));
    ASSERT_TRUE(put);
    EXPECT_EQ(Json::parse(put->body)["title"], "井盖");
    auto hit = cache.find<WorkOrder>(id, 3);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->entity->title, "井盖");
    EXPECT_FALSE(cache.find<WorkOrder>(id, 2));
    EXPECT_FALSE(cache.find<WorkOrder>(id, 4));
    EXPECT_FALSE(cache.find<Asset>(id, 3));
}

TEST(RowCache, AnOlderVersionNeverReplacesANewerOne)
{
    api::RowCache cache(1 << 20);
    const Uuid id = *Uuid::parse("018f94d6-4f00-74c9-9c6e-fe476a36c2ce");
    cache.put(orderAt(id, 5, "new"));
    auto late = cache.put(orderAt(id, 4, "old")); // a reader of an older snapshot, finishing late
    EXPECT_EQ(late->entity->title, "old");        // it still answers its own caller
    EXPECT_FALSE(cache.find<WorkOrder>(id, 4));
    ASSERT_TRUE(cache.find<WorkOrder>(id, 5));
    cache.put(orderAt(id, 6, "newer"));
    EXPECT_FALSE(cache.find<WorkOrder>(id, 5));
    EXPECT_EQ(cache.find<WorkOrder>(id, 6)->entity->title, "newer");
}

TEST(RowCache, StaysWithinItsBudgetAndZeroKeepsNothing)
{
    constexpr std::size_t budget = 256 * 1024;
    api::RowCache cache(budget);
    SystemClock clock;
    UuidGenerator ids(clock, 11);
    const std::string text(1000, 'x');
    for (int i = 0; i < 2000; ++i) cache.put(orderAt(ids.next(), 1, text));
    EXPECT_LE(cache.bytes(), budget);
    EXPECT_GT(cache.bytes(), budget / 2);

    api::RowCache none(0);
    const Uuid id = ids.next();
    EXPECT_TRUE(none.put(orderAt(id, 1, "a")));
    EXPECT_FALSE(none.find<WorkOrder>(id, 1));
    EXPECT_EQ(none.bytes(), 0u);
}

} // namespace
