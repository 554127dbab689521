// SPDX-License-Identifier: MIT
#include "yanghu/core/plan/FromDomain.h"

#include <algorithm>
#include <unordered_map>

namespace yanghu::plan {

namespace {

int daysBetween(Date from, Date to)
{
    return static_cast<int>((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count());
}

Date plusDays(Date date, int days)
{
    return Date{std::chrono::sys_days(date) + std::chrono::days(days)};
}

// Names to bits, in first-seen order (at most 32 of each; the rest are ignored with their jobs
// then unplaceable: no crew can have an unnamed bit).
class BitNames {
public:
    explicit BitNames(std::vector<std::string>& names) : m_names(names) {}
    std::uint32_t bitsOf(const std::vector<std::string>& names)
    {
        std::uint32_t bits = 0;
        for (const std::string& name : names) {
            auto it = std::find(m_names.begin(), m_names.end(), name);
            if (it == m_names.end()) {
                if (m_names.size() >= 32) {
                    bits |= 0x80000000U; // an overflow bit no crew has
                    continue;
                }
                m_names.push_back(name);
                it = m_names.end() - 1;
            }
            bits |= 1U << static_cast<int>(it - m_names.begin());
        }
        return bits;
    }

private:
    std::vector<std::string>& m_names;
};

GeoPoint siteOf(const Asset& asset)
{
    if (asset.geometry.empty()) return {};
    return asset.geometry[asset.geometry.size() / 2]; // a linear asset's middle vertex
}

// Minutes from the start of night `date`'s shift to `at` (the shift's end when absent), within the shift.
std::int64_t minuteInShift(const PlanningInput& in, int shiftMinutes, Date date, const std::optional<Instant>& at,
                           std::int64_t absent)
{
    if (!at) return absent;
    const Instant shiftStart = in.calendar.cityTime.at(date, in.calendar.night.start);
    const auto minutes = std::chrono::ceil<std::chrono::minutes>(*at - shiftStart).count();
    return std::clamp<std::int64_t>(minutes, 0, shiftMinutes);
}

// See buildProblem in the header for what each predecessor and follower means.
void linkPredecessors(const PlanningInput& in, const std::vector<const WorkOrder*>& jobOrders, PlanningProblem& out)
{
    Problem& p = out.problem;
    const int shift = p.rules.shiftMinutes;
    std::unordered_map<Uuid, int> jobOf;
    for (std::size_t j = 0; j < out.orderIds.size(); ++j) jobOf[out.orderIds[j]] = static_cast<int>(j);
    std::unordered_map<Uuid, const WorkOrder*> known;
    for (const WorkOrder& o : in.predecessors) known[o.id] = &o;
    for (const WorkOrder& o : in.orders) known[o.id] = &o;
    const auto nightOf = [&](const Assignment& a) {
        return a.shiftDate ? std::optional<int>(daysBetween(in.from, *a.shiftDate)) : std::nullopt;
    };
    for (std::size_t j = 0; j < jobOrders.size(); ++j) {
        const WorkOrder& order = *jobOrders[j];
        if (!order.followsId) continue;
        Job& job = p.jobs[j];
        if (const auto planned = jobOf.find(*order.followsId); planned != jobOf.end()) {
            if (planned->second != static_cast<int>(j)) job.after.push_back(planned->second);
            continue;
        }
        const auto it = known.find(*order.followsId);
        if (it == known.end() || it->second->meta.deleted) continue;
        const WorkOrder& before = *it->second;
        switch (before.status) {
        case WorkOrderStatus::Completed:
        case WorkOrderStatus::Verified:
        case WorkOrderStatus::Cancelled:
            break;
        case WorkOrderStatus::Scheduled:
        case WorkOrderStatus::InProgress: {
            // Inside the window: it ends at its planned end (the shift's end when it has none).
            // Overdue from an earlier night, or after the window: not done when this plan runs.
            const std::optional<int> night = nightOf(before.assignment);
            if (!night || *night < 0 || *night >= p.rules.nights) {
                job.waitsFor = orderKey(before);
                break;
            }
            const Assignment& a = before.assignment;
            const std::int64_t end = minuteInShift(in, shift, *a.shiftDate, a.plannedEnd, shift);
            job.earliestStart = std::max(job.earliestStart, static_cast<int>(*night * kMinutesPerNight + end));
            break;
        }
        case WorkOrderStatus::Draft:
        case WorkOrderStatus::Ready:
        case WorkOrderStatus::OnHold:
            job.waitsFor = orderKey(before);
            break;
        }
    }
    // Scheduled work outside the plan that follows a planned job: the job ends before it starts.
    for (const WorkOrder& after : in.followers) {
        if (after.meta.deleted || after.status != WorkOrderStatus::Scheduled || !after.followsId) continue;
        const auto planned = jobOf.find(*after.followsId);
        const std::optional<int> night = nightOf(after.assignment);
        if (planned == jobOf.end() || !night || *night < 0 || *night >= p.rules.nights) continue;
        const Assignment& a = after.assignment;
        const std::int64_t start = minuteInShift(in, shift, *a.shiftDate, a.plannedStart, 0);
        Job& job = p.jobs[planned->second];
        job.latestEnd = std::min(job.latestEnd, static_cast<int>(*night * kMinutesPerNight + start));
    }
}

} // namespace

Rules planningRules(const PlanningSettings& settings, const ShiftWindow& night, int nights)
{
    Rules rules;
    rules.nights = std::max(0, nights);
    rules.shiftMinutes = night.lengthMinutes();
    auto offsetInShift = [&](MinuteOfDay local) {
        const int offset = local - night.start;
        return offset < 0 ? offset + 24 * 60 : offset;
    };
    rules.closureFrom = settings.closureFrom ? offsetInShift(*settings.closureFrom) : 0;
    rules.closureTo = settings.closureTo ? offsetInShift(*settings.closureTo) : rules.shiftMinutes;
    if (rules.closureTo <= rules.closureFrom) rules.closureTo = rules.closureFrom; // an empty window
    rules.closureTo = std::min(rules.closureTo, rules.shiftMinutes);
    rules.travelKmh = settings.travelKmh;
    rules.timeStep = settings.timeStep;
    rules.maxOpenSegmentsPerStreet = settings.maxOpenSegmentsPerStreet;
    return rules;
}

std::string orderKey(const WorkOrder& order)
{
    return order.number.empty() ? order.id.toString() : order.number;
}

bool closesTraffic(TrafficImpact impact)
{
    return impact == TrafficImpact::LaneClosure || impact == TrafficImpact::RoadClosure;
}

PlanningProblem buildProblem(const PlanningInput& in)
{
    PlanningProblem out;
    Problem& p = out.problem;
    const ShiftWindow& night = in.calendar.night;
    p.rules = planningRules(in.settings, night, in.nights);
    p.firstNight = in.from;
    p.shiftStartsAt = night.start;

    BitNames skills(p.skillNames);
    BitNames equipment(p.equipmentNames);

    // Crews and their nights.
    std::unordered_map<Uuid, int> crewIndex;
    for (const yanghu::Crew& crew : in.crews) {
        if (!crew.active || crew.meta.deleted) continue;
        plan::Crew c;
        c.key = crew.code;
        c.skills = skills.bitsOf(crew.skills);
        c.equipment = equipment.bitsOf(crew.equipment);
        c.depot = crew.depot.value_or(GeoPoint{});
        c.works.assign(p.rules.nights, in.roster.empty());
        crewIndex[crew.id] = static_cast<int>(p.crews.size());
        out.crewIds.push_back(crew.id);
        p.crews.push_back(std::move(c));
    }
    out.rosterAssumed = in.roster.empty();
    if (out.rosterAssumed) {
        for (int n = 0; n < p.rules.nights; ++n) {
            const Date date = plusDays(in.from, n);
            if (std::find(in.calendar.holidays.begin(), in.calendar.holidays.end(), date) == in.calendar.holidays.end())
                continue;
            for (auto& c : p.crews) c.works[n] = false;
        }
    }
    for (const CrewShift& shift : in.roster) {
        if (shift.kind != ShiftKind::Night || shift.meta.deleted) continue;
        const auto it = crewIndex.find(shift.crewId);
        const int n = daysBetween(in.from, shift.date);
        if (it == crewIndex.end() || n < 0 || n >= p.rules.nights) continue;
        p.crews[it->second].works[n] = true;
    }

    // Where things are: assets by id; each sidewalk segment's rank along its street side.
    std::unordered_map<Uuid, const Asset*> assets;
    for (const Asset& a : in.assets) assets[a.id] = &a;
    std::unordered_map<Uuid, int> streetIndex;
    for (const Street& s : in.streets) {
        streetIndex[s.id] = static_cast<int>(p.streetNames.size());
        p.streetNames.push_back(s.name);
    }
    std::map<std::pair<Uuid, int>, std::vector<const Asset*>> sides;
    for (const Asset& a : in.assets) {
        if (a.kind == AssetKind::SidewalkSegment && a.streetId && a.chainageFromM) {
            sides[{*a.streetId, static_cast<int>(a.side)}].push_back(&a);
        }
    }
    std::unordered_map<Uuid, int> segmentRank;
    for (auto& [key, list] : sides) {
        std::sort(list.begin(), list.end(),
                  [](const Asset* a, const Asset* b) { return *a->chainageFromM < *b->chainageFromM; });
        for (std::size_t i = 0; i < list.size(); ++i) segmentRank[list[i]->id] = static_cast<int>(i);
    }
    std::unordered_map<Uuid, const Programme*> programmes;
    for (const Programme& prog : in.programmes) programmes[prog.id] = &prog;

    // A site for orders without a located asset: the middle of the others (so travel to it is
    // neither free nor absurd).
    GeoPoint centre{};
    int located = 0;
    for (const Asset& a : in.assets) {
        if (a.geometry.empty()) continue;
        centre.lon += siteOf(a).lon;
        centre.lat += siteOf(a).lat;
        ++located;
    }
    if (located > 0) centre = {centre.lon / located, centre.lat / located};

    const std::int64_t shiftEndOffset = p.rules.shiftMinutes;
    std::vector<const WorkOrder*> jobOrders; // per job
    for (const WorkOrder& order : in.orders) {
        if (order.meta.deleted) continue;
        if (order.status != WorkOrderStatus::Ready && order.status != WorkOrderStatus::Scheduled) continue;
        Job job;
        job.key = orderKey(order);
        job.duration = std::max(1, order.estimatedMinutes);
        job.skills = skills.bitsOf(order.requiredSkills);
        job.equipment = equipment.bitsOf(order.requiredEquipment);
        job.closure = closesTraffic(order.trafficImpact);
        job.weight = std::clamp(5 - order.priority, 1, 4);
        job.mandatory = order.priority == 1 || order.type == WorkType::MakeSafe;
        job.risk = order.type == WorkType::MakeSafe ? 5 : order.priority == 1 ? 5 : order.priority == 2 ? 2 : 0;
        job.site = centre;
        const Asset* first = nullptr;
        for (const Uuid& id : order.assetIds) {
            const auto it = assets.find(id);
            if (it != assets.end() && !it->second->geometry.empty()) {
                first = it->second;
                break;
            }
        }
        if (first != nullptr) {
            job.site = siteOf(*first);
            const auto rank = segmentRank.find(first->id);
            const auto street = first->streetId ? streetIndex.find(*first->streetId) : streetIndex.end();
            if (rank != segmentRank.end() && street != streetIndex.end()) {
                job.segment.street = street->second;
                job.segment.side = static_cast<int>(first->side);
                job.segment.index = rank->second;
                const auto* sidewalk = std::get_if<SidewalkAttributes>(&first->attributes);
                const bool pours = order.type == WorkType::Repair || order.type == WorkType::Replacement;
                if (pours && sidewalk != nullptr && sidewalk->pavingType == "concrete") {
                    job.segment.holdMinutes = in.settings.concreteCuringMinutes;
                }
            }
        }
        if (order.dueDate) job.dueNight = daysBetween(in.from, *order.dueDate);
        if (order.programmeId) {
            const auto it = programmes.find(*order.programmeId);
            if (it != programmes.end()) {
                // "Before the deadline": the last night that may hold the work starts the day before.
                const int lastNight = daysBetween(in.from, it->second->deadline) - 1;
                job.latestEnd = static_cast<int>(std::clamp<std::int64_t>(
                    std::int64_t{lastNight} * kMinutesPerNight + shiftEndOffset, INT_MIN / 2, INT_MAX / 2));
                if (!order.dueDate) job.dueNight = lastNight;
                if (it->second->startDate) {
                    job.earliestStart = std::max(0, daysBetween(in.from, *it->second->startDate) * kMinutesPerNight);
                }
            }
        }
        if (order.status == WorkOrderStatus::Scheduled && order.assignment.crewId && order.assignment.shiftDate) {
            const auto crew = crewIndex.find(*order.assignment.crewId);
            const int n = daysBetween(in.from, *order.assignment.shiftDate);
            if (n < 0 || n >= p.rules.nights) continue; // scheduled outside the window: not ours to move
            if (crew != crewIndex.end()) job.previous = PreviousSlot{crew->second, n};
        }
        out.orderIds.push_back(order.id);
        out.orderVersions.push_back(order.meta.rowVersion);
        p.jobs.push_back(std::move(job));
        jobOrders.push_back(&order);
    }
    linkPredecessors(in, jobOrders, out);
    for (std::size_t bit = 0; bit < p.equipmentNames.size(); ++bit) {
        const auto it = in.settings.equipmentPools.find(p.equipmentNames[bit]);
        if (p.rules.equipmentPool.size() <= bit) p.rules.equipmentPool.resize(bit + 1, 0);
        p.rules.equipmentPool[bit] = it == in.settings.equipmentPools.end() ? 0 : it->second;
    }
    return out;
}

std::map<Uuid, Assignment> assignmentsOf(const PlanningProblem& planning, const Plan& plan,
                                         const ShiftCalendar& calendar, Date from)
{
    std::map<Uuid, Assignment> out;
    for (int c = 0; c < static_cast<int>(planning.crewIds.size()); ++c) {
        for (int n = 0; n < planning.problem.rules.nights; ++n) {
            const std::vector<int> route = plan.route(c, n);
            const Date date = plusDays(from, n);
            for (std::size_t i = 0; i < route.size(); ++i) {
                const int j = route[i];
                const int start = plan.placements[j].start;
                Assignment a;
                a.crewId = planning.crewIds[c];
                a.shiftDate = date;
                a.plannedStart = calendar.cityTime.at(date, calendar.night.start + start);
                a.plannedEnd =
                    calendar.cityTime.at(date, calendar.night.start + start + planning.problem.jobs[j].duration);
                a.routeOrder = static_cast<int>(i) + 1;
                out[planning.orderIds[j]] = a;
            }
        }
    }
    return out;
}

} // namespace yanghu::plan
