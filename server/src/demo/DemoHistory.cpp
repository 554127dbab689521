// SPDX-License-Identifier: MIT
#include "demo/DemoHistory.h"

#include "yanghu/core/rules/WorkOrderStateMachine.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

namespace yanghu::demo {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_days;

constexpr int RosterDaysBefore = 14;
constexpr int RosterDaysAfter = 14;
constexpr int InletsPerBatch = 20;

Date addDays(Date d, int n) { return Date{sys_days{d} + days{n}}; }
long dayNumber(Date d) { return static_cast<long>(sys_days{d}.time_since_epoch().count()); }
double round1(double v) { return std::round(v * 10) / 10; }

// What the generator wants an order to end up as; the walk through the state machine decides
// the intermediate steps.
enum class Fate { Draft, Ready, Scheduled, InProgress, Completed, Verified, OnHold, Cancelled };

struct OrderPlan {
    WorkOrder order; // ids filled in by the id pass
    int programme = -1;
    std::vector<std::size_t> defects; // indices into the defect plans
    std::size_t crew = 0;
    Instant createdAt{};
    bool assigned = false;
    Instant shiftEnd{};
};

struct DefectPlan {
    DefectReport report;
    int order = -1;       // set iff converted
    int duplicateOf = -1; // set iff duplicate
};

struct TransitionPlan {
    std::size_t order;
    DemoTransition t;
};

struct Slot {
    std::size_t crew;
    Date date;
    Instant start;
    Instant end;
    Instant shiftEnd;
    int route;
};

// Crew time per shift: a crew does one job at a time, only in its shifts, with set-up and
// travel time between jobs. Greedy first-fit in the order requests arrive.
class CrewSlots {
public:
    CrewSlots(const DemoStaff& staff, Date first, Date last)
        : m_staff(staff), m_first(first), m_days(static_cast<std::size_t>(dayNumber(last) - dayNumber(first) + 1))
    {
        m_used.assign(staff.crews.size(), std::vector<int>(m_days, 0));
        m_count.assign(staff.crews.size(), std::vector<int>(m_days, 0));
    }

    std::optional<Slot> find(const std::vector<std::size_t>& crews, Instant earliest, int minutesNeeded)
    {
        const CityTime& city = m_staff.calendar.cityTime;
        Date d = city.localDate(earliest);
        if (d < m_first) d = m_first;
        for (long i = dayNumber(d) - dayNumber(m_first); i < static_cast<long>(m_days); ++i) {
            const Date date = addDays(m_first, static_cast<int>(i));
            for (std::size_t crew : crews) {
                if (!m_staff.works(crew, date)) continue;
                const ShiftWindow& w =
                    m_staff.info[crew].shift == ShiftKind::Day ? m_staff.calendar.day : m_staff.calendar.night;
                const std::size_t di = static_cast<std::size_t>(i);
                const int offset = m_used[crew][di] + (m_used[crew][di] == 0 ? 15 : 20);
                if (offset + minutesNeeded > w.lengthMinutes() - 5) continue;
                const Instant start = city.at(date, w.start + offset);
                if (start < earliest) continue;
                m_used[crew][di] = offset + minutesNeeded;
                const int route = ++m_count[crew][di];
                return Slot{crew, date, start, start + minutes{minutesNeeded},
                            city.at(date, w.start + w.lengthMinutes()), route};
            }
        }
        return std::nullopt;
    }

private:
    const DemoStaff& m_staff;
    Date m_first;
    std::size_t m_days;
    std::vector<std::vector<int>> m_used;
    std::vector<std::vector<int>> m_count;
};

struct CategoryInfo {
    DefectCategory category;
    double weight;
    const char* skill;
    WorkType type;
    TrafficImpact traffic;
    int minutesNeeded;
    const char* equipment;
    const char* what;         // what the work order does
    std::vector<std::string> texts; // what people report
};

const std::vector<CategoryInfo> Categories = {
    {DefectCategory::BrokenPavers, 18, "paving", WorkType::Repair, TrafficImpact::SidewalkClosure, 150,
     "plate_compactor", "人行道砖修复", {"人行道砖松动，踩上去晃动", "人行道砖破损缺角", "人行道砖松动，雨后溅水"}},
    {DefectCategory::RaisedTreePitStone, 6, "paving", WorkType::Repair, TrafficImpact::SidewalkClosure, 120,
     "plate_compactor", "树池石复位", {"树池石翘起，影响通行", "树根顶起树池石"}},
    {DefectCategory::TripHazard, 6, "paving", WorkType::Repair, TrafficImpact::SidewalkClosure, 90, "plate_compactor",
     "人行道隐患处置", {"人行道砖凸起约3厘米，有绊倒风险", "人行道塌陷形成坑洼，老人易绊倒"}},
    {DefectCategory::CloggedInlet, 16, "inlet_cleaning", WorkType::Cleaning, TrafficImpact::LaneClosure, 45,
     "vactor_truck", "雨水口清掏", {"雨水口被落叶淤泥堵塞，雨后路面积水", "雨水箅子被垃圾覆盖，排水不畅"}},
    {DefectCategory::DamagedGrate, 6, "inlet_cleaning", WorkType::Replacement, TrafficImpact::LaneClosure, 60,
     "vactor_truck", "更换雨水箅子", {"雨水箅子断裂", "雨水箅子缺失一角，车轮易陷"}},
    {DefectCategory::CoverRattling, 14, "manhole", WorkType::Repair, TrafficImpact::LaneClosure, 90, "asphalt_cutter",
     "井盖减震处理", {"井盖异响，车辆经过时哐当作响", "夜间井盖异响扰民"}},
    {DefectCategory::CoverSunken, 10, "manhole", WorkType::Repair, TrafficImpact::LaneClosure, 180, "asphalt_cutter",
     "井盖沉陷修复", {"井盖沉陷，周边路面下沉约5厘米", "井盖沉陷，车辆颠簸明显"}},
    {DefectCategory::CoverMissing, 3, "manhole", WorkType::Replacement, TrafficImpact::LaneClosure, 60, "crane_truck",
     "补装井盖", {"井盖缺失，已设置临时围挡", "井盖丢失，井口敞开"}},
    {DefectCategory::PipeBlockage, 8, "dredging", WorkType::Dredging, TrafficImpact::LaneClosure, 240, "jetter",
     "管道疏通", {"排水管道堵塞，检查井内积水外溢", "管道淤积严重，下游检查井无水流"}},
    {DefectCategory::BridgeJointDamage, 1.5, "bridge", WorkType::Repair, TrafficImpact::LaneClosure, 300,
     "bridge_inspection_vehicle", "伸缩缝修复", {"桥梁伸缩缝破损，跳车明显"}},
    {DefectCategory::BridgeRailingDamage, 1.5, "bridge", WorkType::Repair, TrafficImpact::SidewalkClosure, 180,
     "bridge_inspection_vehicle", "栏杆修复", {"桥梁栏杆松动", "桥梁栏杆被撞变形"}},
    {DefectCategory::BridgeDeckDamage, 1, "bridge", WorkType::Repair, TrafficImpact::RoadClosure, 360,
     "bridge_inspection_vehicle", "桥面修补", {"桥面铺装坑槽", "桥面出现网状裂缝"}},
};

const std::vector<std::string> HoldReasons = {"等待材料到货", "连续降雨停工", "燃气管线冲突，待产权单位协调",
                                              "交警未批准夜间占道"};
const std::vector<std::string> CancelReasons = {"产权单位已自行修复", "与其他工单重复", "现场复核无需处理",
                                                "道路改造工程将整体翻建"};
const std::vector<std::string> RejectReasons = {"现场核查无此问题", "非本中心管养范围（通信井）",
                                                "非本中心管养范围（燃气井）", "已由产权单位处理"};

class HistoryBuilder {
public:
    HistoryBuilder(CityLayout& city, const DemoStaff& staff, DemoRandom rng, ManualClock& clock, UuidGenerator& ids,
                   Instant now)
        : m_city(city), m_staff(staff), m_rng(rng), m_clock(clock), m_ids(ids), m_now(now),
          m_cityTime(staff.calendar.cityTime), m_today(m_cityTime.localDate(now)),
          m_historyFrom(addDays(m_today, -730)), m_slots(staff, addDays(m_historyFrom, -1), addDays(m_today, 400))
    {
        for (std::size_t c = 0; c < staff.crews.size(); ++c)
            m_tileCrews[{staff.info[c].tile, staff.info[c].skill}].push_back(c);
        for (std::size_t a = 0; a < m_city.assets.size(); ++a) m_assetIndex.emplace(m_city.assets[a].id, a);
    }

    DemoHistory build()
    {
        const int year = int(m_today.year());
        for (int y : {year - 1, year}) cleaningProgramme(y);
        renewalProgramme();
        manholeProgramme();
        defects();
        for (OrderPlan& p : m_orders) walk(p);
        roster();
        assignIds();
        return std::move(m_out);
    }

private:
    Instant localAt(Date d, int minuteOfDay) const { return m_cityTime.at(d, minuteOfDay); }
    const User& user(std::size_t i) const { return m_staff.users[i]; }

    // ---- programmes ----------------------------------------------------------------------

    std::size_t addProgramme(Programme p, Instant createdAt)
    {
        p.meta.createdAt = createdAt;
        p.meta.updatedAt = createdAt;
        const Date start = p.startDate.value_or(p.deadline);
        p.status = m_today < start ? ProgrammeStatus::Planned
                   : m_today <= p.deadline ? ProgrammeStatus::Active
                                           : ProgrammeStatus::Closed;
        m_out.programmes.push_back(std::move(p));
        return m_out.programmes.size() - 1;
    }

    void cleaningProgramme(int y)
    {
        using std::chrono::year;
        Programme p;
        char code[32];
        std::snprintf(code, sizeof code, "PG-%04d-01", y);
        p.code = code;
        p.name = std::to_string(y) + "年汛前雨水井清掏";
        p.description = "6月1日入汛前完成全市雨水口清掏，每个雨水口至少一次（夜间错峰作业）";
        p.assetKind = AssetKind::StormInlet;
        p.startDate = year{y} / 2 / 1;
        p.deadline = year{y} / 5 / 31;
        const Instant planned = localAt(year{y} / 1 / 15, 9 * 60);
        const std::size_t prog = addProgramme(std::move(p), std::min(planned, m_now - hours{24}));
        const Instant ordersAt = localAt(year{y} / 1 / 20, 10 * 60);
        if (ordersAt > m_now - hours{1}) return; // not planned in detail yet

        const Instant earliest = localAt(year{y} / 2 / 1, 0);
        for (const InletRun& run : m_city.inletRuns) {
            const int tile = m_city.info[run.street].tile;
            const auto& crews = m_tileCrews.at({tile, "inlet_cleaning"});
            const std::size_t batches = (run.assets.size() + InletsPerBatch - 1) / InletsPerBatch;
            for (std::size_t b = 0; b < batches; ++b) {
                const std::size_t from = run.assets.size() * b / batches;
                const std::size_t to = run.assets.size() * (b + 1) / batches;
                std::vector<std::size_t> assets(run.assets.begin() + static_cast<long>(from),
                                                run.assets.begin() + static_cast<long>(to));
                const std::string& street = m_city.streets[run.street].name;
                WorkOrder o;
                o.title = "汛前清掏 " + street + sideLabel(m_city.info[run.street], run.side) + " " +
                          m_city.assets[assets.front()].code + "~" + m_city.assets[assets.back()].code;
                o.description = "雨水口清掏共" + std::to_string(assets.size()) + "座，淤泥当夜外运";
                o.type = WorkType::Cleaning;
                o.priority = 3;
                o.trafficImpact = TrafficImpact::LaneClosure;
                o.estimatedMinutes = 7 * static_cast<int>(assets.size()) + 15;
                o.requiredSkills = {"inlet_cleaning"};
                o.requiredEquipment = {"vactor_truck"};
                o.dueDate = m_out.programmes[prog].deadline;
                addOrder(std::move(o), assets, {}, static_cast<int>(prog), ordersAt, crews, earliest, 0.0, 0.0);
            }
        }
    }

    void renewalProgramme()
    {
        std::vector<std::size_t> segments;
        std::size_t street = 0;
        for (std::size_t s = 0; s < m_city.streets.size(); ++s)
            if (m_city.streets[s].name == "太行东街") street = s;
        for (std::size_t a : m_city.tileAssets[0][static_cast<std::size_t>(AssetKind::SidewalkSegment)])
            if (m_city.assetStreet[a] == street) segments.push_back(a);
        // Segment by segment: the north side first, then the south side, each in chainage order.
        std::stable_sort(segments.begin(), segments.end(), [&](std::size_t x, std::size_t y) {
            const Asset& ax = m_city.assets[x];
            const Asset& ay = m_city.assets[y];
            return std::tie(ax.side, *ax.chainageFromM) < std::tie(ay.side, *ay.chainageFromM);
        });

        const Date start = addDays(m_today, -30);
        Programme p;
        p.code = "PG-" + std::to_string(int(start.year())) + "-02";
        p.name = "太行东街人行道改造";
        p.description = "太行东街人行道翻建，分段集中实施：每次只开一段，相邻段不同时施工，保留临时通道";
        p.assetKind = AssetKind::SidewalkSegment;
        p.startDate = start;
        p.deadline = addDays(start, 120);
        for (std::size_t a : segments) p.assetIds.push_back(m_city.assets[a].id);
        const Instant createdAt = localAt(addDays(start, -10), 9 * 60);
        const std::size_t prog = addProgramme(std::move(p), createdAt);

        const std::vector<std::size_t> crew = {m_tileCrews.at({0, "paving"}).front()};
        Instant earliest = localAt(start, 0);
        for (std::size_t a : segments) {
            const Asset& asset = m_city.assets[a];
            const auto& attrs = std::get<SidewalkAttributes>(asset.attributes);
            WorkOrder o;
            o.title = "太行东街" + sideLabel(m_city.info[street], asset.side) + "人行道翻建 " + asset.code;
            char desc[128];
            std::snprintf(desc, sizeof desc, "桩号 K%.0f–K%.0f，翻建约 %.0f 平方米，保留临时通道", *asset.chainageFromM,
                          *asset.chainageToM, *attrs.areaM2);
            o.description = desc;
            o.type = WorkType::Replacement;
            o.priority = 3;
            o.trafficImpact = TrafficImpact::SidewalkClosure;
            o.estimatedMinutes = 480;
            o.requiredSkills = {"paving"};
            o.requiredEquipment = {"plate_compactor", "paver_cutter"};
            o.dueDate = addDays(start, 120);
            const std::size_t idx = addOrder(std::move(o), {a}, {}, static_cast<int>(prog), createdAt, crew, earliest,
                                             0.0, 0.0);
            // The next segment opens only after this one is finished.
            if (m_orders[idx].assigned) earliest = m_orders[idx].shiftEnd;
        }
    }

    void manholeProgramme()
    {
        const Date start = addDays(m_today, -90);
        Programme p;
        p.code = "PG-" + std::to_string(int(start.year())) + "-03";
        p.name = "井盖治理专项行动";
        p.description = "更换异响、沉陷井盖为防沉降球墨铸铁井盖，夜间错峰施工";
        p.assetKind = AssetKind::Manhole;
        p.startDate = start;
        p.deadline = addDays(start, 240);
        std::vector<std::size_t> chosen;
        for (const auto& tile : m_city.tileAssets)
            for (std::size_t a : tile[static_cast<std::size_t>(AssetKind::Manhole)])
                if (m_rng.chance(0.05)) chosen.push_back(a);
        for (std::size_t a : chosen) p.assetIds.push_back(m_city.assets[a].id);
        const Instant createdAt = localAt(addDays(start, -7), 9 * 60);
        const std::size_t prog = addProgramme(std::move(p), createdAt);

        for (std::size_t i = 0; i < chosen.size(); ++i) {
            const std::size_t a = chosen[i];
            const int tile = m_city.info[m_city.assetStreet[a]].tile;
            WorkOrder o;
            o.title = "井盖治理 " + m_city.streets[m_city.assetStreet[a]].name + " " + m_city.assets[a].code;
            o.description = "更换为防沉降球墨铸铁井盖（D400），重新浇筑井圈";
            o.type = WorkType::Replacement;
            o.priority = 2;
            o.trafficImpact = TrafficImpact::LaneClosure;
            o.estimatedMinutes = 150;
            o.requiredSkills = {"manhole"};
            o.requiredEquipment = {"crane_truck"};
            o.dueDate = addDays(start, 240);
            // Spread over the programme so the crew keeps room for reported defects.
            const Instant earliest = localAt(addDays(start, static_cast<int>(i * 200 / std::max<std::size_t>(1, chosen.size()))), 0);
            addOrder(std::move(o), {a}, {}, static_cast<int>(prog), createdAt, m_tileCrews.at({tile, "manhole"}),
                     earliest, 0.02, 0.02);
        }
    }

    // ---- defects -------------------------------------------------------------------------

    void defects()
    {
        std::vector<double> weights;
        for (const CategoryInfo& c : Categories) weights.push_back(c.weight);
        for (std::size_t tile = 0; tile < m_city.tileAssets.size(); ++tile) {
            for (Date d = m_historyFrom; d <= m_today; d = addDays(d, 1)) {
                const unsigned month = unsigned(d.month());
                const bool rainy = month >= 6 && month <= 8;
                const double lambda = rainy ? 3.0 : month == 12 || month <= 2 ? 1.4 : 2.0;
                const int n = static_cast<int>(m_rng.unit() * (2 * lambda + 1));
                for (int k = 0; k < n; ++k) {
                    std::vector<double> w = weights;
                    if (rainy) {
                        w[3] *= 2.5;
                        w[8] *= 2;
                    }
                    const CategoryInfo& cat = Categories[m_rng.weighted(w)];
                    const Instant at = localAt(d, m_rng.between(7 * 60, 22 * 60 - 1)) + std::chrono::seconds{m_rng.between(0, 59)};
                    if (at > m_now - minutes{10}) continue;
                    oneDefect(tile, cat, at);
                }
            }
        }
    }

    std::string placeOf(std::size_t a) const
    {
        const Asset& asset = m_city.assets[a];
        const std::size_t s = m_city.assetStreet[a];
        return m_city.streets[s].name + sideLabel(m_city.info[s], asset.side) + " " + asset.code;
    }

    void oneDefect(std::size_t tile, const CategoryInfo& cat, Instant at)
    {
        const auto kind = categoryKind(cat.category);
        const auto& pool = m_city.tileAssets[tile][static_cast<std::size_t>(*kind)];
        const std::size_t a = pool[m_rng.below(pool.size())];
        const Asset& asset = m_city.assets[a];

        DefectPlan d;
        d.report.category = cat.category;
        d.report.severity = cat.category == DefectCategory::CoverMissing ? 4
                            : cat.category == DefectCategory::TripHazard  ? m_rng.between(3, 4)
                                                                         : m_rng.between(1, 3);
        const std::size_t src = m_rng.weighted({25, 15, 35, 25});
        d.report.source = static_cast<DefectSource>(src);
        d.report.assetId = asset.id;
        d.report.location = asset.geometry.front();
        d.report.description = placeOf(a) + "：" + m_rng.pick(cat.texts);
        d.report.reportedAt = at;
        const int tileInt = static_cast<int>(tile);
        switch (d.report.source) {
        case DefectSource::Crew: {
            const auto& crews = m_tileCrews.at({tileInt, cat.skill});
            d.report.reportedBy = user(m_rng.pick(m_staff.info[m_rng.pick(crews)].members)).id;
            break;
        }
        case DefectSource::Dispatcher: d.report.reportedBy = user(m_rng.pick(m_staff.dispatchers)).id; break;
        case DefectSource::Inspection: d.report.reportedBy = user(m_rng.pick(m_staff.supervisors)).id; break;
        case DefectSource::Citizen: {
            char ext[40];
            std::snprintf(ext, sizeof ext, "12345-%s-%05zu", formatDate(m_cityTime.localDate(at)).c_str(),
                          m_defects.size() + 1);
            d.report.externalId = ext;
            break;
        }
        }

        // Triage: minutes for immediate hazards, hours to two days otherwise.
        const Instant triagedAt =
            at + (d.report.severity == 4 ? minutes{m_rng.between(10, 60)} : minutes{m_rng.between(60, 48 * 60)});
        d.report.meta.createdAt = at;
        if (triagedAt > m_now) {
            d.report.status = m_rng.chance(0.5) ? DefectStatus::New : DefectStatus::Triaged;
            d.report.meta.updatedAt = d.report.status == DefectStatus::New ? at : std::min(m_now, at + minutes{30});
            m_defects.push_back(std::move(d));
            return;
        }
        d.report.meta.updatedAt = triagedAt;
        if (m_rng.chance(0.05)) {
            d.report.status = DefectStatus::Rejected;
            d.report.rejectReason = m_rng.pick(RejectReasons);
            m_defects.push_back(std::move(d));
            return;
        }
        d.report.status = DefectStatus::Converted;
        const std::size_t self = m_defects.size();
        m_defects.push_back(std::move(d));
        convert(self, a, cat, tileInt, triagedAt);

        // Neighbours often report the same thing again.
        if (m_rng.chance(0.08)) {
            const Instant again = at + minutes{m_rng.between(60, 20 * 60)};
            if (again > m_now - minutes{10}) return;
            DefectPlan dup;
            dup.report = m_defects[self].report;
            dup.report.source = DefectSource::Citizen;
            dup.report.reportedBy.reset();
            char ext[40];
            std::snprintf(ext, sizeof ext, "12345-%s-%05zu", formatDate(m_cityTime.localDate(again)).c_str(),
                          m_defects.size() + 1);
            dup.report.externalId = ext;
            dup.report.reportedAt = again;
            dup.report.status = DefectStatus::Duplicate;
            dup.duplicateOf = static_cast<int>(self);
            dup.report.meta.createdAt = again;
            dup.report.meta.updatedAt = std::min(m_now, again + minutes{m_rng.between(30, 240)});
            m_defects.push_back(std::move(dup));
        }
    }

    void convert(std::size_t defect, std::size_t a, const CategoryInfo& cat, int tile, Instant createdAt)
    {
        const DefectReport& r = m_defects[defect].report;
        WorkOrder o;
        o.title = placeOf(a) + " " + cat.what;
        o.description = r.description;
        o.type = r.severity == 4 && cat.category == DefectCategory::TripHazard ? WorkType::MakeSafe : cat.type;
        o.priority = 5 - r.severity;
        o.trafficImpact = cat.traffic;
        o.estimatedMinutes = cat.minutesNeeded;
        o.requiredSkills = {cat.skill};
        o.requiredEquipment = {cat.equipment};
        static const int dueDays[] = {30, 14, 3, 1};
        o.dueDate = addDays(m_cityTime.localDate(createdAt), dueDays[r.severity - 1]);
        const Instant earliest = r.severity == 4 ? createdAt + hours{2}
                                 : createdAt + days{m_rng.between(1, r.severity == 3 ? 3 : 10)};
        addOrder(std::move(o), {a}, {defect}, -1, createdAt, m_tileCrews.at({tile, cat.skill}), earliest, 0.03, 0.03);
    }

    // ---- work orders ---------------------------------------------------------------------

    std::size_t addOrder(WorkOrder o, const std::vector<std::size_t>& assets, std::vector<std::size_t> defects,
                         int programme, Instant createdAt, const std::vector<std::size_t>& crews, Instant earliest,
                         double cancelShare, double holdShare)
    {
        OrderPlan p;
        for (std::size_t a : assets) o.assetIds.push_back(m_city.assets[a].id);
        p.programme = programme;
        p.defects = std::move(defects);
        p.createdAt = createdAt;
        o.meta.createdAt = createdAt;
        const std::size_t idx = m_orders.size();
        for (std::size_t d : p.defects) m_defects[d].order = static_cast<int>(idx);

        const Fate fate = decideFate(p, o, crews, earliest, cancelShare, holdShare);
        p.order = std::move(o);
        m_fates.push_back(fate);
        m_orders.push_back(std::move(p));
        return idx;
    }

    Fate decideFate(OrderPlan& p, WorkOrder& o, const std::vector<std::size_t>& crews, Instant earliest,
                    double cancelShare, double holdShare)
    {
        const bool fresh = p.createdAt > m_now - hours{72};
        if (fresh && p.programme < 0 && m_rng.chance(0.3)) return m_rng.chance(0.5) ? Fate::Draft : Fate::Ready;
        if (m_rng.chance(cancelShare)) return Fate::Cancelled;
        const std::optional<Slot> slot = m_slots.find(crews, std::max(earliest, p.createdAt + hours{2}), o.estimatedMinutes);
        if (!slot || slot->date > addDays(m_today, RosterDaysAfter - 1)) return Fate::Ready; // beyond the roster
        p.crew = slot->crew;
        p.assigned = true;
        p.shiftEnd = slot->shiftEnd;
        o.assignment.crewId = m_staff.crews[slot->crew].id;
        o.assignment.shiftDate = slot->date;
        o.assignment.plannedStart = slot->start;
        o.assignment.plannedEnd = slot->end;
        o.assignment.routeOrder = slot->route;
        const bool recent = slot->date >= addDays(m_today, -60);
        if (recent && slot->start > p.createdAt + hours{4} && m_rng.chance(holdShare)) return Fate::OnHold;
        if (slot->start > m_now) return Fate::Scheduled;
        // Actual times: a few minutes late, a little shorter or longer than planned, never past
        // the end of the shift.
        const Instant start = slot->start + minutes{m_rng.between(0, 10)};
        if (start > m_now) return Fate::Scheduled;
        const auto planned = std::chrono::duration_cast<minutes>(slot->end - slot->start).count();
        const Instant end = std::min(start + minutes{static_cast<int>(planned * m_rng.uniform(0.85, 1.1))},
                                     slot->shiftEnd - minutes{1});
        o.actualStart = start;
        if (end > m_now) return Fate::InProgress;
        // A crew back from last night's shift has not always synced its completion yet.
        if (slot->shiftEnd > m_now - hours{30} && m_rng.chance(0.5)) return Fate::InProgress;
        o.actualEnd = end;
        const Instant verifyAt = end + minutes{m_rng.between(20 * 60, 72 * 60)};
        if (verifyAt > m_now || m_rng.chance(0.03)) return Fate::Completed;
        o.verifiedBy = user(m_rng.pick(m_staff.supervisors)).id; // provisional: the walk sets the real one
        m_verifyAtByOrder[m_orders.size()] = verifyAt;
        return Fate::Verified;
    }

    void fillCompletion(OrderPlan& p)
    {
        WorkOrder& o = p.order;
        const CrewInfo& crew = m_staff.info[p.crew];
        const double hoursWorked =
            std::max(0.5, std::round(std::chrono::duration<double, std::ratio<3600>>(*o.actualEnd - *o.actualStart).count() * 2) / 2);
        const std::size_t workers = std::min<std::size_t>(crew.members.size(), 3);
        for (std::size_t k = 0; k < workers; ++k) {
            const User& u = user(crew.members[k]);
            o.labour.push_back({Uuid{}, u.id, u.displayName, hoursWorked});
        }
        const std::size_t n = o.assetIds.size();
        auto qty = [&](std::string measure, double q, std::string unit) {
            o.quantities.push_back({Uuid{}, std::move(measure), q, std::move(unit)});
        };
        auto mat = [&](std::string material, double q, std::string unit) {
            o.materials.push_back({Uuid{}, std::move(material), q, std::move(unit)});
        };
        const std::string skill = crew.skill;
        if (o.type == WorkType::Cleaning) {
            qty("inlets_cleaned", static_cast<double>(n), "pcs");
            mat("淤泥外运", round1(0.06 * static_cast<double>(n) + 0.1), "t");
        } else if (skill == "paving") {
            double area = round1(m_rng.uniform(2, 12));
            const std::size_t a = m_assetIndex.at(o.assetIds.front());
            if (p.programme >= 0) area = *std::get<SidewalkAttributes>(m_city.assets[a].attributes).areaM2;
            qty("m2_relaid", area, "m2");
            mat("花岗岩人行道砖 300x300", std::ceil(area / 0.09), "pcs");
            mat("中砂", round1(area * 0.05), "m3");
        } else if (skill == "inlet_cleaning") {
            qty("grates_replaced", 1, "pcs");
            mat("球墨铸铁雨水箅子", 1, "pcs");
        } else if (skill == "manhole") {
            if (o.type == WorkType::Replacement) {
                qty("covers_replaced", 1, "pcs");
                mat("防沉降球墨铸铁井盖 D400", 1, "pcs");
            } else {
                qty("covers_reset", 1, "pcs");
                mat("橡胶减震垫圈", 1, "pcs");
            }
            mat("快硬混凝土", 0.3, "m3");
        } else if (skill == "dredging") {
            const std::size_t a = m_assetIndex.at(o.assetIds.front());
            const double len = std::get<PipeAttributes>(m_city.assets[a].attributes).lengthM.value_or(50);
            qty("m_dredged", len, "m");
            mat("淤泥外运", round1(len * 0.02), "t");
        } else {
            qty(o.trafficImpact == TrafficImpact::RoadClosure ? "m2_deck_repaired" : "m_repaired",
                round1(m_rng.uniform(3, 20)), o.trafficImpact == TrafficImpact::RoadClosure ? "m2" : "m");
            mat("改性沥青混凝土", round1(m_rng.uniform(0.5, 2)), "t");
        }
        if (m_rng.chance(0.3)) o.notes.push_back({Uuid{}, user(crew.members.front()).id, *o.actualEnd, "已完工，现场清理完毕"});
    }

    // Actor for a transition: the preferred role the rule allows.
    rules::Actor actorFor(const rules::TransitionRule& rule, WorkOrderStatus to, const OrderPlan& p)
    {
        static const std::vector<Role> crewFirst = {Role::FieldCrew, Role::Dispatcher, Role::Supervisor, Role::Admin};
        static const std::vector<Role> supervisorFirst = {Role::Supervisor, Role::Dispatcher, Role::Admin, Role::FieldCrew};
        static const std::vector<Role> dispatcherFirst = {Role::Dispatcher, Role::Supervisor, Role::Admin, Role::FieldCrew};
        const auto& prefs = to == WorkOrderStatus::InProgress || to == WorkOrderStatus::Completed ? crewFirst
                            : to == WorkOrderStatus::Verified                                     ? supervisorFirst
                                                                                                   : dispatcherFirst;
        for (Role r : prefs) {
            if (std::find(rule.roles.begin(), rule.roles.end(), r) == rule.roles.end()) continue;
            switch (r) {
            case Role::FieldCrew:
                if (!p.assigned) continue;
                return {user(m_staff.info[p.crew].members.front()).id, r, m_staff.crews[p.crew].id};
            case Role::Dispatcher: return {user(m_staff.dispatchers[p.order.priority % 2]).id, r, std::nullopt};
            case Role::Supervisor: return {user(m_rng.pick(m_staff.supervisors)).id, r, std::nullopt};
            case Role::Admin: return {user(m_staff.admin).id, r, std::nullopt};
            }
        }
        throw std::logic_error("demo: no actor for transition to " + std::string(enumName(to)));
    }

    void step(OrderPlan& p, std::size_t orderIndex, WorkOrderStatus to, Instant at, const std::string& reason = {})
    {
        WorkOrder& o = p.order;
        const rules::TransitionRule* rule = rules::findTransition(o.status, to);
        if (!rule)
            throw std::logic_error("demo: no transition " + std::string(enumName(o.status)) + " -> " +
                                   std::string(enumName(to)));
        const rules::Actor actor = actorFor(*rule, to, p);
        if (to == WorkOrderStatus::Verified) o.verifiedBy = actor.userId;
        if (!reason.empty()) o.holdReason = reason;
        const Status st = rules::checkTransition(o, to, actor, reason);
        if (!st.ok()) {
            std::string detail = st.error().code;
            for (const auto& f : st.error().fields) detail += " " + f.field + ":" + f.code;
            throw std::logic_error("demo: transition " + std::string(enumName(o.status)) + " -> " +
                                   std::string(enumName(to)) + " refused: " + detail);
        }
        m_out.transitions.push_back({Uuid{}, o.status, to, actor.userId, actor.role, actor.crewId, at, reason});
        m_transitionOrder.push_back(orderIndex);
        o.status = to;
        o.meta.updatedAt = at;
    }

    void walk(OrderPlan& p)
    {
        const std::size_t idx = static_cast<std::size_t>(&p - m_orders.data());
        const Fate fate = m_fates[idx];
        WorkOrder& o = p.order;
        // Edits are applied just before the transition that needs them; keep the final values aside.
        const Assignment assignment = o.assignment;
        const auto actualStart = o.actualStart;
        const auto actualEnd = o.actualEnd;
        o.assignment = {};
        o.actualStart.reset();
        o.actualEnd.reset();
        o.verifiedBy.reset();
        o.status = WorkOrderStatus::Draft;
        o.meta.updatedAt = p.createdAt;
        if (!p.assigned && fate != Fate::Draft && fate != Fate::Ready && fate != Fate::Cancelled)
            throw std::logic_error("demo: unassigned order with a scheduled fate");

        if (fate == Fate::Draft) return;
        const Instant readyAt = std::min(p.createdAt + minutes{m_rng.between(5, 60)}, m_now);
        step(p, idx, WorkOrderStatus::Ready, readyAt);
        if (fate == Fate::Ready) return;
        if (fate == Fate::Cancelled) {
            step(p, idx, WorkOrderStatus::Cancelled, std::min(readyAt + hours{m_rng.between(2, 72)}, m_now),
                 m_rng.pick(CancelReasons));
            return;
        }
        const Instant plannedStart = *assignment.plannedStart;
        const Instant scheduledAt =
            std::min({std::max(readyAt + minutes{5}, plannedStart - hours{m_rng.between(6, 72)}), m_now, plannedStart});
        o.assignment = assignment;
        step(p, idx, WorkOrderStatus::Scheduled, scheduledAt);
        if (fate == Fate::Scheduled) return;
        if (fate == Fate::OnHold) {
            step(p, idx, WorkOrderStatus::OnHold, std::min(std::max(scheduledAt, plannedStart - hours{2}), m_now),
                 m_rng.pick(HoldReasons));
            return;
        }
        o.actualStart = actualStart;
        step(p, idx, WorkOrderStatus::InProgress, *actualStart);
        if (fate == Fate::InProgress) return;
        o.actualEnd = actualEnd;
        fillCompletion(p);
        step(p, idx, WorkOrderStatus::Completed, *actualEnd);
        for (std::size_t a : indicesOf(o.assetIds)) markCleaned(p, a);
        if (fate == Fate::Completed) return;
        step(p, idx, WorkOrderStatus::Verified, m_verifyAtByOrder.at(idx));
    }

    std::vector<std::size_t> indicesOf(const std::vector<Uuid>& ids) const
    {
        std::vector<std::size_t> out;
        for (const Uuid& id : ids) out.push_back(m_assetIndex.at(id));
        return out;
    }

    void markCleaned(const OrderPlan& p, std::size_t a)
    {
        Asset& asset = m_city.assets[a];
        if (asset.kind != AssetKind::StormInlet || p.order.type != WorkType::Cleaning) return;
        auto& attrs = std::get<StormInletAttributes>(asset.attributes);
        const Date done = m_cityTime.localDate(*p.order.actualEnd);
        if (!attrs.lastCleaned || *attrs.lastCleaned < done) attrs.lastCleaned = done;
        asset.meta.updatedAt = std::max(asset.meta.updatedAt, *p.order.actualEnd);
    }

    // ---- roster --------------------------------------------------------------------------

    void roster()
    {
        for (std::size_t c = 0; c < m_staff.crews.size(); ++c) {
            for (int i = -RosterDaysBefore; i < RosterDaysAfter; ++i) {
                const Date d = addDays(m_today, i);
                if (!m_staff.works(c, d)) continue;
                CrewShift s;
                s.crewId = m_staff.crews[c].id;
                s.date = d;
                s.kind = m_staff.info[c].shift;
                // Published a week ahead.
                s.meta.createdAt = std::min(localAt(addDays(d, -7), 9 * 60), m_now - hours{1});
                s.meta.updatedAt = s.meta.createdAt;
                m_out.crewShifts.push_back(s);
            }
        }
    }

    // ---- ids -----------------------------------------------------------------------------

    void assignIds()
    {
        enum Kind { ProgrammeRow, ShiftRow, DefectRow, OrderRow };
        std::vector<std::tuple<Instant, int, std::size_t>> events;
        for (std::size_t i = 0; i < m_out.programmes.size(); ++i)
            events.emplace_back(m_out.programmes[i].meta.createdAt, ProgrammeRow, i);
        for (std::size_t i = 0; i < m_out.crewShifts.size(); ++i)
            events.emplace_back(m_out.crewShifts[i].meta.createdAt, ShiftRow, i);
        for (std::size_t i = 0; i < m_defects.size(); ++i) events.emplace_back(m_defects[i].report.meta.createdAt, DefectRow, i);
        for (std::size_t i = 0; i < m_orders.size(); ++i) events.emplace_back(m_orders[i].createdAt, OrderRow, i);
        std::sort(events.begin(), events.end());

        std::vector<Uuid> defectIds(m_defects.size()), orderIds(m_orders.size());
        std::vector<std::size_t> orderPosition(m_orders.size());
        std::map<int, int> numberPerYear;
        for (const auto& [at, kind, i] : events) {
            m_clock.set(std::max(m_clock.now(), at));
            switch (kind) {
            case ProgrammeRow: m_out.programmes[i].id = m_ids.next(); break;
            case ShiftRow: m_out.crewShifts[i].id = m_ids.next(); break;
            case DefectRow: defectIds[i] = m_ids.next(); break;
            case OrderRow: {
                WorkOrder& o = m_orders[i].order;
                o.id = m_ids.next();
                orderIds[i] = o.id;
                for (auto& l : o.labour) l.id = m_ids.next();
                for (auto& l : o.materials) l.id = m_ids.next();
                for (auto& l : o.quantities) l.id = m_ids.next();
                for (auto& l : o.notes) l.id = m_ids.next();
                const int y = int(m_cityTime.localDate(at).year());
                char number[32];
                std::snprintf(number, sizeof number, "WO-%04d-%06d", y, ++numberPerYear[y]);
                o.number = number;
                orderPosition[i] = m_out.workOrders.size();
                m_out.workOrders.push_back(WorkOrder{}); // filled below, in creation order
                break;
            }
            }
        }
        for (std::size_t i = 0; i < m_orders.size(); ++i) {
            OrderPlan& p = m_orders[i];
            if (p.programme >= 0) p.order.programmeId = m_out.programmes[static_cast<std::size_t>(p.programme)].id;
            for (std::size_t d : p.defects) p.order.defectIds.push_back(defectIds[d]);
            m_out.workOrders[orderPosition[i]] = std::move(p.order);
        }
        for (std::size_t t = 0; t < m_out.transitions.size(); ++t) m_out.transitions[t].workOrderId = orderIds[m_transitionOrder[t]];
        // Transitions grouped by work order in creation order, each order's steps oldest first.
        std::vector<std::size_t> perm(m_out.transitions.size());
        for (std::size_t t = 0; t < perm.size(); ++t) perm[t] = t;
        std::stable_sort(perm.begin(), perm.end(), [&](std::size_t a, std::size_t b) {
            return orderPosition[m_transitionOrder[a]] < orderPosition[m_transitionOrder[b]];
        });
        std::vector<DemoTransition> sorted;
        sorted.reserve(perm.size());
        for (std::size_t t : perm) sorted.push_back(std::move(m_out.transitions[t]));
        m_out.transitions = std::move(sorted);

        for (const auto& [at, kind, i] : events) {
            if (kind != DefectRow) continue;
            DefectPlan& d = m_defects[i];
            d.report.id = defectIds[i];
            if (d.order >= 0) d.report.workOrderId = orderIds[static_cast<std::size_t>(d.order)];
            if (d.duplicateOf >= 0) d.report.duplicateOf = defectIds[static_cast<std::size_t>(d.duplicateOf)];
            m_out.defects.push_back(std::move(d.report));
        }
    }

    CityLayout& m_city;
    const DemoStaff& m_staff;
    DemoRandom m_rng;
    ManualClock& m_clock;
    UuidGenerator& m_ids;
    Instant m_now;
    CityTime m_cityTime;
    Date m_today;
    Date m_historyFrom;
    CrewSlots m_slots;
    std::map<std::pair<int, std::string>, std::vector<std::size_t>> m_tileCrews;
    std::unordered_map<Uuid, std::size_t> m_assetIndex;
    std::vector<OrderPlan> m_orders;
    std::vector<Fate> m_fates;
    std::vector<DefectPlan> m_defects;
    std::vector<std::size_t> m_transitionOrder;
    std::map<std::size_t, Instant> m_verifyAtByOrder;
    DemoHistory m_out;
};

} // namespace

DemoHistory buildHistory(CityLayout& city, const DemoStaff& staff, DemoRandom rng, ManualClock& clock,
                         UuidGenerator& ids, Instant now)
{
    return HistoryBuilder(city, staff, rng, clock, ids, now).build();
}

} // namespace yanghu::demo
