// SPDX-License-Identifier: MIT
#include "Samples.h"
#include "TestDatabase.h"

#include "store/AssetRepository.h"
#include "store/CrewRepository.h"
#include "store/CrewShiftRepository.h"
#include "store/DefectReportRepository.h"
#include "store/StreetRepository.h"
#include "store/UserRepository.h"
#include "store/WorkOrderRepository.h"

#include "yanghu/core/rules/ErrorCodes.h"

#include <set>

namespace yanghu::store::test {
namespace {

using namespace std::chrono;

class Lists : public StoreTest {
protected:
    template <class T>
    static std::set<std::string> codesOf(const Page<T>& page)
    {
        std::set<std::string> out;
        for (const auto& item : page.items) out.insert(item.code);
        return out;
    }

    StreetRepository streets;
    AssetRepository assets;
    CrewRepository crews;
    UserRepository users;
    DefectReportRepository defects;
    WorkOrderRepository workOrders;
    CrewShiftRepository crewShifts;
};

TEST_P(Lists, PagingThrough120RowsGives50_50_20WithoutDuplicatesOrGaps)
{
    std::vector<Asset> all;
    for (int i = 0; i < 120; ++i) all.push_back(sampleInlet("YS-" + std::to_string(1000 + i)));
    ASSERT_TRUE(m_store->write([&](Tx& tx) {
        assets.insertMany(tx, all);
        return success();
    }).ok());

    std::vector<std::size_t> sizes;
    std::set<Uuid> seen;
    std::vector<Uuid> order;
    PageRequest request{"", 50, false};
    for (int guard = 0; guard < 10; ++guard) {
        auto page = m_store->read([&](Tx& tx) { return assets.list(tx, AssetFilter{}, request); });
        ASSERT_TRUE(page.ok());
        sizes.push_back(page->items.size());
        for (const auto& a : page->items) {
            seen.insert(a.id);
            order.push_back(a.id);
        }
        if (page->nextCursor.empty()) break;
        request.cursor = page->nextCursor;
    }
    EXPECT_EQ(sizes, (std::vector<std::size_t>{50, 50, 20}));
    EXPECT_EQ(seen.size(), 120u);
    EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));
}

TEST_P(Lists, LimitDefaultsTo50AndIsCappedAt500AndBadCursorsAreRejected)
{
    EXPECT_EQ((PageRequest{"", 0, false}.effectiveLimit()), 50);
    EXPECT_EQ((PageRequest{"", 10000, false}.effectiveLimit()), 500);
    auto bad = m_store->read([&](Tx& tx) { return assets.list(tx, AssetFilter{}, PageRequest{"not-a-cursor", 10, false}); });
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, codes::ValidationFailed);
}

TEST_P(Lists, AssetFiltersSelectByKindStreetDistrictStatusBoxAndText)
{
    auto ok = m_store->write([&](Tx& tx) -> Status {
        auto north = streets.insert(tx, sampleStreet("太行东街", "丛台区")).value();
        auto south = streets.insert(tx, sampleStreet("长邯路", "邯山区")).value();
        auto a = sampleInlet("YS-000001", north.id, "CB-100");
        a.geometry = {{114.40, 36.60}};
        auto b = sampleInlet("YS-000002", south.id, "CB-200");
        b.geometry = {{114.50, 36.70}};
        b.status = AssetStatus::OutOfService;
        b.extra = {{"note", "Near the BUS stop 100%"}};
        auto c = sampleInlet("JG-000003", south.id);
        c.kind = AssetKind::Manhole;
        c.extra = nlohmann::json::object();
        c.attributes = ManholeAttributes{"铸铁", 700, "D400"};
        c.geometry = {{114.51, 36.71}, {114.53, 36.73}}; // representative point 114.52, 36.72
        for (auto* x : {&a, &b, &c})
            if (!assets.insert(tx, *x).ok()) return Error::of("insert");
        return success();
    });
    ASSERT_TRUE(ok.ok());
    auto query = [&](const AssetFilter& f) { return codesOf(m_store->read([&](Tx& tx) { return assets.list(tx, f); }).value()); };
    using S = std::set<std::string>;

    EXPECT_EQ(query({.kind = AssetKind::Manhole}), S{"JG-000003"});
    EXPECT_EQ(query({.district = "邯山区"}), (S{"YS-000002", "JG-000003"}));
    EXPECT_EQ(query({.status = AssetStatus::OutOfService}), S{"YS-000002"});
    EXPECT_EQ(query({.bbox = BoundingBox{114.39, 36.59, 114.45, 36.65}}), S{"YS-000001"});
    EXPECT_EQ(query({.bbox = BoundingBox{114.515, 36.715, 114.525, 36.725}}), S{"JG-000003"});
    EXPECT_EQ(query({.text = "ys-000"}), (S{"YS-000001", "YS-000002"}));
    EXPECT_EQ(query({.text = "cb-2"}), S{"YS-000002"});
    EXPECT_EQ(query({.text = "bus STOP"}), S{"YS-000002"});
    EXPECT_EQ(query({.text = "100%"}), S{"YS-000002"});
    EXPECT_EQ(query({.text = "公交站"}), S{"YS-000001"});
    EXPECT_EQ(query({.text = "_"}), S{});
    auto firstStreet = m_store->read([&](Tx& tx) { return streets.list(tx, StreetFilter{.district = "丛台区"}); }).value();
    ASSERT_EQ(firstStreet.items.size(), 1u);
    EXPECT_EQ(query({.streetId = firstStreet.items[0].id}), S{"YS-000001"});
    EXPECT_EQ(query({.kind = AssetKind::StormInlet, .district = "邯山区"}), S{"YS-000002"});
}

TEST_P(Lists, StreetCrewAndUserFilters)
{
    ASSERT_TRUE(m_store->write([&](Tx& tx) -> Status {
        (void)streets.insert(tx, sampleStreet("太行东街", "丛台区"));
        (void)streets.insert(tx, sampleStreet("太行西街", "复兴区"));
        (void)streets.insert(tx, sampleStreet("长邯路", "邯山区"));
        auto c1 = crews.insert(tx, sampleCrew("C-01")).value();
        auto c2 = sampleCrew("C-02");
        c2.district = "邯山区";
        c2 = crews.insert(tx, c2).value();
        (void)users.insert(tx, sampleUser("crew01-1", c1.id));
        (void)users.insert(tx, sampleUser("crew02-1", c2.id));
        (void)users.insert(tx, sampleUser("dispatcher1", std::nullopt));
        return success();
    }).ok());
    auto names = m_store->read([&](Tx& tx) { return streets.list(tx, StreetFilter{.nameContains = "太行"}); }).value();
    EXPECT_EQ(names.items.size(), 2u);
    auto fx = m_store->read([&](Tx& tx) { return streets.list(tx, StreetFilter{.district = "复兴区"}); }).value();
    ASSERT_EQ(fx.items.size(), 1u);
    EXPECT_EQ(fx.items[0].name, "太行西街");

    auto hs = m_store->read([&](Tx& tx) { return crews.list(tx, CrewFilter{.district = "邯山区"}); }).value();
    ASSERT_EQ(hs.items.size(), 1u);
    EXPECT_EQ(hs.items[0].code, "C-02");

    auto fieldCrew = m_store->read([&](Tx& tx) { return users.list(tx, UserFilter{.role = Role::FieldCrew}); }).value();
    EXPECT_EQ(fieldCrew.items.size(), 2u);
    auto ofCrew = m_store->read([&](Tx& tx) { return users.list(tx, UserFilter{.crewId = hs.items[0].id}); }).value();
    ASSERT_EQ(ofCrew.items.size(), 1u);
    EXPECT_EQ(ofCrew.items[0].username, "crew02-1");
}

TEST_P(Lists, DefectAndWorkOrderFilters)
{
    const Instant t0 = m_clock.now();
    Uuid assetA, assetB, crewId, programmeless;
    ASSERT_TRUE(m_store->write([&](Tx& tx) -> Status {
        assetA = assets.insert(tx, sampleInlet("YS-1")).value().id;
        assetB = assets.insert(tx, sampleInlet("YS-2")).value().id;
        crewId = crews.insert(tx, sampleCrew()).value().id;
        auto user = users.insert(tx, sampleUser("wang", crewId)).value();
        for (int i = 0; i < 4; ++i) {
            auto d = sampleDefect(i % 2 ? assetB : assetA, user.id);
            d.severity = 1 + i;
            d.category = i < 2 ? DefectCategory::CloggedInlet : DefectCategory::DamagedGrate;
            d.status = i == 3 ? DefectStatus::New : DefectStatus::Triaged;
            d.reportedAt = t0 + days{i};
            d.location = GeoPoint{114.0 + i, 36.0};
            auto stored = defects.insert(tx, d).value();
            auto w = sampleWorkOrder(i % 2 ? assetB : assetA, stored.id, crewId, user.id);
            w.number = "WO-2026-00000" + std::to_string(i);
            w.priority = 1 + i;
            w.labour[0].id = m_ids.next();
            w.materials[0].id = m_ids.next();
            w.quantities[0].id = m_ids.next();
            w.notes[0].id = m_ids.next();
            w.status = i == 0 ? WorkOrderStatus::Scheduled : WorkOrderStatus::Ready;
            w.assignment.shiftDate = year{2026} / 5 / (10 + i);
            if (i == 3) w.assignment.crewId.reset();
            (void)workOrders.insert(tx, w).value();
        }
        return success();
    }).ok());
    auto defectCount = [&](const DefectReportFilter& f) {
        return m_store->read([&](Tx& tx) { return defects.list(tx, f); }).value().items.size();
    };
    EXPECT_EQ(defectCount({.status = DefectStatus::New}), 1u);
    EXPECT_EQ(defectCount({.category = DefectCategory::DamagedGrate}), 2u);
    EXPECT_EQ(defectCount({.severity = 2}), 1u);
    EXPECT_EQ(defectCount({.minSeverity = 3}), 2u);
    EXPECT_EQ(defectCount({.assetId = assetB}), 2u);
    EXPECT_EQ(defectCount({.reportedFrom = t0 + days{1}, .reportedTo = t0 + days{3}}), 2u);
    EXPECT_EQ(defectCount({.bbox = BoundingBox{114.5, 35.5, 116.5, 36.5}}), 2u);

    auto orderCount = [&](const WorkOrderFilter& f) {
        return m_store->read([&](Tx& tx) { return workOrders.list(tx, f); }).value().items.size();
    };
    EXPECT_EQ(orderCount({.status = WorkOrderStatus::Ready}), 3u);
    EXPECT_EQ(orderCount({.crewId = crewId}), 3u);
    EXPECT_EQ(orderCount({.shiftDateFrom = year{2026} / 5 / 11, .shiftDateTo = year{2026} / 5 / 12}), 2u);
    EXPECT_EQ(orderCount({.assetId = assetA}), 2u);
    EXPECT_EQ(orderCount({.priority = 4}), 1u);
    EXPECT_EQ(orderCount({.programmeId = m_ids.next()}), 0u);
    auto withChildren = m_store->read([&](Tx& tx) { return workOrders.list(tx, WorkOrderFilter{.assetId = assetB}); }).value();
    ASSERT_EQ(withChildren.items.size(), 2u);
    for (const auto& w : withChildren.items) {
        EXPECT_EQ(w.assetIds, std::vector<Uuid>{assetB});
        EXPECT_EQ(w.labour.size(), 1u);
        EXPECT_EQ(w.notes.size(), 1u);
    }
}

TEST_P(Lists, CrewShiftsByCrewAndDate)
{
    Uuid crewId;
    ASSERT_TRUE(m_store->write([&](Tx& tx) -> Status {
        crewId = crews.insert(tx, sampleCrew()).value().id;
        std::vector<CrewShift> shifts;
        for (int d = 1; d <= 10; ++d) {
            auto s = sampleCrewShift(crewId);
            s.date = year{2026} / 5 / d;
            shifts.push_back(s);
        }
        crewShifts.insertMany(tx, shifts);
        return success();
    }).ok());
    auto page = m_store->read([&](Tx& tx) {
        return crewShifts.list(tx, CrewShiftFilter{.crewId = crewId, .dateFrom = year{2026} / 5 / 3, .dateTo = year{2026} / 5 / 5});
    });
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->items.size(), 3u);
}

YANGHU_BOTH_BACKENDS(Lists);

} // namespace
} // namespace yanghu::store::test
