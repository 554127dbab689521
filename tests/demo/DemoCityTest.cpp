// SPDX-License-Identifier: MIT
#include "demo/DemoCity.h"
#include "demo/GeoMath.h"

#include "yanghu/core/rules/Validation.h"
#include "yanghu/core/rules/WorkOrderStateMachine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <unordered_map>
#include <unordered_set>

using namespace yanghu;
using namespace yanghu::demo;
using namespace std::chrono;

namespace {

const Instant Now = sys_days{year{2026} / 5 / 20} + hours{2}; // 10:00 in the city

DemoOptions options(int scale = 1, std::uint64_t seed = 20260601)
{
    DemoOptions o;
    o.scale = scale;
    o.seed = seed;
    o.now = Now;
    return o;
}

// Generated once for the whole binary: tests only read it.
const DemoCity& city()
{
    static const DemoCity c = generateDemoCity(options());
    return c;
}

std::size_t countKind(const DemoCity& c, AssetKind kind)
{
    return static_cast<std::size_t>(
        std::count_if(c.assets.begin(), c.assets.end(), [&](const Asset& a) { return a.kind == kind; }));
}

const Street& streetOf(const DemoCity& c, const Asset& a)
{
    static std::unordered_map<Uuid, const Street*> index;
    if (index.empty())
        for (const Street& s : c.streets) index[s.id] = &s;
    return *index.at(*a.streetId);
}

std::string describe(const std::vector<FieldError>& errors)
{
    std::string out;
    for (const auto& e : errors) out += e.field + ":" + e.code + " ";
    return out;
}

} // namespace

TEST(DemoCity, SameSeedGivesAnIdenticalCity)
{
    const DemoCity again = generateDemoCity(options());
    EXPECT_TRUE(again.streets == city().streets);
    EXPECT_TRUE(again.assets == city().assets);
    EXPECT_TRUE(again.users == city().users);
    EXPECT_TRUE(again.defects == city().defects);
    EXPECT_TRUE(again.workOrders == city().workOrders);
    EXPECT_TRUE(again.transitions == city().transitions);
    EXPECT_TRUE(again == city());
}

TEST(DemoCity, DifferentSeedGivesADifferentCity)
{
    const DemoCity other = generateDemoCity(options(1, 7));
    EXPECT_NE(other.streets.front().id, city().streets.front().id);
    EXPECT_NE(other.streets.front().centreline, city().streets.front().centreline);
    EXPECT_FALSE(other.assets == city().assets);
    EXPECT_FALSE(other.workOrders == city().workOrders);
}

TEST(DemoCity, ScaleOneHasTheStoryCounts)
{
    const DemoCity& c = city();
    EXPECT_GE(countKind(c, AssetKind::StormInlet), 12000u);
    EXPECT_GE(countKind(c, AssetKind::Bridge), 25u);
    EXPECT_LE(countKind(c, AssetKind::Bridge), 40u);
    EXPECT_GT(countKind(c, AssetKind::SidewalkSegment), 1000u);
    EXPECT_GT(countKind(c, AssetKind::Manhole), 2000u);
    EXPECT_EQ(countKind(c, AssetKind::PipeSegment), countKind(c, AssetKind::Manhole) - c.streets.size());
    EXPECT_GE(c.streets.size(), 35u);
    EXPECT_LE(c.streets.size(), 45u);
    EXPECT_GE(c.crews.size(), 7u);
    EXPECT_LE(c.crews.size(), 10u);
    EXPECT_GT(c.defects.size(), 1000u);
    EXPECT_GT(c.workOrders.size(), 1000u);

    std::set<std::string> names;
    for (const Street& s : c.streets) names.insert(s.name);
    EXPECT_EQ(names.size(), c.streets.size()) << "street names are unique";
    EXPECT_TRUE(names.count("太行东街"));
    EXPECT_TRUE(names.count("长邯路"));
    std::set<std::string> districts;
    for (const Street& s : c.streets) districts.insert(s.district);
    for (const char* d : {"丛台区", "邯山区", "复兴区", "经开区"}) EXPECT_TRUE(districts.count(d)) << d;
}

TEST(DemoCity, UsersExistForEveryRoleWithDocumentedLogins)
{
    const DemoCity& c = city();
    std::map<Role, int> perRole;
    for (const User& u : c.users) {
        ++perRole[u.role];
        EXPECT_TRUE(u.passwordHash.empty());
    }
    EXPECT_EQ(perRole[Role::Admin], 1);
    EXPECT_EQ(perRole[Role::Dispatcher], 2);
    EXPECT_EQ(perRole[Role::Supervisor], 2);
    for (const Crew& crew : c.crews) {
        const auto members = std::count_if(c.users.begin(), c.users.end(),
                                           [&](const User& u) { return u.crewId == crew.id && u.role == Role::FieldCrew; });
        EXPECT_EQ(members, crew.size) << crew.code;
    }
    ASSERT_EQ(c.logins.size(), c.users.size());
    std::map<std::string, DemoLogin> logins;
    for (const DemoLogin& l : c.logins) logins[l.username] = l;
    for (const User& u : c.users) {
        ASSERT_TRUE(logins.count(u.username)) << u.username;
        EXPECT_EQ(logins[u.username].role, u.role);
    }
    EXPECT_EQ(logins["admin"].password, "demo-admin");
    EXPECT_EQ(logins["dispatcher1"].password, "demo-dispatcher");
    EXPECT_EQ(logins["supervisor2"].password, "demo-supervisor");
    EXPECT_EQ(logins["crew01-1"].password, "demo-crew");
}

TEST(DemoCity, StreetLengthsComeFromTheirGeometry)
{
    for (const Street& s : city().streets) {
        EXPECT_NEAR(s.lengthM, polylineLengthM(s.centreline), 0.01) << s.name;
        for (const GeoPoint& p : s.centreline) {
            EXPECT_NEAR(p.lon, 114.49, 0.1);
            EXPECT_NEAR(p.lat, 36.61, 0.1);
        }
    }
}

TEST(DemoCity, InletsLineBothSidesOfTheirStreetsOnTheDeclaredSide)
{
    const DemoCity& c = city();
    std::map<std::pair<Uuid, StreetSide>, std::vector<double>> chainages;
    for (const Asset& a : c.assets) {
        if (a.kind != AssetKind::StormInlet) continue;
        ASSERT_TRUE(a.streetId && a.chainageFromM);
        ASSERT_NE(a.side, StreetSide::None) << a.code;
        ASSERT_EQ(a.geometry.size(), 1u);
        const Street& s = streetOf(c, a);
        EXPECT_EQ(sideOf(s.centreline, a.geometry.front()), a.side) << a.code;
        EXPECT_GE(*a.chainageFromM, 0);
        EXPECT_LE(*a.chainageFromM, s.lengthM);
        EXPECT_TRUE(a.code.starts_with("YS-")) << a.code;
        chainages[{s.id, a.side}].push_back(*a.chainageFromM);
    }
    std::set<Uuid> streetsWithInlets;
    for (const auto& [key, list] : chainages) streetsWithInlets.insert(key.first);
    for (const Uuid& s : streetsWithInlets) {
        EXPECT_GT(chainages[std::make_pair(s, StreetSide::Left)].size(), 10u);
        EXPECT_GT(chainages[std::make_pair(s, StreetSide::Right)].size(), 10u);
    }
    // Regular spacing: 24-34 m, or up to two gaps where a crosswalk was skipped.
    for (auto& [key, list] : chainages) {
        std::sort(list.begin(), list.end());
        for (std::size_t i = 1; i < list.size(); ++i) {
            EXPECT_GE(list[i] - list[i - 1], 23.9);
            EXPECT_LE(list[i] - list[i - 1], 70);
        }
    }
}

TEST(DemoCity, SidewalkSegmentsCoverBlocksWithAreaWidthTimesLength)
{
    const DemoCity& c = city();
    for (const Asset& a : c.assets) {
        if (a.kind != AssetKind::SidewalkSegment) continue;
        ASSERT_TRUE(a.chainageFromM && a.chainageToM) << a.code;
        EXPECT_LT(*a.chainageFromM, *a.chainageToM);
        ASSERT_GE(a.geometry.size(), 2u);
        const auto& attrs = std::get<SidewalkAttributes>(a.attributes);
        ASSERT_TRUE(attrs.widthM && attrs.areaM2 && attrs.pavingType);
        EXPECT_NEAR(*attrs.areaM2, *attrs.widthM * (*a.chainageToM - *a.chainageFromM), 0.01);
        const Street& s = streetOf(c, a);
        const GeoPoint mid{(a.geometry.front().lon + a.geometry.back().lon) / 2,
                           (a.geometry.front().lat + a.geometry.back().lat) / 2};
        EXPECT_EQ(sideOf(s.centreline, mid), a.side) << a.code;
        EXPECT_NEAR(polylineLengthM(a.geometry), *a.chainageToM - *a.chainageFromM, 1.0) << a.code;
    }
}

TEST(DemoCity, PipesJoinConsecutiveManholes)
{
    const DemoCity& c = city();
    std::map<Uuid, std::set<double>> manholes;
    for (const Asset& a : c.assets)
        if (a.kind == AssetKind::Manhole) manholes[*a.streetId].insert(*a.chainageFromM);
    for (const Asset& a : c.assets) {
        if (a.kind != AssetKind::PipeSegment) continue;
        const auto& m = manholes[*a.streetId];
        auto it = m.find(*a.chainageFromM);
        ASSERT_NE(it, m.end()) << a.code;
        ASSERT_NE(std::next(it), m.end());
        EXPECT_DOUBLE_EQ(*std::next(it), *a.chainageToM) << a.code;
        EXPECT_NEAR(*std::get<PipeAttributes>(a.attributes).lengthM, *a.chainageToM - *a.chainageFromM, 0.5);
    }
}

TEST(DemoCity, AssetCodesAreUniqueAndPrefixedByKind)
{
    const std::map<AssetKind, std::string> prefix = {{AssetKind::StormInlet, "YS-"},
                                                     {AssetKind::SidewalkSegment, "RX-"},
                                                     {AssetKind::Manhole, "JG-"},
                                                     {AssetKind::PipeSegment, "GD-"},
                                                     {AssetKind::Bridge, "QL-"}};
    const std::regex shape("[A-Z]{2}-[0-9]{6,}");
    std::set<std::string> codes;
    for (const Asset& a : city().assets) {
        EXPECT_TRUE(a.code.starts_with(prefix.at(a.kind))) << a.code;
        EXPECT_TRUE(std::regex_match(a.code, shape)) << a.code;
        EXPECT_TRUE(codes.insert(a.code).second) << a.code;
    }
}

TEST(DemoCity, EveryEntityValidates)
{
    const DemoCity& c = city();
    for (const auto& x : c.streets) EXPECT_TRUE(rules::validateStreet(x).empty()) << x.name << describe(rules::validateStreet(x));
    for (const auto& x : c.assets) {
        const auto e = rules::validateAsset(x);
        ASSERT_TRUE(e.empty()) << x.code << " " << describe(e);
    }
    for (const auto& x : c.crews) EXPECT_TRUE(rules::validateCrew(x).empty()) << x.code << describe(rules::validateCrew(x));
    for (const auto& x : c.users) EXPECT_TRUE(rules::validateUser(x).empty()) << x.username << describe(rules::validateUser(x));
    ASSERT_EQ(c.calendars.size(), 1u);
    EXPECT_TRUE(rules::validateShiftCalendar(c.calendars[0]).empty());
    for (const auto& x : c.crewShifts) EXPECT_TRUE(rules::validateCrewShift(x).empty()) << describe(rules::validateCrewShift(x));
    for (const auto& x : c.programmes)
        EXPECT_TRUE(rules::validateProgramme(x).empty()) << x.name << describe(rules::validateProgramme(x));
    for (const auto& x : c.defects) {
        const auto e = rules::validateDefectReport(x);
        ASSERT_TRUE(e.empty()) << x.description << " " << describe(e);
    }
    for (const auto& x : c.workOrders) {
        const auto e = rules::validateWorkOrder(x);
        ASSERT_TRUE(e.empty()) << x.number << " " << describe(e);
    }
}

TEST(DemoCity, IdsAreUniqueUuidV7)
{
    const DemoCity& c = city();
    std::unordered_set<Uuid> ids;
    auto add = [&](const Uuid& id) {
        EXPECT_EQ(id.version(), 7);
        EXPECT_TRUE(ids.insert(id).second) << id.toString();
    };
    for (const auto& x : c.streets) add(x.id);
    for (const auto& x : c.assets) add(x.id);
    for (const auto& x : c.crews) add(x.id);
    for (const auto& x : c.users) add(x.id);
    for (const auto& x : c.programmes) add(x.id);
    for (const auto& x : c.crewShifts) add(x.id);
    for (const auto& x : c.defects) add(x.id);
    for (const auto& x : c.workOrders) {
        add(x.id);
        for (const auto& l : x.labour) add(l.id);
        for (const auto& l : x.quantities) add(l.id);
        for (const auto& l : x.materials) add(l.id);
        for (const auto& l : x.notes) add(l.id);
    }
}

TEST(DemoCity, CalendarAndRosterCoverFourWeeks)
{
    const DemoCity& c = city();
    const ShiftCalendar& cal = c.calendars.at(0);
    EXPECT_EQ(cal.cityTime.utcOffsetMinutes, 480);
    EXPECT_EQ(cal.day.start, 8 * 60);
    EXPECT_EQ(cal.day.end, 17 * 60);
    EXPECT_EQ(cal.night.start, 22 * 60);
    EXPECT_EQ(cal.night.end, 6 * 60);
    const Date today = cal.cityTime.localDate(Now);
    std::set<std::pair<Uuid, Date>> roster;
    for (const CrewShift& s : c.crewShifts) {
        EXPECT_GE(sys_days{s.date}, sys_days{today} - days{14});
        EXPECT_LT(sys_days{s.date}, sys_days{today} + days{14});
        EXPECT_TRUE(roster.insert({s.crewId, s.date}).second);
    }
    // Six shifts a week per crew.
    EXPECT_GE(roster.size(), c.crews.size() * 22);
    // Every order assigned to a shift in the roster's range is on the roster.
    for (const WorkOrder& o : c.workOrders) {
        if (!o.assignment.shiftDate) continue;
        const auto d = sys_days{*o.assignment.shiftDate};
        if (d < sys_days{today} - days{14} || d >= sys_days{today} + days{14}) continue;
        EXPECT_TRUE(roster.count({*o.assignment.crewId, *o.assignment.shiftDate})) << o.number;
    }
}

TEST(DemoCity, EveryWorkOrderReplaysThroughTheStateMachine)
{
    const DemoCity& c = city();
    std::unordered_map<Uuid, const User*> users;
    for (const User& u : c.users) users[u.id] = &u;
    std::unordered_map<Uuid, std::vector<const DemoTransition*>> history;
    for (const DemoTransition& t : c.transitions) history[t.workOrderId].push_back(&t);

    for (const WorkOrder& o : c.workOrders) {
        WorkOrder replay = o;
        replay.status = WorkOrderStatus::Draft;
        Instant last = o.meta.createdAt;
        for (const DemoTransition* t : history[o.id]) {
            ASSERT_EQ(t->from, replay.status) << o.number;
            const User& actor = *users.at(t->actorId);
            EXPECT_EQ(actor.role, t->actorRole);
            EXPECT_EQ(actor.crewId, t->actorCrewId);
            const Status st = rules::checkTransition(replay, t->to, {actor.id, actor.role, actor.crewId}, t->reason);
            ASSERT_TRUE(st.ok()) << o.number << " " << enumName(t->from) << "->" << enumName(t->to) << " "
                                 << st.error().code;
            EXPECT_GE(t->at, last) << o.number;
            EXPECT_LE(t->at, Now) << o.number;
            last = t->at;
            replay.status = t->to;
        }
        EXPECT_EQ(replay.status, o.status) << o.number;
        EXPECT_EQ(o.meta.updatedAt, last) << o.number;
        // Who did what, as the story tells it.
        for (const DemoTransition* t : history[o.id]) {
            if (t->to == WorkOrderStatus::Scheduled) {
                EXPECT_EQ(t->actorRole, Role::Dispatcher);
            }
            if (t->to == WorkOrderStatus::InProgress || t->to == WorkOrderStatus::Completed) {
                EXPECT_EQ(t->actorRole, Role::FieldCrew);
                EXPECT_EQ(t->actorCrewId, o.assignment.crewId);
            }
            if (t->to == WorkOrderStatus::Verified) {
                EXPECT_EQ(t->actorRole, Role::Supervisor);
                EXPECT_EQ(o.verifiedBy, t->actorId);
            }
            if (t->to == WorkOrderStatus::InProgress) {
                EXPECT_EQ(t->at, *o.actualStart);
            }
            if (t->to == WorkOrderStatus::Completed) {
                EXPECT_EQ(t->at, *o.actualEnd);
            }
        }
    }
}

TEST(DemoCity, WorkHappensInsideShiftsAndClosuresAtNight)
{
    const DemoCity& c = city();
    const ShiftCalendar& cal = c.calendars.at(0);
    std::unordered_map<Uuid, ShiftKind> crewShift;
    for (const CrewShift& s : c.crewShifts) crewShift[s.crewId] = s.kind;
    int nightClosures = 0;
    for (const WorkOrder& o : c.workOrders) {
        if (!o.assignment.crewId) continue;
        const ShiftWindow& w = crewShift.at(*o.assignment.crewId) == ShiftKind::Day ? cal.day : cal.night;
        const Instant shiftStart = cal.cityTime.at(*o.assignment.shiftDate, w.start);
        const Instant shiftEnd = shiftStart + minutes{w.lengthMinutes()};
        EXPECT_GE(*o.assignment.plannedStart, shiftStart) << o.number;
        EXPECT_LE(*o.assignment.plannedEnd, shiftEnd) << o.number;
        if (o.actualStart) {
            EXPECT_GE(*o.actualStart, shiftStart) << o.number;
        }
        if (o.actualEnd) {
            EXPECT_LE(*o.actualEnd, shiftEnd) << o.number;
        }
        if (o.trafficImpact == TrafficImpact::LaneClosure || o.trafficImpact == TrafficImpact::RoadClosure) {
            EXPECT_EQ(&w, &cal.night) << o.number;
            const int m = cal.cityTime.localMinuteOfDay(*o.assignment.plannedStart);
            EXPECT_TRUE(m >= 22 * 60 || m < 6 * 60) << o.number;
            ++nightClosures;
        }
    }
    EXPECT_GT(nightClosures, 100);
}

TEST(DemoCity, StatusesFollowTheCalendar)
{
    const DemoCity& c = city();
    std::map<WorkOrderStatus, int> n;
    for (const WorkOrder& o : c.workOrders) {
        ++n[o.status];
        if (o.status == WorkOrderStatus::OnHold || o.status == WorkOrderStatus::Cancelled)
            EXPECT_FALSE(o.holdReason.empty()) << o.number;
        else
            EXPECT_TRUE(o.holdReason.empty()) << o.number;
        if (o.status == WorkOrderStatus::Completed || o.status == WorkOrderStatus::Verified) {
            EXPECT_FALSE(o.quantities.empty());
            EXPECT_FALSE(o.labour.empty());
        }
        if (o.status == WorkOrderStatus::Scheduled) {
            EXPECT_GT(*o.assignment.plannedStart + minutes{10}, Now);
        }
        // Orders finished more than a month ago are closed.
        if (o.assignment.plannedEnd && *o.assignment.plannedEnd < Now - days{30}) {
            EXPECT_TRUE(o.status == WorkOrderStatus::Verified || o.status == WorkOrderStatus::Completed ||
                        o.status == WorkOrderStatus::Cancelled || o.status == WorkOrderStatus::OnHold)
                << o.number;
        }
    }
    const int closed = n[WorkOrderStatus::Verified] + n[WorkOrderStatus::Completed];
    EXPECT_GT(closed, static_cast<int>(c.workOrders.size()) * 7 / 10);
    EXPECT_GT(n[WorkOrderStatus::Verified], n[WorkOrderStatus::Completed]);
    EXPECT_GT(n[WorkOrderStatus::Scheduled], 0);
    EXPECT_GT(n[WorkOrderStatus::OnHold], 0);
    EXPECT_GT(n[WorkOrderStatus::Cancelled], 0);
    EXPECT_GT(n[WorkOrderStatus::Ready], 0);
}

TEST(DemoCity, WorkOrderNumbersFollowCreationOrder)
{
    const std::regex shape("WO-(\\d{4})-(\\d{6})");
    std::map<std::string, int> lastPerYear;
    Instant last{};
    for (const WorkOrder& o : city().workOrders) {
        std::smatch m;
        ASSERT_TRUE(std::regex_match(o.number, m, shape)) << o.number;
        EXPECT_EQ(std::stoi(m[2]), lastPerYear[m[1]] + 1) << o.number;
        lastPerYear[m[1]] = std::stoi(m[2]);
        EXPECT_EQ(std::stoi(m[1]), int(city().calendars[0].cityTime.localDate(o.meta.createdAt).year()));
        EXPECT_GE(o.meta.createdAt, last);
        last = o.meta.createdAt;
    }
}

TEST(DemoCity, DefectsAndWorkOrdersPointAtEachOther)
{
    const DemoCity& c = city();
    std::unordered_map<Uuid, const WorkOrder*> orders;
    for (const WorkOrder& o : c.workOrders) orders[o.id] = &o;
    std::unordered_map<Uuid, const DefectReport*> defects;
    for (const DefectReport& d : c.defects) defects[d.id] = &d;
    std::unordered_map<Uuid, const Asset*> assets;
    for (const Asset& a : c.assets) assets[a.id] = &a;

    std::map<DefectSource, int> sources;
    for (const DefectReport& d : c.defects) {
        ++sources[d.source];
        EXPECT_LE(d.reportedAt, Now);
        ASSERT_TRUE(d.assetId);
        EXPECT_EQ(assets.at(*d.assetId)->kind, categoryKind(d.category)) << d.description;
        if (d.source == DefectSource::Citizen) {
            EXPECT_FALSE(d.reportedBy);
        }
        if (d.status == DefectStatus::Converted) {
            const WorkOrder& o = *orders.at(*d.workOrderId);
            EXPECT_NE(std::find(o.defectIds.begin(), o.defectIds.end(), d.id), o.defectIds.end());
            EXPECT_GE(o.meta.createdAt, d.reportedAt);
            EXPECT_NE(std::find(o.assetIds.begin(), o.assetIds.end(), *d.assetId), o.assetIds.end());
        }
        if (d.status == DefectStatus::Duplicate) {
            const DefectReport& original = *defects.at(*d.duplicateOf);
            EXPECT_EQ(original.assetId, d.assetId);
            EXPECT_LT(original.reportedAt, d.reportedAt);
        }
    }
    for (const WorkOrder& o : c.workOrders)
        for (const Uuid& id : o.defectIds) {
            const DefectReport& d = *defects.at(id);
            EXPECT_EQ(d.status, DefectStatus::Converted);
            EXPECT_EQ(d.workOrderId, o.id);
        }
    for (DefectSource s : {DefectSource::Crew, DefectSource::Dispatcher, DefectSource::Citizen, DefectSource::Inspection})
        EXPECT_GT(sources[s], 50) << enumName(s);
    const auto words = [&](const char* w) {
        return std::any_of(c.defects.begin(), c.defects.end(),
                           [&](const DefectReport& d) { return d.description.find(w) != std::string::npos; });
    };
    EXPECT_TRUE(words("井盖异响"));
    EXPECT_TRUE(words("井盖沉陷"));
    EXPECT_TRUE(words("人行道砖松动"));
}

TEST(DemoCity, ProgrammesOfTheStoryExist)
{
    const DemoCity& c = city();
    std::unordered_map<Uuid, const Asset*> assets;
    for (const Asset& a : c.assets) assets[a.id] = &a;
    auto find = [&](const std::string& part) -> const Programme* {
        for (const Programme& p : c.programmes)
            if (p.name.find(part) != std::string::npos && p.deadline >= year{2026} / 1 / 1) return &p;
        return nullptr;
    };
    const Programme* inlets = find("汛前雨水井清掏");
    ASSERT_TRUE(inlets);
    EXPECT_EQ(inlets->deadline, year{2026} / 5 / 31);
    EXPECT_EQ(inlets->assetKind, AssetKind::StormInlet);
    EXPECT_TRUE(inlets->assetIds.empty()) << "every storm inlet";

    // Every storm inlet was cleaned in the campaign before 1 June.
    std::set<Uuid> cleaned;
    for (const WorkOrder& o : c.workOrders)
        if (o.programmeId == inlets->id &&
            (o.status == WorkOrderStatus::Verified || o.status == WorkOrderStatus::Completed))
            cleaned.insert(o.assetIds.begin(), o.assetIds.end());
    EXPECT_EQ(cleaned.size(), countKind(c, AssetKind::StormInlet));
    for (const Asset& a : c.assets)
        if (a.kind == AssetKind::StormInlet) {
            const auto& last = std::get<StormInletAttributes>(a.attributes).lastCleaned;
            ASSERT_TRUE(last) << a.code;
            EXPECT_LT(*last, year{2026} / 6 / 1);
        }

    const Programme* sidewalks = find("太行东街");
    ASSERT_TRUE(sidewalks);
    ASSERT_FALSE(sidewalks->assetIds.empty());
    for (const Uuid& id : sidewalks->assetIds) {
        const Asset& a = *assets.at(id);
        EXPECT_EQ(a.kind, AssetKind::SidewalkSegment);
    }
    // Segment by segment: never two segments of the street open at the same time.
    std::vector<std::pair<Instant, Instant>> open;
    for (const WorkOrder& o : c.workOrders)
        if (o.programmeId == sidewalks->id && o.assignment.plannedStart)
            open.emplace_back(*o.assignment.plannedStart, *o.assignment.plannedEnd);
    std::sort(open.begin(), open.end());
    EXPECT_GT(open.size(), 10u);
    for (std::size_t i = 1; i < open.size(); ++i) EXPECT_GE(open[i].first, open[i - 1].second);

    const Programme* covers = find("井盖治理");
    ASSERT_TRUE(covers);
    EXPECT_EQ(covers->status, ProgrammeStatus::Active);
    EXPECT_FALSE(covers->assetIds.empty());
}

TEST(DemoCity, ScaleTwoHasAboutTwiceTheAssets)
{
    const DemoCity big = generateDemoCity(options(2));
    const double ratio = static_cast<double>(big.assets.size()) / static_cast<double>(city().assets.size());
    EXPECT_GT(ratio, 1.8);
    EXPECT_LT(ratio, 2.2);
    EXPECT_GE(countKind(big, AssetKind::StormInlet), 24000u);
    std::set<std::string> names;
    for (const Street& s : big.streets) names.insert(s.name);
    EXPECT_EQ(names.size(), big.streets.size());
}

TEST(DemoCity, SummaryCountsEveryKind)
{
    std::map<std::string, std::size_t> s;
    for (const auto& [k, v] : city().summary()) s[k] = v;
    EXPECT_EQ(s["assets.storm_inlet"], countKind(city(), AssetKind::StormInlet));
    EXPECT_EQ(s["streets"], city().streets.size());
    std::size_t orders = 0;
    for (const auto& [k, v] : s)
        if (k.starts_with("work_orders.")) orders += v;
    EXPECT_EQ(orders, city().workOrders.size());
    EXPECT_NE(formatSummary(city()).find("assets.bridge"), std::string::npos);
}
