// SPDX-License-Identifier: MIT
#include "planning/Planning.h"

#include "store/AssetRepository.h"
#include "store/CrewRepository.h"
#include "store/CrewShiftRepository.h"
#include "store/ProgrammeRepository.h"
#include "store/ShiftCalendarRepository.h"
#include "store/StreetRepository.h"
#include "store/WorkOrderRepository.h"

#include "yanghu/core/rules/ErrorCodes.h"

#include "yanghu/core/rules/Validation.h"

#include <algorithm>
#include <iomanip>
#include <set>
#include <sstream>

namespace yanghu::planning {

namespace {

template <class T, class Repo, class Filter>
Result<std::vector<T>> listAll(store::Tx& tx, Repo& repo, const Filter& filter)
{
    std::vector<T> all;
    store::PageRequest page;
    page.limit = store::PageRequest::maxLimit;
    for (;;) {
        auto result = repo.list(tx, filter, page);
        if (!result) return result.error();
        for (auto& item : result->items) all.push_back(std::move(item));
        if (result->nextCursor.empty()) return all;
        page.cursor = result->nextCursor;
    }
}

Date plusDays(Date date, int days)
{
    return Date{std::chrono::sys_days(date) + std::chrono::days(days)};
}

std::string keyOf(const WorkOrder& order)
{
    return order.number.empty() ? order.id.toString() : order.number;
}

} // namespace

Result<PlanOutcome> computePlan(store::Store& store, const PlanRequest& request)
{
    if (request.nights < 1 || request.nights > 31) {
        return Error::validation(
            {FieldError{"nights",
                        std::string(codes::OutOfRange),
                        {{"min", "1"}, {"max", "31"}, {"value", std::to_string(request.nights)}}}});
    }
    PlanOutcome out;
    out.request = request;
    plan::PlanningInput input;
    input.from = request.from;
    input.nights = request.nights;
    input.settings = request.settings;
    const Date last = plusDays(request.from, request.nights - 1);
    auto read = store.read([&](store::Tx& tx) -> Status {
        store::ShiftCalendarRepository calendars;
        auto calendarRows = calendars.list(tx, store::Where{}, store::PageRequest{});
        if (!calendarRows) return calendarRows.error();
        for (const ShiftCalendar& c : calendarRows->items) {
            if (c.name == "default" || input.calendar.id.isNil()) input.calendar = c;
        }

        store::CrewRepository crewRepo;
        auto crews = listAll<Crew>(tx, crewRepo, store::CrewFilter{});
        if (!crews) return crews.error();
        for (const std::string& code : request.crewCodes) {
            if (std::none_of(crews->begin(), crews->end(), [&](const Crew& c) { return c.code == code; })) {
                return Error::validation({FieldError{"crews", std::string(codes::NotFound), {{"code", code}}}});
            }
        }
        std::set<Uuid> chosen;
        for (Crew& crew : *crews) {
            const bool wanted =
                request.crewCodes.empty() ||
                std::find(request.crewCodes.begin(), request.crewCodes.end(), crew.code) != request.crewCodes.end();
            if (!wanted || !crew.active) continue;
            chosen.insert(crew.id);
            input.crews.push_back(crew);
        }

        store::CrewShiftRepository shiftRepo;
        store::CrewShiftFilter shiftFilter;
        shiftFilter.dateFrom = request.from;
        shiftFilter.dateTo = last;
        shiftFilter.kind = ShiftKind::Night;
        auto roster = listAll<CrewShift>(tx, shiftRepo, shiftFilter);
        if (!roster) return roster.error();
        for (CrewShift& shift : *roster) {
            if (chosen.count(shift.crewId) != 0) input.roster.push_back(shift);
        }

        store::WorkOrderRepository orderRepo;
        store::WorkOrderFilter ready;
        ready.status = WorkOrderStatus::Ready;
        auto readyOrders = listAll<WorkOrder>(tx, orderRepo, ready);
        if (!readyOrders) return readyOrders.error();
        input.orders = std::move(*readyOrders);
        store::WorkOrderFilter scheduled;
        scheduled.status = WorkOrderStatus::Scheduled;
        scheduled.shiftDateFrom = request.from;
        scheduled.shiftDateTo = last;
        auto scheduledOrders = listAll<WorkOrder>(tx, orderRepo, scheduled);
        if (!scheduledOrders) return scheduledOrders.error();
        // Scheduled work of crews outside this plan stays theirs.
        for (WorkOrder& order : *scheduledOrders) {
            if (order.assignment.crewId && chosen.count(*order.assignment.crewId) != 0)
                input.orders.push_back(std::move(order));
        }

        // Their assets, the streets of those, each street's sidewalk segments, their programmes.
        store::AssetRepository assetRepo;
        std::set<Uuid> assetIds;
        std::set<Uuid> programmeIds;
        for (const WorkOrder& order : input.orders) {
            assetIds.insert(order.assetIds.begin(), order.assetIds.end());
            if (order.programmeId) programmeIds.insert(*order.programmeId);
        }
        std::set<Uuid> streetIds;
        std::set<Uuid> sidewalkStreets;
        for (const Uuid& id : assetIds) {
            auto asset = assetRepo.get(tx, id);
            if (!asset) continue; // a link to a deleted asset: the order is planned without a site
            if (asset->streetId) {
                streetIds.insert(*asset->streetId);
                if (asset->kind == AssetKind::SidewalkSegment) sidewalkStreets.insert(*asset->streetId);
            }
            if (asset->kind != AssetKind::SidewalkSegment) input.assets.push_back(std::move(*asset));
        }
        for (const Uuid& street : sidewalkStreets) {
            store::AssetFilter filter;
            filter.kind = AssetKind::SidewalkSegment;
            filter.streetId = street;
            auto segments = listAll<Asset>(tx, assetRepo, filter);
            if (!segments) return segments.error();
            for (Asset& a : *segments) input.assets.push_back(std::move(a));
        }
        store::StreetRepository streetRepo;
        for (const Uuid& id : streetIds) {
            auto street = streetRepo.get(tx, id);
            if (street) input.streets.push_back(std::move(*street));
        }
        store::ProgrammeRepository programmeRepo;
        for (const Uuid& id : programmeIds) {
            auto programme = programmeRepo.get(tx, id);
            if (programme) input.programmes.push_back(std::move(*programme));
        }
        return success();
    });
    if (!read) return read.error();

    out.calendar = input.calendar;
    for (const Street& s : input.streets) out.streetNames[s.id] = s.name;
    out.planning = plan::buildProblem(input);
    // Per job and per planner crew, in the problem's order.
    std::map<Uuid, const WorkOrder*> byId;
    for (const WorkOrder& o : input.orders) byId[o.id] = &o;
    for (const Uuid& id : out.planning.orderIds) out.orders.push_back(*byId.at(id));
    std::map<Uuid, const Crew*> crewById;
    for (const Crew& c : input.crews) crewById[c.id] = &c;
    for (const Uuid& id : out.planning.crewIds) out.crews.push_back(*crewById.at(id));

    out.plan = plan::solve(out.planning.problem, request.options);
    out.assignments = plan::assignmentsOf(out.planning, out.plan, out.calendar, request.from);
    return out;
}

Result<ApplyReport> applyPlan(store::Tx& tx, const PlanOutcome& outcome, const rules::Actor& actor)
{
    store::WorkOrderRepository repo;
    std::vector<WorkOrder> current;
    std::string stale;
    int staleCount = 0;
    for (std::size_t j = 0; j < outcome.orders.size(); ++j) {
        auto order = repo.get(tx, outcome.orders[j].id, true);
        if (!order) return order.error();
        if (order->meta.rowVersion != outcome.orders[j].meta.rowVersion) {
            stale += (stale.empty() ? "" : ", ") + keyOf(*order);
            ++staleCount;
        }
        current.push_back(std::move(*order));
    }
    if (staleCount > 0) {
        return Error::of(std::string(codes::PlanStale), {{"orders", stale}, {"count", std::to_string(staleCount)}});
    }

    ApplyReport report;
    for (WorkOrder& order : current) {
        const std::int64_t version = order.meta.rowVersion;
        const auto planned = outcome.assignments.find(order.id);
        if (planned != outcome.assignments.end()) {
            if (order.status == WorkOrderStatus::Scheduled && order.assignment == planned->second) {
                ++report.unchanged;
                continue;
            }
            const bool wasScheduled = order.status == WorkOrderStatus::Scheduled;
            order.assignment = planned->second;
            if (!wasScheduled) {
                if (auto allowed = rules::checkTransition(order, WorkOrderStatus::Scheduled, actor); !allowed)
                    return allowed.error();
                order.status = WorkOrderStatus::Scheduled;
            }
            if (auto problems = rules::validateWorkOrder(order); !problems.empty())
                return Error::validation(std::move(problems));
            if (auto updated = repo.update(tx, std::move(order), version); !updated) return updated.error();
            ++(wasScheduled ? report.moved : report.scheduled);
        } else if (order.status == WorkOrderStatus::Scheduled) {
            if (auto allowed = rules::checkTransition(order, WorkOrderStatus::Ready, actor); !allowed)
                return allowed.error();
            order.status = WorkOrderStatus::Ready;
            order.assignment = Assignment{};
            if (auto updated = repo.update(tx, std::move(order), version); !updated) return updated.error();
            ++report.unscheduled;
        } else {
            ++report.unchanged;
        }
    }
    return report;
}

namespace {

// The skill a programme's asset kind asks of a crew.
std::string skillFor(AssetKind kind)
{
    switch (kind) {
    case AssetKind::StormInlet:
        return "inlet_cleaning";
    case AssetKind::Manhole:
        return "manhole";
    case AssetKind::SidewalkSegment:
        return "paving";
    case AssetKind::PipeSegment:
        return "dredging";
    case AssetKind::Bridge:
        return "bridge";
    }
    return "";
}

} // namespace

Result<ForecastOutcome> forecastProgramme(store::Store& store, const ForecastRequest& request)
{
    ForecastOutcome out;
    std::vector<Asset> assets;
    std::vector<Crew> crews;
    auto read = store.read([&](store::Tx& tx) -> Status {
        store::ProgrammeRepository programmes;
        auto all = listAll<Programme>(tx, programmes, store::ProgrammeFilter{});
        if (!all) return all.error();
        const auto found =
            std::find_if(all->begin(), all->end(), [&](const Programme& p) { return p.code == request.programmeCode; });
        if (found == all->end()) return Error::of(std::string(codes::NotFound), {{"code", request.programmeCode}});
        out.programme = *found;
        store::AssetRepository assetRepo;
        if (!out.programme.assetIds.empty()) {
            for (const Uuid& id : out.programme.assetIds) {
                if (auto a = assetRepo.get(tx, id)) assets.push_back(std::move(*a));
            }
        } else {
            std::vector<std::optional<std::string>> districts;
            for (const std::string& d : out.programme.districts) districts.emplace_back(d);
            if (districts.empty()) districts.emplace_back(std::nullopt);
            for (const auto& district : districts) {
                store::AssetFilter filter;
                filter.kind = out.programme.assetKind;
                filter.district = district;
                filter.status = AssetStatus::InService;
                auto inDistrict = listAll<Asset>(tx, assetRepo, filter);
                if (!inDistrict) return inDistrict.error();
                for (Asset& a : *inDistrict) assets.push_back(std::move(a));
            }
        }
        store::CrewRepository crewRepo;
        auto allCrews = listAll<Crew>(tx, crewRepo, store::CrewFilter{});
        if (!allCrews) return allCrews.error();
        crews = std::move(*allCrews);
        return success();
    });
    if (!read) return read.error();
    const int nights =
        static_cast<int>((std::chrono::sys_days(out.programme.deadline) - std::chrono::sys_days(request.from)).count());
    if (nights < 1) {
        return Error::validation({FieldError{"from", std::string(codes::OrderInvalid), {{"before", "deadline"}}}});
    }
    out.nights = nights;
    out.assets = static_cast<int>(assets.size());
    for (const Asset& a : assets) out.unlocated += a.geometry.empty() ? 1 : 0;
    const std::vector<plan::Batch> batches = plan::batchAssets(assets, request.batches);

    plan::Problem p;
    const std::string skill = out.programme.assetKind ? skillFor(*out.programme.assetKind) : std::string();
    p.skillNames = {skill};
    p.firstNight = request.from;
    p.rules.nights = nights;
    for (const Crew& crew : crews) {
        if (!crew.active || std::find(crew.skills.begin(), crew.skills.end(), skill) == crew.skills.end()) continue;
        plan::Crew c;
        c.key = crew.code;
        c.skills = 1U;
        c.depot = crew.depot.value_or(GeoPoint{});
        c.works.assign(nights, false);
        for (int n = 0; n < nights; ++n) c.works[n] = n % 7 < request.nightsPerWeek;
        out.crewCodes.push_back(crew.code);
        p.crews.push_back(std::move(c));
    }
    for (std::size_t b = 0; b < batches.size(); ++b) {
        plan::Job job;
        job.key = out.programme.code + "-" + std::to_string(b + 1);
        job.duration = batches[b].minutes;
        job.skills = 1U;
        job.site = batches[b].start;
        job.dueNight = 0; // a forecast asks how soon
        job.latestEnd = (nights - 1) * plan::kMinutesPerNight + p.rules.shiftMinutes;
        p.jobs.push_back(std::move(job));
    }
    const plan::Plan result = plan::solve(p, request.options);
    out.forecast = plan::forecastProgramme(p, result, 0, static_cast<int>(p.jobs.size()));
    out.planMs = result.stats.totalMs;
    return out;
}

std::string formatForecast(const ForecastOutcome& o)
{
    std::ostringstream out;
    out << o.programme.code << " " << o.programme.name << ": " << o.assets << " assets";
    if (o.unlocated > 0) out << " (" << o.unlocated << " without a location, left out)";
    out << " in " << o.forecast.batches << " night-sized batches; deadline " << formatDate(o.programme.deadline)
        << "\n";
    out << "crews: ";
    for (std::size_t i = 0; i < o.crewCodes.size(); ++i) out << (i ? ", " : "") << o.crewCodes[i];
    if (o.crewCodes.empty()) out << "none with the skill";
    out << "; " << o.nights << " nights from " << formatDate(plusDays(o.programme.deadline, -o.nights)) << "\n";
    if (o.forecast.finishNight) {
        out << "finishes on the night of "
            << formatDate(plusDays(o.programme.deadline, -o.nights + *o.forecast.finishNight)) << " ("
            << o.forecast.placed << " batches planned)\n";
    } else {
        out << "does not finish before the deadline: " << o.forecast.placed << " of " << o.forecast.batches
            << " batches fit; " << o.forecast.missingCrewNights << " more crew-nights are needed\n";
    }
    return out.str();
}

std::string formatPlan(const PlanOutcome& outcome)
{
    std::ostringstream out;
    const plan::Problem& p = outcome.planning.problem;
    const CityTime& city = outcome.calendar.cityTime;
    int placed = 0;
    for (const auto& pl : outcome.plan.placements) placed += pl.placed() ? 1 : 0;
    out << "plan for " << outcome.request.nights << " night" << (outcome.request.nights == 1 ? "" : "s") << " from "
        << formatDate(outcome.request.from) << ": " << placed << " of " << p.jobs.size() << " orders placed, "
        << outcome.plan.unplaced.size() << " unplaced";
    if (outcome.planning.rosterAssumed) out << " (no night roster in the window: every crew every night)";
    out << "\n";
    auto clock = [&](const std::optional<Instant>& at) {
        return at ? formatMinuteOfDay(city.localMinuteOfDay(*at)) : "--:--";
    };
    for (std::size_t c = 0; c < outcome.crews.size(); ++c) {
        for (int n = 0; n < p.rules.nights; ++n) {
            const auto route = outcome.plan.route(static_cast<int>(c), n);
            if (route.empty()) continue;
            out << "\n"
                << outcome.crews[c].code << " " << outcome.crews[c].name << ", night of "
                << formatDate(plusDays(outcome.request.from, n)) << "\n";
            for (int j : route) {
                const WorkOrder& order = outcome.orders[j];
                const Assignment& a = outcome.assignments.at(order.id);
                out << "  " << clock(a.plannedStart) << "–" << clock(a.plannedEnd) << "  " << keyOf(order) << "  P"
                    << order.priority << "  " << order.title;
                if (p.jobs[j].closure) out << "  [" << enumName(order.trafficImpact) << "]";
                out << "\n";
            }
        }
    }
    if (!outcome.plan.unplaced.empty()) out << "\nunplaced:\n";
    for (const plan::Unplaced& u : outcome.plan.unplaced) {
        const WorkOrder& order = outcome.orders[u.job];
        out << "  " << keyOf(order) << "  P" << order.priority << "  " << order.title << ": " << plan::describe(p, u)
            << "\n";
    }
    const plan::Objective& o = outcome.plan.objective;
    out << "\nobjective " << o.total << " (mandatory left out " << o.mandatoryUnplaced << ", lateness "
        << o.latenessNights << " weighted nights, risk " << o.riskNights << ", travel " << o.travelMinutes
        << " min, balance " << o.balanceMinutes << " min, moved " << o.moved << "); " << outcome.plan.stats.iterations
        << " iterations in " << std::fixed << std::setprecision(1) << outcome.plan.stats.totalMs / 1000 << " s\n";
    return out.str();
}

} // namespace yanghu::planning
