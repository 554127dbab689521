// SPDX-License-Identifier: MIT
// /api/v1/plan/proposals over the real server: propose, look, apply through the state machine,
// a stale proposal refused whole, bad requests naming their field.
#include "ApiFixture.h"

#include "store/WorkOrderRepository.h"

#include <set>

using namespace yanghu;
using namespace yanghu::servertest;
using nlohmann::json;

namespace {

const std::string kProposals = "/api/v1/plan/proposals";

class PlanApi : public ApiTest {
protected:
    // Three ready inlet cleanings (any crew with the skill may take them).
    void addReadyOrders()
    {
        auto added = store().write([&](store::Tx& tx) -> Status {
            int n = 0;
            for (const Asset* asset : {&inletA1, &inletA2, &inletB1}) {
                WorkOrder w;
                w.number = "WO-2026-90000" + std::to_string(++n);
                w.title = "清掏 " + asset->code;
                w.type = WorkType::Cleaning;
                w.assetIds = {asset->id};
                w.priority = 2;
                w.estimatedMinutes = 60;
                w.requiredSkills = {"inlet_cleaning"};
                w.status = WorkOrderStatus::Ready;
                auto stored = store::WorkOrderRepository().insert(tx, w);
                if (!stored) return stored.error();
                ready.push_back(*stored);
            }
            return success();
        });
        ASSERT_TRUE(added.ok());
    }
    WorkOrder stored(const Uuid& id)
    {
        return store().read([&](store::Tx& tx) { return store::WorkOrderRepository().get(tx, id); }).value();
    }
    std::vector<WorkOrder> ready;
};

const json kTwoNights{{"from", "2026-05-21"}, {"nights", 2}, {"seconds", 1}};

} // namespace

TEST_P(PlanApi, ADispatcherProposesLooksAndAppliesThroughTheStateMachine)
{
    addReadyOrders();
    auto proposed = client().post(kProposals, kTwoNights, token("dispatcher"));
    ASSERT_EQ(proposed.status, 201) << proposed.body;
    const json proposal = proposed.json();
    EXPECT_EQ(proposal["status"], "proposed");
    EXPECT_EQ(proposal["from"], "2026-05-21");
    int planned = 0;
    for (const auto& route : proposal["routes"]) {
        for (const auto& order : route["orders"]) {
            ++planned;
            EXPECT_FALSE(order["planned_start"].get<std::string>().empty());
        }
    }
    // Five orders (three ready, two scheduled that night) fit easily on two crews' two nights.
    EXPECT_EQ(planned, 5) << proposal.dump(1);
    EXPECT_TRUE(proposal["unplaced"].empty());
    // Nothing is written by a proposal.
    EXPECT_EQ(stored(ready[0].id).status, WorkOrderStatus::Ready);

    const std::string location = kProposals + "/" + proposal["id"].get<std::string>();
    auto looked = client().get(location, token("supervisor"));
    ASSERT_EQ(looked.status, 200);
    EXPECT_EQ(looked.json()["routes"], proposal["routes"]);
    EXPECT_EQ(client().get(location, token("crew_a")).status, 403);
    EXPECT_EQ(client().post(kProposals, kTwoNights, token("crew_a")).status, 403);
    EXPECT_EQ(client().post(location + "/apply", json::object(), token("supervisor")).status, 403);

    auto applied = client().post(location + "/apply", json::object(), token("dispatcher"));
    ASSERT_EQ(applied.status, 200) << applied.body;
    EXPECT_EQ(applied.json()["scheduled"], 3);
    for (const WorkOrder& order : ready) {
        const WorkOrder now = stored(order.id);
        EXPECT_EQ(now.status, WorkOrderStatus::Scheduled) << order.number;
        ASSERT_TRUE(now.assignment.shiftDate.has_value());
        EXPECT_GE(*now.assignment.shiftDate, (std::chrono::year{2026} / 5 / 21));
        EXPECT_LE(*now.assignment.shiftDate, (std::chrono::year{2026} / 5 / 22));
        EXPECT_TRUE(now.assignment.plannedStart && now.assignment.plannedEnd && now.assignment.routeOrder);
        EXPECT_EQ(now.meta.rowVersion, order.meta.rowVersion + 1);
    }
    EXPECT_EQ(client().get(location, token("dispatcher")).json()["status"], "applied");
    auto again = client().post(location + "/apply", json::object(), token("dispatcher"));
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.json()["code"], "invalid_state");
    EXPECT_EQ(
        client().post(kProposals + "/" + Uuid{}.toString() + "/apply", json::object(), token("dispatcher")).status,
        404);
}

TEST_P(PlanApi, AnOrderChangedAfterTheProposalMakesApplyAConflictAndWritesNothing)
{
    addReadyOrders();
    auto proposed = client().post(kProposals, kTwoNights, token("dispatcher"));
    ASSERT_EQ(proposed.status, 201) << proposed.body;
    const std::string location = kProposals + "/" + proposed.json()["id"].get<std::string>();
    // The office edits one of the orders meanwhile.
    auto patched = client().patch("/api/v1/work-orders/" + ready[1].id.toString(), json{{"title", "清掏（改期）"}},
                                  token("dispatcher"), "\"1\"");
    ASSERT_EQ(patched.status, 200) << patched.body;
    const std::string before = databaseDigest();
    auto applied = client().post(location + "/apply", json::object(), token("dispatcher"));
    EXPECT_EQ(applied.status, 409) << applied.body;
    EXPECT_EQ(applied.json()["code"], "plan_stale");
    EXPECT_NE(applied.body.find("WO-2026-900002"), std::string::npos) << applied.body;
    EXPECT_EQ(databaseDigest(), before) << "a stale proposal wrote something";
    // A fresh proposal applies.
    auto fresh = client().post(kProposals, kTwoNights, token("dispatcher"));
    ASSERT_EQ(fresh.status, 201);
    EXPECT_EQ(client()
                  .post(kProposals + "/" + fresh.json()["id"].get<std::string>() + "/apply", json::object(),
                        token("dispatcher"))
                  .status,
              200);
}

TEST_P(PlanApi, BadRequestsNameTheFieldAndTheReason)
{
    auto ask = [&](const json& body) { return client().post(kProposals, body, token("dispatcher")); };
    EXPECT_EQ(fieldErrors(ask(json::object())), std::set<std::string>{"from:required"});
    EXPECT_EQ(fieldErrors(ask({{"from", "21 May"}})), std::set<std::string>{"from:invalid_date"});
    EXPECT_EQ(fieldErrors(ask({{"from", "2026-05-21"}, {"nights", 40}})), std::set<std::string>{"nights:out_of_range"});
    EXPECT_EQ(fieldErrors(ask({{"from", "2026-05-21"}, {"nights", "two"}})),
              std::set<std::string>{"nights:wrong_type"});
    EXPECT_EQ(fieldErrors(ask({{"from", "2026-05-21"}, {"crews", {"C-99"}}})),
              std::set<std::string>{"crews:not_found"});
    EXPECT_EQ(fieldErrors(ask({{"from", "2026-05-21"}, {"pools", {{"jetter", -1}}}})),
              std::set<std::string>{"pools.jetter:out_of_range"});
    EXPECT_EQ(fieldErrors(ask({{"from", "2026-05-21"}, {"closure_from", "23:00"}})),
              std::set<std::string>{"closure_to:required"});
    EXPECT_EQ(fieldErrors(ask({{"from", "2026-05-21"}, {"colour", "red"}})),
              std::set<std::string>{"colour:unknown_field"});
    auto malformed = client().request(
        "POST", kProposals,
        "{\"from\":", {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token("dispatcher")}});
    EXPECT_EQ(malformed.status, 400);
}

YANGHU_API_BOTH_BACKENDS(PlanApi);
