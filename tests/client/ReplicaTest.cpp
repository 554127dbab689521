// SPDX-License-Identifier: MIT
// The replica on its own (real SQLite files, no server): schema and reopen, local edits and
// their outbox entry in one transaction, the merge rules as the user's side sees them, and
// how pulled pages meet pending edits.
#include "replica/Replica.h"
#include "replica/ReplicaMigrations.h"
#include "replica/Sql.h"
#include "sync/SyncStore.h"

#include "yanghu/core/wire/Codec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>

using namespace yanghu;
using namespace yanghu::client;
using namespace std::chrono;

namespace {

struct FaultInjected : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class ReplicaTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        crew.id = m_ids.next();
        crew.username = "crew_a";
        crew.displayName = "张师傅";
        crew.role = Role::FieldCrew;
        crew.crewId = m_ids.next();
        order.id = m_ids.next();
        order.number = "WO-2026-000001";
        order.title = "清掏雨水口 YS-A1";
        order.type = WorkType::Cleaning;
        order.assetIds = {m_ids.next()};
        order.status = WorkOrderStatus::Scheduled;
        order.assignment.crewId = crew.crewId;
        order.assignment.shiftDate = year{2026} / 5 / 21;
        order.meta.rowVersion = 3;
        order.meta.createdAt = m_clock.now();
        order.meta.updatedAt = m_clock.now();
    }

    QString path(const char* name = "a") const { return m_dir.filePath(QString::fromLatin1(name) + ".replica"); }

    std::unique_ptr<Replica> open(const char* name = "a")
    {
        auto r = Replica::open(path(name), m_clock);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().code);
        return r ? std::move(*r) : nullptr;
    }

    // The order arriving as a pulled page (epoch "e1", cursor at `since`).
    static void pullRow(Replica& r, const Json& row, std::int64_t since, const std::string& entity = "work_order")
    {
        PulledPage page;
        const Json rows = Json::array({Json{{"entity", entity}, {"row", row}}});
        page.rows = QJsonDocument::fromJson(QByteArray::fromStdString(rows.dump())).array();
        page.nextSince = since;
        page.epoch = "e1";
        page.scope = "crew:x:丛台区";
        auto applied = SyncStore(r).applyPage(page);
        ASSERT_TRUE(applied.ok()) << applied.error().code;
    }

    std::int64_t outboxRows(Replica& r) { return client::sql::scalar(r.database(), QStringLiteral("SELECT COUNT(*) FROM outbox")).value(); }

    QTemporaryDir m_dir;
    ManualClock m_clock{sys_days{year{2026} / 5 / 21} + hours{14}};
    UuidGenerator m_ids{m_clock, 11};
    User crew;
    WorkOrder order;
};

TEST_F(ReplicaTest, OpensMigratesAndKeepsItsIdentityAcrossReopening)
{
    std::string clientId;
    {
        auto r = open();
        ASSERT_TRUE(r);
        EXPECT_EQ(r->schemaVersion(), replicaMigrations().back().version);
        clientId = r->clientId();
        EXPECT_TRUE(Uuid::parse(clientId).has_value());
        ASSERT_TRUE(r->bindUser(wire::toJson(crew)).ok());
    }
    auto again = open();
    ASSERT_TRUE(again);
    EXPECT_EQ(again->clientId(), clientId);
    ASSERT_TRUE(again->user().has_value());
    EXPECT_EQ(again->user()->id, crew.id);
    EXPECT_EQ(again->user()->crewId, crew.crewId);
    // A replica is one person's.
    User other = crew;
    other.id = m_ids.next();
    auto refused = again->bindUser(wire::toJson(other));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().fields.at(0).field, "user_id");
    EXPECT_TRUE(again->cursor()->epoch == std::nullopt);
}

TEST_F(ReplicaTest, AReplicaFromANewerProgramIsRefusedAndLeftAsItIs)
{
    {
        auto r = open();
        ASSERT_TRUE(r);
        ASSERT_TRUE(client::sql::run(r->database(), QStringLiteral("INSERT INTO replica_schema VALUES (99, 'future.sql')")).ok());
    }
    auto refused = Replica::open(path(), m_clock);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "schema_too_new");
    EXPECT_EQ(refused.error().params.at("database"), "99");
    EXPECT_EQ(refused.error().params.at("binary"), std::to_string(replicaMigrations().back().version));
}

TEST_F(ReplicaTest, AnEditWritesTheRowAndItsOutboxEntryTogetherAndChineseRoundTrips)
{
    auto r = open();
    ASSERT_TRUE(r->bindUser(wire::toJson(crew)).ok());
    pullRow(*r, wire::toJson(order), 10);
    auto edit = r->appendLine("work_order", order.id.toString(), "notes", Json{{"text", "夜间清掏 太行东街 雨水口，淤泥约0.3m³"}});
    ASSERT_TRUE(edit.ok()) << edit.error().code;
    ASSERT_TRUE(edit->opId.has_value());
    const Json note = edit->fields["notes"][0];
    EXPECT_TRUE(note.contains("id"));
    EXPECT_EQ(note["author_id"], crew.id.toString());
    EXPECT_EQ(note["at"], "2026-05-21T14:00:00.000Z");

    r.reset();
    auto again = open();
    const Json row = again->row("work_order", order.id.toString())->value();
    ASSERT_EQ(row["notes"].size(), 1u);
    EXPECT_EQ(row["notes"][0]["text"], "夜间清掏 太行东街 雨水口，淤泥约0.3m³");
    const auto outbox = again->outbox().value();
    ASSERT_EQ(outbox.size(), 1u);
    EXPECT_EQ(outbox[0].opId, *edit->opId);
    EXPECT_EQ(outbox[0].state, "pending");
    EXPECT_EQ(outbox[0].baseVersion, 3);
    EXPECT_EQ(outbox[0].fields, Json({{"notes", Json::array({note})}}));
    EXPECT_EQ(outbox[0].clientTime, "2026-05-21T14:00:00.000Z");
}

TEST_F(ReplicaTest, AnEditInterruptedBetweenRowAndOutboxLeavesNeither)
{
    auto r = open();
    ASSERT_TRUE(r->bindUser(wire::toJson(crew)).ok());
    pullRow(*r, wire::toJson(order), 10);
    const std::string before = r->digest().value();
    for (const char* point : {"edit:row-written", "edit:queued"}) {
        r->setFaultHook([&](std::string_view at) {
            if (at == point) throw FaultInjected(point);
        });
        EXPECT_THROW((void)r->editRow("work_order", order.id.toString(), {{"actual_start", "2026-05-21T14:05:00Z"}}),
                     FaultInjected);
        EXPECT_EQ(r->digest().value(), before) << point;
        EXPECT_EQ(outboxRows(*r), 0) << point;
    }
    r->setFaultHook({});
    // The connection is usable again: the transaction was rolled back, not left open.
    auto edit = r->editRow("work_order", order.id.toString(), {{"actual_start", "2026-05-21T14:05:00Z"}});
    ASSERT_TRUE(edit.ok()) << edit.error().code;
    EXPECT_EQ(edit->fields["actual_start"], "2026-05-21T14:05:00.000Z"); // as the codec writes it
    EXPECT_EQ(outboxRows(*r), 1);
}

TEST_F(ReplicaTest, ACrewMayEditOnlyWhatItsSideOwnsAndOnlyAlongItsTransitions)
{
    auto r = open();
    ASSERT_TRUE(r->bindUser(wire::toJson(crew)).ok());
    pullRow(*r, wire::toJson(order), 10);
    const std::string id = order.id.toString();

    auto office = r->editRow("work_order", id, {{"priority", 1}, {"colour", "red"}, {"row_version", 9}});
    ASSERT_FALSE(office.ok());
    EXPECT_EQ(office.error().code, "validation_failed");
    std::map<std::string, std::string> codesByField;
    for (const auto& f : office.error().fields) codesByField[f.field] = f.code;
    EXPECT_EQ(codesByField["priority"], "not_allowed");
    EXPECT_EQ(codesByField["colour"], "unknown_field");
    EXPECT_EQ(codesByField["row_version"], "not_allowed");

    // Completing needs an end time and a quantity line: the crew is told before syncing.
    auto early = r->editRow("work_order", id, {{"status", "completed"}});
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, "validation_failed");
    auto verify = r->editRow("work_order", id, {{"status", "verified"}});
    ASSERT_FALSE(verify.ok());
    EXPECT_TRUE(verify.error().code == "transition_invalid" || verify.error().code == "transition_forbidden")
        << verify.error().code;
    auto badHours = r->appendLine("work_order", id, "labour", {{"worker", "李四"}, {"hours", -2}});
    ASSERT_FALSE(badHours.ok());
    EXPECT_EQ(badHours.error().fields.at(0).field.rfind("labour", 0), 0u);
    EXPECT_EQ(outboxRows(*r), 0);

    // Started and completed offline, in one edit: two transitions, both allowed.
    ASSERT_TRUE(r->appendLine("work_order", id, "quantities", {{"measure", "inlets_cleaned"}, {"quantity", 1}, {"unit", "个"}}).ok());
    auto done = r->editRow("work_order", id,
                           {{"actual_start", "2026-05-21T14:05:00Z"}, {"actual_end", "2026-05-21T14:50:00Z"}, {"status", "completed"}});
    ASSERT_TRUE(done.ok()) << done.error().code;
    EXPECT_EQ(r->row("work_order", id)->value()["status"], "completed");
    // Nothing changed: nothing queued.
    auto same = r->editRow("work_order", id, {{"status", "completed"}});
    ASSERT_TRUE(same.ok());
    EXPECT_FALSE(same->opId.has_value());
    EXPECT_EQ(outboxRows(*r), 2);
    const auto ops = r->outbox().value();
    EXPECT_EQ(ops[1].baseValues, Json({{"actual_start", nullptr}, {"actual_end", nullptr}, {"status", "scheduled"}}));
}

TEST_F(ReplicaTest, APulledRowNeverOverwritesAPendingEditAndTheEditLeavesOnlyWhenThePullHasPassedIt)
{
    auto r = open();
    ASSERT_TRUE(r->bindUser(wire::toJson(crew)).ok());
    pullRow(*r, wire::toJson(order), 10);
    const std::string id = order.id.toString();
    auto edit = r->appendLine("work_order", id, "notes", {{"text", "井盖异响"}});
    ASSERT_TRUE(edit.ok());

    // The office changed the order meanwhile: the replica shows both.
    WorkOrder office = order;
    office.priority = 1;
    office.title = "清掏雨水口 YS-A1（加急）";
    office.meta.rowVersion = 4;
    pullRow(*r, wire::toJson(office), 12);
    Json row = r->row("work_order", id)->value();
    EXPECT_EQ(row["priority"], 1);
    EXPECT_EQ(row["title"], "清掏雨水口 YS-A1（加急）");
    ASSERT_EQ(row["notes"].size(), 1u);
    EXPECT_EQ(row["notes"][0]["text"], "井盖异响");
    EXPECT_EQ(row["row_version"], 4);

    // Acknowledged at change-log position 15 (version 5): still in the outbox until the
    // cursor passes 15, and shown all along.
    SyncStore store(*r);
    auto batch = store.nextBatch(200, 1 << 20);
    ASSERT_TRUE(batch.ok() && batch->has_value());
    Json answer = {{"batch_id", (*batch)->batchId},
                   {"epoch", "e1"},
                   {"last_seq", 15},
                   {"results", Json::array({Json{{"op_id", *edit->opId}, {"outcome", "applied"}, {"row_version", 5}, {"conflicts", Json::array()}}})}};
    ASSERT_TRUE(store.applyAnswer(**batch, answer).ok());
    EXPECT_EQ(r->outbox().value().at(0).state, "acked");
    pullRow(*r, wire::toJson(office), 14); // an unrelated page, cursor 14 < 15
    EXPECT_EQ(r->outbox().value().size(), 1u);
    EXPECT_EQ(r->row("work_order", id)->value()["notes"].size(), 1u);

    WorkOrder merged = office;
    merged.notes.push_back(WorkNote{Uuid::parse(edit->fields["notes"][0]["id"].get<std::string>()).value(),
                                    crew.id, sys_days{year{2026} / 5 / 21} + hours{14}, "井盖异响"});
    merged.meta.rowVersion = 5;
    pullRow(*r, wire::toJson(merged), 15);
    EXPECT_TRUE(r->outbox().value().empty());
    EXPECT_EQ(r->outbox(true).value().at(0).state, "done"); // kept in the journal
    EXPECT_EQ(r->row("work_order", id)->value(), wire::toJson(merged));
    auto q = client::sql::run(r->database(), QStringLiteral("SELECT server_body IS NULL FROM replica_row WHERE id = ?"),
                              {QString::fromStdString(id)});
    ASSERT_TRUE(q->next());
    EXPECT_EQ(q->value(0).toInt(), 1);
}

TEST_F(ReplicaTest, ARefusedEditIsKeptWithItsErrorAndLeavesTheRowAsTheServerHasIt)
{
    auto r = open();
    ASSERT_TRUE(r->bindUser(wire::toJson(crew)).ok());
    pullRow(*r, wire::toJson(order), 10);
    const std::string id = order.id.toString();
    auto edit = r->editRow("work_order", id, {{"actual_start", "2026-05-21T14:05:00Z"}});
    ASSERT_TRUE(edit.ok());
    SyncStore store(*r);
    auto batch = store.nextBatch(200, 1 << 20);
    ASSERT_TRUE(batch.ok() && batch->has_value());
    const Json error = {{"code", "not_assigned_crew"}, {"status", 403}, {"errors", Json::array()}};
    Json answer = {{"batch_id", (*batch)->batchId},
                   {"epoch", "e1"},
                   {"last_seq", 0},
                   {"results", Json::array({Json{{"op_id", *edit->opId}, {"outcome", "refused"}, {"error", error}}})}};
    // A refusal named for retry (a concurrent write's version_conflict) goes back to pending.
    auto retried = store.applyAnswer(**batch, answer, {*edit->opId});
    ASSERT_TRUE(retried.ok());
    EXPECT_EQ(retried->retried, 1);
    EXPECT_EQ(r->outbox().value().at(0).state, "pending");
    EXPECT_TRUE(r->refused().value().empty());
    batch = store.nextBatch(200, 1 << 20);
    ASSERT_TRUE(batch.ok() && batch->has_value());
    answer["batch_id"] = (*batch)->batchId;
    auto outcome = store.applyAnswer(**batch, answer);
    ASSERT_TRUE(outcome.ok());
    EXPECT_EQ(outcome->refused, 1);
    EXPECT_TRUE(r->outbox().value().empty());
    const auto refused = r->refused().value();
    ASSERT_EQ(refused.size(), 1u);
    EXPECT_EQ(refused[0].opId, *edit->opId);
    EXPECT_EQ(refused[0].error, error);
    EXPECT_EQ(refused[0].fields, Json({{"actual_start", "2026-05-21T14:05:00.000Z"}}));
    EXPECT_EQ(r->row("work_order", id)->value(), wire::toJson(order));
}

TEST_F(ReplicaTest, AReportMadeOfflineShowsAtOnceAndIsCheckedLikeTheServerWould)
{
    auto r = open();
    ASSERT_TRUE(r->bindUser(wire::toJson(crew)).ok());
    auto missing = r->createDefectReport({{"category", "cover_sunken"}, {"severity", 3}});
    ASSERT_FALSE(missing.ok()); // neither an asset nor a location
    auto office = r->createDefectReport({{"category", "cover_sunken"}, {"status", "triaged"}});
    ASSERT_FALSE(office.ok());
    auto made = r->createDefectReport({{"category", "cover_sunken"},
                                       {"severity", 3},
                                       {"location", Json::array({114.481, 36.61})},
                                       {"description", "井盖沉陷约2cm"}});
    ASSERT_TRUE(made.ok()) << made.error().code << " " << made.error().fields.at(0).field << " " << made.error().fields.at(0).code;
    const std::string id = r->outbox().value().at(0).rowId;
    const Json row = r->row("defect_report", id)->value();
    EXPECT_EQ(row["row_version"], 0);
    EXPECT_EQ(row["status"], "new");
    EXPECT_EQ(row["description"], "井盖沉陷约2cm");
    EXPECT_EQ(row["reported_by"], crew.id.toString());
    EXPECT_EQ(r->outbox().value().at(0).baseVersion, 0);
    EXPECT_EQ(r->rows("defect_report", RowFilter{.status = "new"}).value().size(), 1u);
}

} // namespace
