// SPDX-License-Identifier: MIT
#include "Samples.h"
#include "TestDatabase.h"

#include "store/AssetRepository.h"
#include "store/CrewRepository.h"
#include "store/CrewShiftRepository.h"
#include "store/DefectReportRepository.h"
#include "store/ProgrammeRepository.h"
#include "store/ShiftCalendarRepository.h"
#include "store/StreetRepository.h"
#include "store/UserRepository.h"
#include "store/WorkOrderRepository.h"

#include "yanghu/core/rules/ErrorCodes.h"

namespace yanghu::store::test {
namespace {

using namespace std::chrono_literals;

class Repositories : public StoreTest {
protected:
    // Inserts `entity` in its own transaction and reads it back in another.
    template <class Repo, class T>
    std::pair<T, T> roundTrip(Repo& repo, T entity)
    {
        auto stored = m_store->write([&](Tx& tx) { return repo.insert(tx, entity); });
        EXPECT_TRUE(stored.ok()) << (stored.ok() ? "" : stored.error().code);
        auto loaded = m_store->read([&](Tx& tx) { return repo.get(tx, stored->id); });
        EXPECT_TRUE(loaded.ok());
        return {stored.value(), loaded.value()};
    }

    StreetRepository streets;
    AssetRepository assets;
    CrewRepository crews;
    UserRepository users;
    ProgrammeRepository programmes;
    ShiftCalendarRepository calendars;
    CrewShiftRepository crewShifts;
    DefectReportRepository defects;
    WorkOrderRepository workOrders;
};

TEST_P(Repositories, EveryEntityRoundTripsWithChineseTextAndMeta)
{
    auto [street, streetBack] = roundTrip(streets, sampleStreet());
    EXPECT_EQ(streetBack, street);
    EXPECT_EQ(streetBack.name, "太行东街");
    EXPECT_EQ(street.meta.rowVersion, 1);
    EXPECT_FALSE(street.id.isNil());
    EXPECT_EQ(street.meta.createdAt, m_clock.now());
    EXPECT_EQ(street.meta.updatedAt, m_clock.now());

    auto [asset, assetBack] = roundTrip(assets, sampleInlet("YS-000001", street.id, "CB-1"));
    EXPECT_EQ(assetBack, asset);
    EXPECT_EQ(std::get<StormInletAttributes>(assetBack.attributes).grateType, "铸铁篦子");

    auto [crew, crewBack] = roundTrip(crews, sampleCrew());
    EXPECT_EQ(crewBack, crew);
    auto [user, userBack] = roundTrip(users, sampleUser("wang", crew.id));
    EXPECT_EQ(userBack, user);
    EXPECT_EQ(userBack.passwordHash, sampleUser("wang", crew.id).passwordHash);
    auto [programme, programmeBack] = roundTrip(programmes, sampleProgramme(asset.id));
    EXPECT_EQ(programmeBack, programme);
    auto [calendar, calendarBack] = roundTrip(calendars, sampleCalendar());
    EXPECT_EQ(calendarBack, calendar);
    auto [shift, shiftBack] = roundTrip(crewShifts, sampleCrewShift(crew.id));
    EXPECT_EQ(shiftBack, shift);
    auto [defect, defectBack] = roundTrip(defects, sampleDefect(asset.id, user.id));
    EXPECT_EQ(defectBack, defect);
    auto order = sampleWorkOrder(asset.id, defect.id, crew.id, user.id);
    order.programmeId = programme.id;
    auto [wo, woBack] = roundTrip(workOrders, order);
    EXPECT_EQ(woBack, wo);
    EXPECT_EQ(woBack.notes.at(0).text, "淤泥较多，已清理");
    EXPECT_EQ(count("wo_labour"), 1);
    EXPECT_EQ(count("work_order_asset"), 1);

    // Break out before pour: the second order follows the first.
    WorkOrder pour = order;
    pour.number = "WO-2026-000002";
    pour.labour.clear();
    pour.materials.clear();
    pour.quantities.clear();
    pour.notes.clear();
    pour.followsId = wo.id;
    auto [follower, followerBack] = roundTrip(workOrders, pour);
    EXPECT_EQ(followerBack, follower);
    EXPECT_EQ(followerBack.followsId, wo.id);
}

TEST_P(Repositories, UserIsFoundByUsername)
{
    auto stored = m_store->write([&](Tx& tx) { return users.insert(tx, sampleUser("dispatcher1", std::nullopt)); });
    ASSERT_TRUE(stored.ok());
    auto found = m_store->read([&](Tx& tx) { return users.findByUsername(tx, "dispatcher1"); });
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->id, stored->id);
    auto missing = m_store->read([&](Tx& tx) { return users.findByUsername(tx, "nobody"); });
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, codes::NotFound);
}

TEST_P(Repositories, GetOfAnUnknownIdIsNotFound)
{
    auto missing = m_store->read([&](Tx& tx) { return streets.get(tx, m_ids.next()); });
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, codes::NotFound);
}

TEST_P(Repositories, UpdateBumpsRowVersionAndLogsOneChangePerWrite)
{
    auto street = m_store->write([&](Tx& tx) { return streets.insert(tx, sampleStreet()); }).value();
    m_clock.advance(1min);
    street.name = "太行西街";
    auto v2 = m_store->write([&](Tx& tx) { return streets.update(tx, street, 1); });
    ASSERT_TRUE(v2.ok());
    EXPECT_EQ(v2->meta.rowVersion, 2);
    EXPECT_EQ(v2->meta.updatedAt, m_clock.now());
    EXPECT_EQ(v2->meta.createdAt, street.meta.createdAt);
    m_clock.advance(1min);
    auto deleted = m_store->write([&](Tx& tx) { return streets.softDelete(tx, street.id, 2); });
    ASSERT_TRUE(deleted.ok());
    EXPECT_EQ(deleted->rowVersion, 3);

    auto log = changeLog();
    ASSERT_EQ(log.size(), 3u);
    EXPECT_EQ(log[0].op, "insert");
    EXPECT_EQ(log[1].op, "update");
    EXPECT_EQ(log[2].op, "delete");
    for (std::size_t i = 0; i < log.size(); ++i) {
        EXPECT_EQ(log[i].entity, "street");
        EXPECT_EQ(log[i].rowId, street.id.toString());
        EXPECT_EQ(log[i].rowVersion, static_cast<std::int64_t>(i + 1));
        if (i > 0) {
            EXPECT_GT(log[i].seq, log[i - 1].seq);
        }
    }
}

TEST_P(Repositories, StaleUpdateIsAVersionConflictAndWritesNothing)
{
    auto street = m_store->write([&](Tx& tx) { return streets.insert(tx, sampleStreet()); }).value();
    street.lengthM = 5;
    ASSERT_TRUE(m_store->write([&](Tx& tx) { return streets.update(tx, street, 1); }).ok());
    street.name = "复兴路";
    auto stale = m_store->write([&](Tx& tx) { return streets.update(tx, street, 1); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, codes::VersionConflict);
    EXPECT_EQ(stale.error().params.at("expected"), "1");
    EXPECT_EQ(stale.error().params.at("actual"), "2");
    auto back = m_store->read([&](Tx& tx) { return streets.get(tx, street.id); }).value();
    EXPECT_EQ(back.name, "太行东街");
    EXPECT_EQ(back.meta.rowVersion, 2);
    EXPECT_EQ(changeLog().size(), 2u);

    auto staleDelete = m_store->write([&](Tx& tx) { return streets.softDelete(tx, street.id, 1); });
    ASSERT_FALSE(staleDelete.ok());
    EXPECT_EQ(staleDelete.error().code, codes::VersionConflict);
}

TEST_P(Repositories, FieldVersionsRecordOnlyTheFieldsThatChanged)
{
    auto crew = m_store->write([&](Tx& tx) { return crews.insert(tx, sampleCrew()); }).value();
    auto v1 = m_store->read([&](Tx& tx) { return crews.fieldVersions(tx, crew.id); }).value();
    EXPECT_EQ(v1.at("name"), 1);
    EXPECT_EQ(v1.at("depot"), 1);
    crew.name = "管道疏通二班";
    crew.depot->lat += 0.01;
    crew = m_store->write([&](Tx& tx) { return crews.update(tx, crew, 1); }).value();
    crew.size = 6;
    crew = m_store->write([&](Tx& tx) { return crews.update(tx, crew, 2); }).value();
    auto fv = m_store->read([&](Tx& tx) { return crews.fieldVersions(tx, crew.id); }).value();
    EXPECT_EQ(fv.at("name"), 2);
    EXPECT_EQ(fv.at("depot"), 2);
    EXPECT_EQ(fv.at("size"), 3);
    EXPECT_EQ(fv.at("code"), 1);
    EXPECT_EQ(fv.at("skills"), 1);
}

TEST_P(Repositories, AnUpdateThatChangesNothingKeepsTheVersion)
{
    auto street = m_store->write([&](Tx& tx) { return streets.insert(tx, sampleStreet()); }).value();
    auto same = m_store->write([&](Tx& tx) { return streets.update(tx, street, 1); });
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(same->meta.rowVersion, 1);
    EXPECT_EQ(changeLog().size(), 1u);
}

TEST_P(Repositories, WorkOrderChildLinesFollowUpdatesAndKeepTheirIds)
{
    auto street = m_store->write([&](Tx& tx) { return streets.insert(tx, sampleStreet()); }).value();
    auto asset = m_store->write([&](Tx& tx) { return assets.insert(tx, sampleInlet("YS-1", street.id)); }).value();
    auto asset2 = m_store->write([&](Tx& tx) { return assets.insert(tx, sampleInlet("YS-2", street.id)); }).value();
    auto crew = m_store->write([&](Tx& tx) { return crews.insert(tx, sampleCrew()); }).value();
    auto user = m_store->write([&](Tx& tx) { return users.insert(tx, sampleUser("wang", crew.id)); }).value();
    auto defect = m_store->write([&](Tx& tx) { return defects.insert(tx, sampleDefect(asset.id, user.id)); }).value();
    auto wo = m_store->write([&](Tx& tx) { return workOrders.insert(tx, sampleWorkOrder(asset.id, defect.id, crew.id, user.id)); })
                  .value();
    wo.notes.push_back(WorkNote{m_ids.next(), user.id, m_clock.now(), "班长已复核"});
    wo.assetIds.push_back(asset2.id);
    auto v2 = m_store->write([&](Tx& tx) { return workOrders.update(tx, wo, 1); });
    ASSERT_TRUE(v2.ok());
    auto back = m_store->read([&](Tx& tx) { return workOrders.get(tx, wo.id); }).value();
    EXPECT_EQ(back, v2.value());
    ASSERT_EQ(back.notes.size(), 2u);
    EXPECT_EQ(back.notes[0].id, wo.notes[0].id);
    EXPECT_EQ(back.assetIds, (std::vector<Uuid>{asset.id, asset2.id}));
    auto fv = m_store->read([&](Tx& tx) { return workOrders.fieldVersions(tx, wo.id); }).value();
    EXPECT_EQ(fv.at("notes"), 2);
    EXPECT_EQ(fv.at("asset_ids"), 2);
    EXPECT_EQ(fv.at("labour"), 1);
    EXPECT_EQ(fv.at("title"), 1);
}

TEST_P(Repositories, SoftDeleteHidesFromListButGetWithIncludeDeletedSeesIt)
{
    auto a = m_store->write([&](Tx& tx) { return streets.insert(tx, sampleStreet("长邯路")); }).value();
    auto b = m_store->write([&](Tx& tx) { return streets.insert(tx, sampleStreet("人民路")); }).value();
    ASSERT_TRUE(m_store->write([&](Tx& tx) { return streets.softDelete(tx, a.id, 1); }).ok());

    auto page = m_store->read([&](Tx& tx) { return streets.list(tx, StreetFilter{}); }).value();
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.items[0].id, b.id);
    auto hidden = m_store->read([&](Tx& tx) { return streets.get(tx, a.id); });
    EXPECT_FALSE(hidden.ok());
    auto tombstone = m_store->read([&](Tx& tx) { return streets.get(tx, a.id, true); });
    ASSERT_TRUE(tombstone.ok());
    EXPECT_TRUE(tombstone->meta.deleted);
    EXPECT_EQ(tombstone->meta.rowVersion, 2);
    auto all = m_store->read([&](Tx& tx) { return streets.list(tx, StreetFilter{}, PageRequest{"", 50, true}); }).value();
    EXPECT_EQ(all.items.size(), 2u);
}

YANGHU_BOTH_BACKENDS(Repositories);

} // namespace
} // namespace yanghu::store::test
