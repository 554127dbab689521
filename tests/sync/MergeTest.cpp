// SPDX-License-Identifier: MIT
// The field-level merge of offline edits (core/sync/Merge.h): who owns what, append-only
// lines, status through the state machine, conflicts recorded with base, server and client
// values, and edits of deleted rows kept.
#include "yanghu/core/sync/Merge.h"

#include "yanghu/core/rules/ErrorCodes.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

using namespace yanghu;
using namespace yanghu::sync;
using Json = nlohmann::json;

namespace {

// A scheduled order at version 4 whose members all date from version 1, edited by the office,
// except those `changed` says.
struct Server {
    Json row = {
        {"id", "018f94d6-4f00-74c9-9c6e-fe476a36c2ce"},
        {"row_version", 4},
        {"deleted", false},
        {"status", "scheduled"},
        {"priority", 2},
        {"title", "丛台路 雨水口清掏"},
        {"assignment", {{"crew_id", "018e5e85-a285-7bcc-8f56-09e1c72c7ca1"}, {"shift_date", "2026-11-30"}}},
        {"actual_start", nullptr},
        {"actual_end", nullptr},
        {"labour", Json::array({{{"id", "l1"}, {"worker", "孙伟"}, {"hours", 1.0}}})},
        {"notes", Json::array()},
        {"photos", Json::array({"aa11"})},
    };
    std::map<std::string, FieldHistory> changed;

    ServerRow view() const
    {
        return ServerRow{row, [this](std::string_view field) {
                             auto it = changed.find(std::string(field));
                             return it == changed.end() ? FieldHistory{1, Side::Office} : it->second;
                         }};
    }
};

Edit crewEdit(Json fields, std::int64_t base = 3)
{
    return Edit{"work_order", Role::FieldCrew, base, std::move(fields), Json::object()};
}
Edit officeEdit(Json fields, std::int64_t base = 3)
{
    return Edit{"work_order", Role::Dispatcher, base, std::move(fields), Json::object()};
}

Merged merged(const Edit& edit, const Server& server)
{
    auto result = mergeEdit(edit, server.view());
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().code);
    return result.ok() ? *result : Merged{};
}

std::set<std::string> fieldErrors(const Error& e)
{
    std::set<std::string> out;
    for (const auto& f : e.fields) out.insert(f.field + ":" + f.code);
    return out;
}

TEST(Merge, AnEditOfMembersTheServerDidNotChangeIsTakenAsIs)
{
    Server server;
    auto m = merged(crewEdit({{"actual_start", "2026-11-30T14:05:00.000Z"}}), server);
    EXPECT_EQ(m.changes, Json({{"actual_start", "2026-11-30T14:05:00.000Z"}}));
    EXPECT_TRUE(m.conflicts.empty());
}

TEST(Merge, CrewHoursAndADispatcherRescheduleOfTheSameOrderDoNotConflict)
{
    Server server;
    server.changed["assignment"] = {4, Side::Office};
    server.row["assignment"]["shift_date"] = "2026-12-01";
    auto m = merged(crewEdit({{"labour", Json::array({{{"id", "l1"}, {"worker", "孙伟"}, {"hours", 1.0}},
                                                      {{"id", "l2"}, {"worker", "郭秀兰"}, {"hours", 2.5}}})}}),
                    server);
    EXPECT_TRUE(m.conflicts.empty());
    ASSERT_TRUE(m.changes.contains("labour"));
    EXPECT_EQ(m.changes["labour"].size(), 2u);
    EXPECT_EQ(m.changes["labour"][1]["worker"], "郭秀兰");
    EXPECT_FALSE(m.changes.contains("assignment"));
}

TEST(Merge, TheOwnerWinsAConcurrentEditAndTheLoserIsRecorded)
{
    // The office corrected actual_end at version 4; the crew, offline from version 3, wrote its own.
    Server server;
    server.row["actual_end"] = "2026-11-30T16:00:00.000Z";
    server.changed["actual_end"] = {4, Side::Office};
    Edit crew = crewEdit({{"actual_end", "2026-11-30T15:40:00.000Z"}});
    crew.baseValues = {{"actual_end", nullptr}};
    auto m = merged(crew, server);
    EXPECT_EQ(m.changes["actual_end"], "2026-11-30T15:40:00.000Z");
    ASSERT_EQ(m.conflicts.size(), 1u);
    const Conflict& c = m.conflicts[0];
    EXPECT_EQ(c.field, "actual_end");
    EXPECT_EQ(c.rule, rule::OwnerWins);
    EXPECT_TRUE(c.clientWon);
    EXPECT_EQ(c.baseValue, nullptr);
    EXPECT_EQ(c.serverValue, "2026-11-30T16:00:00.000Z");
    EXPECT_EQ(c.clientValue, "2026-11-30T15:40:00.000Z");

    // The other way round: the crew's value is on the server; the office's late edit loses.
    Server crewFirst;
    crewFirst.row["actual_end"] = "2026-11-30T15:40:00.000Z";
    crewFirst.changed["actual_end"] = {4, Side::Crew};
    auto late = merged(officeEdit({{"actual_end", "2026-11-30T16:00:00.000Z"}}), crewFirst);
    EXPECT_FALSE(late.changes.contains("actual_end"));
    ASSERT_EQ(late.conflicts.size(), 1u);
    EXPECT_EQ(late.conflicts[0].rule, rule::OwnerWins);
    EXPECT_FALSE(late.conflicts[0].clientWon);
}

TEST(Merge, BetweenEditsOfTheSameSideTheFirstToArriveStands)
{
    Server server;
    server.row["priority"] = 1;
    server.changed["priority"] = {4, Side::Office};
    auto m = merged(officeEdit({{"priority", 3}}), server);
    EXPECT_FALSE(m.changes.contains("priority"));
    ASSERT_EQ(m.conflicts.size(), 1u);
    EXPECT_EQ(m.conflicts[0].rule, rule::FirstArrivalWins);
    EXPECT_EQ(m.conflicts[0].serverValue, 1);
    EXPECT_EQ(m.conflicts[0].clientValue, 3);

    // The same value written by both is no conflict at all.
    EXPECT_TRUE(merged(officeEdit({{"priority", 1}}), server).conflicts.empty());
}

TEST(Merge, TheCrewMayNotWriteOfficeOrServerMembersAndUnknownOnesAreRefused)
{
    Server server;
    auto r = mergeEdit(crewEdit({{"priority", 1}, {"row_version", 9}, {"colour", "red"}, {"actual_end", nullptr}}),
                       server.view());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, codes::ValidationFailed);
    EXPECT_EQ(fieldErrors(r.error()),
              (std::set<std::string>{"priority:not_allowed", "row_version:not_allowed", "colour:unknown_field"}));
    // The office may correct crew-owned members.
    EXPECT_TRUE(mergeEdit(officeEdit({{"actual_end", "2026-11-30T16:00:00.000Z"}}), server.view()).ok());
    // But not the server's.
    EXPECT_FALSE(mergeEdit(officeEdit({{"number", "WO-2026-000001"}}), server.view()).ok());
}

TEST(Merge, LinesAreAppendOnlyUnionsByIdAndPhotosByHash)
{
    Server server;
    server.changed["labour"] = {4, Side::Crew};
    server.row["labour"].push_back({{"id", "l3"}, {"worker", "何海燕"}, {"hours", 3.0}}); // another laptop's line
    auto m = merged(crewEdit({{"labour", Json::array({{{"id", "l1"}, {"worker", "孙伟"}, {"hours", 9.0}}, // edited
                                                      {{"id", "l2"}, {"worker", "张三"}, {"hours", 1.5}},
                                                      {{"id", "l2"}, {"worker", "张三"}, {"hours", 1.5}}})},
                              {"photos", Json::array({"bb22", "aa11"})}}),
                    server);
    // l1 unchanged (edit recorded), l3 kept though the client never saw it, l2 appended once.
    ASSERT_EQ(m.changes["labour"].size(), 3u);
    EXPECT_EQ(m.changes["labour"][0]["hours"], 1.0);
    EXPECT_EQ(m.changes["labour"][1]["id"], "l3");
    EXPECT_EQ(m.changes["labour"][2]["id"], "l2");
    EXPECT_EQ(m.changes["photos"], Json::array({"aa11", "bb22"}));
    ASSERT_EQ(m.conflicts.size(), 1u);
    EXPECT_EQ(m.conflicts[0].rule, rule::LinesAreAppendOnly);
    EXPECT_EQ(m.conflicts[0].clientValue["hours"], 9.0);
    EXPECT_EQ(m.conflicts[0].serverValue["hours"], 1.0);

    // The same new id twice with different content: the first is appended, the second kept
    // as a conflict, not dropped.
    auto twice = merged(crewEdit({{"labour", Json::array({{{"id", "l4"}, {"worker", "甲"}, {"hours", 1.0}},
                                                          {{"id", "l4"}, {"worker", "乙"}, {"hours", 2.0}}})}}),
                        server);
    ASSERT_EQ(twice.changes["labour"].size(), 3u);
    EXPECT_EQ(twice.changes["labour"][2]["worker"], "甲");
    ASSERT_EQ(twice.conflicts.size(), 1u);
    EXPECT_EQ(twice.conflicts[0].clientValue["worker"], "乙");

    // Nothing new: nothing to write (a client that dropped a line removes nothing).
    EXPECT_FALSE(merged(crewEdit({{"labour", Json::array()}}), server).changes.contains("labour"));
}

TEST(Merge, MalformedLinesAreRefusedWithTheirPath)
{
    Server server;
    auto r = mergeEdit(crewEdit({{"labour", Json::array({{{"worker", "无编号"}}})}, {"notes", "text"}}), server.view());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(fieldErrors(r.error()), (std::set<std::string>{"labour[0].id:required", "notes:wrong_type"}));
}

TEST(Merge, AStatusTheServerDidNotChangeFollowsTheTransitionTableForTheRole)
{
    Server server;
    auto m = merged(crewEdit({{"status", "completed"}}), server); // started and finished offline
    EXPECT_EQ(m.changes["status"], "completed");
    EXPECT_EQ(m.statusPath, (std::vector<WorkOrderStatus>{WorkOrderStatus::InProgress, WorkOrderStatus::Completed}));

    // No chain for the role: the status stays and says why; the notes typed with it merge.
    auto forbidden = merged(crewEdit({{"status", "cancelled"},
                                      {"notes", Json::array({{{"id", "n9"}, {"text", "现场无法施工"}}})}}),
                            server);
    ASSERT_TRUE(forbidden.refusedStatus);
    EXPECT_EQ(forbidden.refusedStatus->code, codes::TransitionForbidden);
    EXPECT_EQ(forbidden.refusedStatus->params.at("role"), "field_crew");
    EXPECT_FALSE(forbidden.changes.contains("status"));
    EXPECT_EQ(forbidden.changes["notes"][0]["text"], "现场无法施工");
    ASSERT_EQ(forbidden.conflicts.size(), 1u);
    EXPECT_EQ(forbidden.conflicts[0].rule, rule::NoTransition);
    EXPECT_EQ(forbidden.conflicts[0].clientValue, "cancelled");

    server.row["status"] = "cancelled";
    auto invalid = merged(officeEdit({{"status", "in_progress"}}), server);
    ASSERT_TRUE(invalid.refusedStatus);
    EXPECT_EQ(invalid.refusedStatus->code, codes::TransitionInvalid);
    EXPECT_TRUE(merged(crewEdit({{"status", "in_progress"}}), Server{}).refusedStatus == std::nullopt);

    auto unknown = mergeEdit(crewEdit({{"status", "finished"}}), server.view());
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(fieldErrors(unknown.error()), (std::set<std::string>{"status:invalid_enum"}));
}

TEST(Merge, BothSidesMovingTheStatusGiveOneConflictAndOneWinner)
{
    // The dispatcher put the order on hold; the crew, offline, completed it.
    Server held;
    held.row["status"] = "on_hold";
    held.changed["status"] = {4, Side::Office};
    auto crewLate = merged(crewEdit({{"status", "completed"}, {"actual_end", "2026-11-30T15:40:00.000Z"}}), held);
    EXPECT_FALSE(crewLate.changes.contains("status")); // on_hold cannot become completed
    EXPECT_EQ(crewLate.changes["actual_end"], "2026-11-30T15:40:00.000Z"); // the crew's facts are kept
    ASSERT_EQ(crewLate.conflicts.size(), 1u);
    EXPECT_EQ(crewLate.conflicts[0].field, "status");
    EXPECT_EQ(crewLate.conflicts[0].rule, rule::NoTransition);

    // A crew mate started the order and synced; this laptop completed it: completion follows.
    Server started;
    started.row["status"] = "in_progress";
    started.changed["status"] = {4, Side::Crew};
    auto follows = merged(crewEdit({{"status", "completed"}}), started);
    EXPECT_EQ(follows.changes["status"], "completed");
    EXPECT_EQ(follows.statusPath, (std::vector<WorkOrderStatus>{WorkOrderStatus::Completed}));
    ASSERT_EQ(follows.conflicts.size(), 1u);
    EXPECT_TRUE(follows.conflicts[0].clientWon);

    // The crew started the order; the dispatcher, from an older copy, wants it on hold from
    // "scheduled": in_progress -> on_hold is an edge the dispatcher may take, so it applies.
    auto hold = merged(officeEdit({{"status", "on_hold"}}), started);
    EXPECT_EQ(hold.changes["status"], "on_hold");
    ASSERT_EQ(hold.conflicts.size(), 1u);
    EXPECT_EQ(hold.conflicts[0].rule, rule::OwnerWins);

    // A crew member cannot undo the office's cancellation by starting the order.
    Server cancelled;
    cancelled.row["status"] = "cancelled";
    cancelled.changed["status"] = {4, Side::Office};
    auto refused = merged(crewEdit({{"status", "in_progress"}}), cancelled);
    EXPECT_FALSE(refused.changes.contains("status"));
    ASSERT_EQ(refused.conflicts.size(), 1u);
    EXPECT_FALSE(refused.conflicts[0].clientWon);

    // The office unscheduling an order the crew completed meanwhile: no way back from completed.
    Server completed;
    completed.row["status"] = "completed";
    completed.changed["status"] = {4, Side::Crew};
    auto office = merged(officeEdit({{"status", "ready"}}), completed);
    EXPECT_FALSE(office.changes.contains("status"));
    ASSERT_EQ(office.conflicts.size(), 1u);
    EXPECT_EQ(office.conflicts[0].rule, rule::NoTransition);

    // A crew pausing (an office-owned status) an order a crew mate completed: the owner's stands.
    auto paused = merged(crewEdit({{"status", "on_hold"}, {"hold_reason", "车辆占道"}}), completed);
    EXPECT_FALSE(paused.changes.contains("status"));
    ASSERT_EQ(paused.conflicts.size(), 1u);
    EXPECT_EQ(paused.conflicts[0].rule, rule::OwnerWins);
    EXPECT_FALSE(paused.conflicts[0].clientWon);

    // Two dispatchers: one cancelled the order, the other (older copy) puts it on hold. No
    // edge leads from cancelled; the first decision stands.
    Server gone;
    gone.row["status"] = "cancelled";
    gone.changed["status"] = {4, Side::Office};
    auto second = merged(officeEdit({{"status", "on_hold"}}), gone);
    EXPECT_FALSE(second.changes.contains("status"));
    ASSERT_EQ(second.conflicts.size(), 1u);
    EXPECT_EQ(second.conflicts[0].rule, rule::NoTransition);
}

TEST(Merge, AnEditOfADeletedOrderIsKeptAndTheOfficeIsTold)
{
    Server server;
    server.row["deleted"] = true;
    server.changed["deleted"] = {4, Side::Office};
    auto m = merged(crewEdit({{"actual_end", "2026-11-30T15:40:00.000Z"},
                              {"notes", Json::array({{{"id", "n1"}, {"text", "井盖已更换，路面恢复"}}})}}),
                    server);
    EXPECT_EQ(m.changes["actual_end"], "2026-11-30T15:40:00.000Z");
    EXPECT_EQ(m.changes["notes"][0]["text"], "井盖已更换，路面恢复");
    ASSERT_EQ(m.conflicts.size(), 1u);
    EXPECT_EQ(m.conflicts[0].rule, rule::EditOfDeletedRow);
}

TEST(Merge, DefectReportsSplitFindingsFromTriage)
{
    Server server;
    server.row = {{"status", "new"}, {"severity", 2}, {"photos", Json::array()}, {"deleted", false}};
    Edit crew{"defect_report", Role::FieldCrew, 3, {{"severity", 4}, {"photos", Json::array({"cc33"})}}, Json::object()};
    auto m = merged(crew, server);
    EXPECT_EQ(m.changes["severity"], 4);
    EXPECT_EQ(m.changes["photos"], Json::array({"cc33"}));
    Edit triage{"defect_report", Role::FieldCrew, 3, {{"status", "rejected"}}, Json::object()};
    EXPECT_FALSE(mergeEdit(triage, server.view()).ok());
    Edit unknown{"street", Role::Dispatcher, 3, {{"name", "x"}}, Json::object()};
    EXPECT_FALSE(mergeEdit(unknown, server.view()).ok());
}

TEST(TransitionPath, IsTheShortestChainTheRoleMayTake)
{
    using S = WorkOrderStatus;
    EXPECT_EQ(transitionPath(S::Draft, S::Scheduled, Role::Dispatcher), (std::vector<S>{S::Ready, S::Scheduled}));
    EXPECT_EQ(transitionPath(S::Scheduled, S::Completed, Role::FieldCrew), (std::vector<S>{S::InProgress, S::Completed}));
    EXPECT_FALSE(transitionPath(S::Draft, S::Ready, Role::FieldCrew));
    EXPECT_FALSE(transitionPath(S::Verified, S::Draft, Role::Admin));
    EXPECT_FALSE(transitionPath(S::Ready, S::Ready, Role::Dispatcher));
}

TEST(Merge, EveryRuleTableNamesEachMemberOnce)
{
    for (std::string_view entity : {"work_order", "defect_report"}) {
        std::set<std::string_view> seen;
        for (const auto& r : fieldRules(entity)) EXPECT_TRUE(seen.insert(r.field).second) << entity << "." << r.field;
        EXPECT_FALSE(seen.empty());
    }
}

} // namespace
