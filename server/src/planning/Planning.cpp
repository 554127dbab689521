// SPDX-License-Identifier: MIT
#include "planning/Planning.h"

#include "store/AssetRepository.h"
#include "store/CrewRepository.h"
#include "store/CrewShiftRepository.h"
#include "store/ProgrammeRepository.h"
#include "store/ShiftCalendarRepository.h"
#include "store/StreetRepository.h"
#include "store/Sql.h"
#include "store/WorkOrderRepository.h"

#include "api/WorkRoutes.h"

#include "yanghu/core/rules/ErrorCodes.h"
#include "yanghu/core/wire/Codec.h"

#include "yanghu/core/rules/Validation.h"

#include <algorithm>
#include <iomanip>
#include <set>
#include <sstream>

namespace yanghu::planning {

namespace {


Date plusDays(Date date, int days)
{
    return Date{std::chrono::sys_days(date) + std::chrono::days(days)};
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
        auto calendar = readCalendar(tx);
        if (!calendar) return calendar.error();
        input.calendar = std::move(*calendar);

        store::CrewRepository crewRepo;
        auto crews = store::listAll<Crew>(tx, crewRepo, store::CrewFilter{});
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
        auto roster = store::listAll<CrewShift>(tx, shiftRepo, shiftFilter);
        if (!roster) return roster.error();
        for (CrewShift& shift : *roster) {
            if (chosen.count(shift.crewId) != 0) input.roster.push_back(shift);
        }

        store::WorkOrderRepository orderRepo;
        store::WorkOrderFilter ready;
        ready.status = WorkOrderStatus::Ready;
        auto readyOrders = store::listAll<WorkOrder>(tx, orderRepo, ready);
        if (!readyOrders) return readyOrders.error();
        input.orders = std::move(*readyOrders);
        store::WorkOrderFilter scheduled;
        scheduled.status = WorkOrderStatus::Scheduled;
        scheduled.shiftDateFrom = request.from;
        scheduled.shiftDateTo = last;
        auto scheduledOrders = store::listAll<WorkOrder>(tx, orderRepo, scheduled);
        if (!scheduledOrders) return scheduledOrders.error();
        // Scheduled work of crews outside this plan stays theirs.
        for (WorkOrder& order : *scheduledOrders) {
            if (order.assignment.crewId && chosen.count(*order.assignment.crewId) != 0)
                input.orders.push_back(std::move(order));
        }

        // The orders they follow that are not planned here: their status and schedule decide
        // whether the follower may be placed (plan::buildProblem).
        std::set<Uuid> loaded;
        for (const WorkOrder& order : input.orders) loaded.insert(order.id);
        std::set<Uuid> followed;
        for (const WorkOrder& order : input.orders)
            if (order.followsId && loaded.count(*order.followsId) == 0) followed.insert(*order.followsId);
        for (const Uuid& id : followed) {
            auto order = orderRepo.get(tx, id);
            if (order) input.predecessors.push_back(std::move(*order));
        }
        // Scheduled orders outside the plan that follow planned ones: those must end first.
        auto following = store::sql::query(tx.session(),
                                           "SELECT id, follows_id FROM work_order WHERE deleted = 0 AND status = ? "
                                           "AND follows_id IS NOT NULL",
                                           {std::string(enumName(WorkOrderStatus::Scheduled))},
                                           {store::SqlType::Text, store::SqlType::Text});
        for (const auto& row : following) {
            const auto id = Uuid::parse(std::get<std::string>(row[0]));
            const auto follows = Uuid::parse(std::get<std::string>(row[1]));
            if (!id || !follows || loaded.count(*id) != 0 || loaded.count(*follows) == 0) continue;
            auto order = orderRepo.get(tx, *id);
            if (order) input.followers.push_back(std::move(*order));
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
            auto segments = store::listAll<Asset>(tx, assetRepo, filter);
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
    out.context = input.predecessors;
    out.context.insert(out.context.end(), input.followers.begin(), input.followers.end());
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
    std::string stale;
    int staleCount = 0;
    // The planned orders and those that shaped the plan from outside it (what they follow, what
    // follows them), as they are now; any changed since they were read makes the plan stale.
    const auto readAgain = [&](const std::vector<WorkOrder>& asRead) -> Result<std::vector<WorkOrder>> {
        std::vector<WorkOrder> now;
        for (const WorkOrder& read : asRead) {
            auto order = repo.get(tx, read.id, true);
            if (!order) return order.error();
            if (order->meta.rowVersion != read.meta.rowVersion) {
                stale += (stale.empty() ? "" : ", ") + plan::orderKey(*order);
                ++staleCount;
            }
            now.push_back(std::move(*order));
        }
        return now;
    };
    auto jobsNow = readAgain(outcome.orders);
    if (!jobsNow) return jobsNow.error();
    auto context = readAgain(outcome.context);
    if (!context) return context.error();
    if (staleCount > 0) {
        return Error::of(std::string(codes::PlanStale), {{"orders", stale}, {"count", std::to_string(staleCount)}});
    }
    std::vector<WorkOrder>& current = *jobsNow;

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
    // Work outside the plan scheduled in its nights whose predecessor the plan left out cannot go
    // ahead either (after the window, a later plan may still fit the predecessor before it).
    std::set<Uuid> leftOut;
    for (const WorkOrder& order : outcome.orders)
        if (outcome.assignments.count(order.id) == 0) leftOut.insert(order.id);
    const Date last = plusDays(outcome.request.from, outcome.request.nights - 1);
    for (WorkOrder& order : *context) {
        const auto& night = order.assignment.shiftDate;
        if (order.status != WorkOrderStatus::Scheduled || !order.followsId || leftOut.count(*order.followsId) == 0 ||
            !night || *night < outcome.request.from || *night > last)
            continue;
        const std::int64_t version = order.meta.rowVersion;
        if (auto allowed = rules::checkTransition(order, WorkOrderStatus::Ready, actor); !allowed) return allowed.error();
        order.status = WorkOrderStatus::Ready;
        order.assignment = Assignment{};
        if (auto updated = repo.update(tx, std::move(order), version); !updated) return updated.error();
        ++report.unscheduled;
    }
    return report;
}

namespace {

// What a programme of one asset kind asks of its batch orders: the crew's skill and equipment,
// the kind of work and how it disturbs traffic (the demo city's and the defect categories' own).
struct KindWork {
    std::string skill;
    std::vector<std::string> equipment;
    WorkType type = WorkType::Inspection;
    TrafficImpact impact = TrafficImpact::LaneClosure;
};

KindWork workFor(AssetKind kind)
{
    switch (kind) {
    case AssetKind::StormInlet:
        return {"inlet_cleaning", {"vactor_truck"}, WorkType::Cleaning, TrafficImpact::LaneClosure};
    case AssetKind::Manhole:
        return {"manhole", {}, WorkType::Inspection, TrafficImpact::LaneClosure};
    case AssetKind::SidewalkSegment:
        return {"paving", {"plate_compactor"}, WorkType::Repair, TrafficImpact::SidewalkClosure};
    case AssetKind::PipeSegment:
        return {"dredging", {"jetter"}, WorkType::Dredging, TrafficImpact::LaneClosure};
    case AssetKind::Bridge:
        return {"bridge", {"bridge_inspection_vehicle"}, WorkType::Inspection, TrafficImpact::LaneClosure};
    }
    return {};
}

// The programme's asset kind: its own, else its first asset's (a hand-picked list).
std::optional<AssetKind> kindOf(const ProgrammeWork& work)
{
    if (work.programme.assetKind) return work.programme.assetKind;
    if (!work.assets.empty()) return work.assets.front().kind;
    return std::nullopt;
}

bool doneStatus(WorkOrderStatus s)
{
    return s == WorkOrderStatus::Completed || s == WorkOrderStatus::Verified;
}

} // namespace

Result<ShiftCalendar> readCalendar(store::Tx& tx)
{
    store::ShiftCalendarRepository calendars;
    auto rows = calendars.list(tx, store::Where{}, store::PageRequest{});
    if (!rows) return rows.error();
    ShiftCalendar chosen;
    for (const ShiftCalendar& c : rows->items) {
        if (c.name == "default" || chosen.id.isNil()) chosen = c;
    }
    return chosen;
}

Result<ProgrammeWork> readProgrammeWork(store::Tx& tx, const std::string& code)
{
    ProgrammeWork work;
    store::ProgrammeRepository programmes;
    auto all = store::listAll<Programme>(tx, programmes, store::ProgrammeFilter{});
    if (!all) return all.error();
    const auto found = std::find_if(all->begin(), all->end(), [&](const Programme& p) { return p.code == code; });
    if (found == all->end()) return Error::of(std::string(codes::NotFound), {{"code", code}});
    work.programme = *found;

    store::AssetRepository assetRepo;
    if (!work.programme.assetIds.empty()) {
        for (const Uuid& id : work.programme.assetIds) {
            if (auto a = assetRepo.get(tx, id)) work.assets.push_back(std::move(*a));
        }
    } else {
        std::vector<std::optional<std::string>> districts;
        for (const std::string& d : work.programme.districts) districts.emplace_back(d);
        if (districts.empty()) districts.emplace_back(std::nullopt);
        for (const auto& district : districts) {
            store::AssetFilter filter;
            filter.kind = work.programme.assetKind;
            filter.district = district;
            filter.status = AssetStatus::InService;
            auto inDistrict = store::listAll<Asset>(tx, assetRepo, filter);
            if (!inDistrict) return inDistrict.error();
            for (Asset& a : *inDistrict) work.assets.push_back(std::move(a));
        }
    }
    for (const Asset& a : work.assets) {
        if (!a.geometry.empty()) work.sites[a.id] = a.geometry.front();
    }

    store::WorkOrderRepository orderRepo;
    store::WorkOrderFilter ofProgramme;
    ofProgramme.programmeId = work.programme.id;
    auto orders = store::listAll<WorkOrder>(tx, orderRepo, ofProgramme);
    if (!orders) return orders.error();
    std::set<Uuid> done;
    std::set<Uuid> open;
    for (WorkOrder& order : *orders) {
        if (order.status == WorkOrderStatus::Cancelled) continue;
        (doneStatus(order.status) ? done : open).insert(order.assetIds.begin(), order.assetIds.end());
        if (doneStatus(order.status)) continue;
        for (const Uuid& id : order.assetIds) {
            if (work.sites.count(id) != 0) continue;
            auto asset = assetRepo.get(tx, id); // an asset outside the programme's list, or deleted
            if (asset && !asset->geometry.empty()) work.sites[id] = asset->geometry.front();
        }
        work.openOrders.push_back(std::move(order));
    }
    std::set<Uuid> streets;
    for (Asset& a : work.assets) {
        if (done.count(a.id) != 0) {
            ++work.done;
        } else if (open.count(a.id) != 0) {
            ++work.inOpenOrders;
        } else {
            if (a.streetId) streets.insert(*a.streetId);
            work.unbatched.push_back(a);
        }
    }
    store::StreetRepository streetRepo;
    for (const Uuid& id : streets) {
        if (auto street = streetRepo.get(tx, id)) work.streetNames[id] = street->name;
    }
    return work;
}

Result<BatchOutcome> batchProgramme(store::Tx& tx, const BatchRequest& request)
{
    auto work = readProgrammeWork(tx, request.programmeCode);
    if (!work) return work.error();
    BatchOutcome out;
    out.work = std::move(*work);
    out.batches = plan::batchAssets(out.work.unbatched, request.batches);
    if (!request.write || out.batches.empty()) return out;
    if (out.work.programme.status == ProgrammeStatus::Closed) {
        return Error::validation({FieldError{"programme", std::string(codes::NotAllowed), {{"status", "closed"}}}});
    }

    const KindWork kind = workFor(kindOf(out.work).value_or(AssetKind::StormInlet));
    std::map<Uuid, const Asset*> assets;
    for (const Asset& a : out.work.unbatched) assets[a.id] = &a;
    // "<programme> <street> 2/5": the batches of one street counted along it.
    std::map<std::optional<Uuid>, int> perStreet;
    for (const plan::Batch& b : out.batches) ++perStreet[b.streetId];
    std::map<std::optional<Uuid>, int> seen;
    for (const plan::Batch& b : out.batches) {
        const auto street = b.streetId ? out.work.streetNames.find(*b.streetId) : out.work.streetNames.end();
        std::string title = out.work.programme.name;
        if (street != out.work.streetNames.end()) title += " " + street->second;
        if (perStreet[b.streetId] > 1) {
            title += " " + std::to_string(++seen[b.streetId]) + "/" + std::to_string(perStreet[b.streetId]);
        }
        const Asset& first = *assets.at(b.assetIds.front());
        const Asset& last = *assets.at(b.assetIds.back());
        wire::Json body;
        body["title"] = title;
        body["description"] = out.work.programme.code + ": " + first.code +
                              (b.assetIds.size() > 1 ? " ~ " + last.code : std::string()) + " (" +
                              std::to_string(b.assetIds.size()) + ")";
        body["type"] = std::string(enumName(kind.type));
        body["status"] = std::string(enumName(WorkOrderStatus::Ready));
        body["priority"] = 3;
        body["traffic_impact"] = std::string(enumName(kind.impact));
        body["estimated_minutes"] = b.minutes;
        body["required_skills"] = wire::Json::array({kind.skill});
        body["required_equipment"] = kind.equipment;
        body["due_date"] = formatDate(out.work.programme.deadline);
        body["programme_id"] = out.work.programme.id.toString();
        body["asset_ids"] = wire::Json::array();
        for (const Uuid& id : b.assetIds) body["asset_ids"].push_back(id.toString());
        auto created = api::createWorkOrder(tx, body);
        if (!created) return created.error();
        out.created.push_back(std::move(*created));
    }
    return out;
}

std::string formatBatches(const BatchOutcome& o)
{
    std::ostringstream out;
    const ProgrammeWork& w = o.work;
    int unlocated = 0;
    for (const Asset& a : w.unbatched) unlocated += a.geometry.empty() ? 1 : 0;
    out << w.programme.code << " " << w.programme.name << ": " << w.assets.size() << " assets, " << w.done
        << " done, " << w.inOpenOrders << " in " << w.openOrders.size() << " open orders, " << w.unbatched.size()
        << " to batch";
    if (unlocated > 0) out << " (" << unlocated << " without a location, left out)";
    out << "\n";
    if (o.batches.empty()) {
        out << "nothing to batch\n";
        return out.str();
    }
    int minutes = 0;
    for (const plan::Batch& b : o.batches) minutes += b.minutes;
    out << o.batches.size() << " batches, " << minutes / 60 << " h " << minutes % 60 << " min of work\n";
    for (std::size_t i = 0; i < o.batches.size(); ++i) {
        const plan::Batch& b = o.batches[i];
        const auto street = b.streetId ? w.streetNames.find(*b.streetId) : w.streetNames.end();
        out << "  ";
        if (i < o.created.size()) out << o.created[i].number << "  ";
        out << std::setw(4) << b.assetIds.size() << " assets " << std::setw(4) << b.minutes << " min  "
            << (street != w.streetNames.end() ? street->second : std::string("(no street)")) << "\n";
    }
    return out.str();
}

Result<ForecastOutcome> forecastProgramme(store::Store& store, const ForecastRequest& request)
{
    ForecastOutcome out;
    ProgrammeWork work;
    std::vector<Crew> crews;
    ShiftCalendar calendar;
    auto read = store.read([&](store::Tx& tx) -> Status {
        auto found = readProgrammeWork(tx, request.programmeCode);
        if (!found) return found.error();
        work = std::move(*found);
        auto city = readCalendar(tx);
        if (!city) return city.error();
        calendar = std::move(*city);
        store::CrewRepository crewRepo;
        auto allCrews = store::listAll<Crew>(tx, crewRepo, store::CrewFilter{});
        if (!allCrews) return allCrews.error();
        crews = std::move(*allCrews);
        return success();
    });
    if (!read) return read.error();
    out.programme = work.programme;
    const int nights =
        static_cast<int>((std::chrono::sys_days(out.programme.deadline) - std::chrono::sys_days(request.from)).count());
    if (nights < 1) {
        return Error::validation({FieldError{"from", std::string(codes::OrderInvalid), {{"before", "deadline"}}}});
    }
    out.nights = nights;
    out.assets = static_cast<int>(work.assets.size());
    out.done = work.done;
    out.openOrders = static_cast<int>(work.openOrders.size());
    for (const Asset& a : work.unbatched) out.unlocated += a.geometry.empty() ? 1 : 0;
    const std::vector<plan::Batch> batches = plan::batchAssets(work.unbatched, request.batches);

    const std::optional<AssetKind> kind = kindOf(work);
    const std::string skill = kind ? workFor(*kind).skill : std::string();
    // New batches disturb traffic as the batch orders will (a lane closed for an inlet's jetting).
    const bool batchesClose = kind && plan::closesTraffic(workFor(*kind).impact);
    std::vector<plan::ProgrammeCrew> programmeCrews;
    for (const Crew& crew : crews) {
        if (!crew.active || std::find(crew.skills.begin(), crew.skills.end(), skill) == crew.skills.end()) continue;
        out.crewCodes.push_back(crew.code);
        programmeCrews.push_back({crew.code, crew.depot.value_or(GeoPoint{})});
    }
    // Without a located asset the crew is taken to start at its depot (no travel counted).
    const GeoPoint nowhere = programmeCrews.empty() ? GeoPoint{} : programmeCrews.front().depot;
    std::vector<plan::ProgrammeJob> jobs;
    for (const WorkOrder& order : work.openOrders) {
        std::optional<GeoPoint> site;
        for (const Uuid& id : order.assetIds) {
            if (const auto it = work.sites.find(id); it != work.sites.end() && !site) site = it->second;
        }
        jobs.push_back({plan::orderKey(order), order.estimatedMinutes, site.value_or(nowhere),
                        plan::closesTraffic(order.trafficImpact)});
    }
    for (std::size_t b = 0; b < batches.size(); ++b) {
        jobs.push_back(
            {out.programme.code + "-" + std::to_string(b + 1), batches[b].minutes, batches[b].start, batchesClose});
    }
    // The city's night and the closure window, as a plan of this work would have them.
    plan::Problem p = plan::programmeProblem(skill, request.from, nights, request.nightsPerWeek, programmeCrews, jobs,
                                             plan::planningRules(request.settings, calendar.night, nights));
    p.shiftStartsAt = calendar.night.start;
    const plan::Plan result = plan::solve(p, request.options);
    out.forecast = plan::forecastProgramme(p, result, 0, static_cast<int>(p.jobs.size()));
    std::map<plan::UnplacedCause, std::size_t> byCause;
    for (const plan::Unplaced& u : result.unplaced) {
        const auto [it, first] = byCause.try_emplace(u.cause, out.reasons.size());
        if (first) out.reasons.emplace_back(0, plan::describe(p, u));
        ++out.reasons[it->second].first;
    }
    out.planMs = result.stats.totalMs;
    return out;
}

std::string formatForecast(const ForecastOutcome& o)
{
    std::ostringstream out;
    out << o.programme.code << " " << o.programme.name << ": " << o.assets << " assets, " << o.done << " done; "
        << o.forecast.batches << " night-sized jobs to plan (" << o.openOrders << " open orders, "
        << o.forecast.batches - o.openOrders << " new batches)";
    if (o.unlocated > 0) out << "; " << o.unlocated << " without a location, left out";
    out << "; deadline " << formatDate(o.programme.deadline) << "\n";
    out << "crews: ";
    for (std::size_t i = 0; i < o.crewCodes.size(); ++i) out << (i ? ", " : "") << o.crewCodes[i];
    if (o.crewCodes.empty()) out << "none with the skill";
    out << "; " << o.nights << " nights from " << formatDate(plusDays(o.programme.deadline, -o.nights)) << "\n";
    if (o.forecast.batches == 0) {
        out << "nothing left to do: every asset is done\n";
    } else if (o.forecast.finishNight) {
        out << "finishes on the night of "
            << formatDate(plusDays(o.programme.deadline, -o.nights + *o.forecast.finishNight)) << " ("
            << o.forecast.placed << " jobs planned)\n";
    } else {
        out << "does not finish before the deadline: " << o.forecast.placed << " of " << o.forecast.batches
            << " jobs fit; " << o.forecast.missingCrewNights << " more crew-nights are needed\n";
        for (const auto& [count, sentence] : o.reasons) out << "  " << count << " left out: " << sentence << "\n";
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
                out << "  " << clock(a.plannedStart) << "–" << clock(a.plannedEnd) << "  " << plan::orderKey(order) << "  P"
                    << order.priority << "  " << order.title;
                if (p.jobs[j].closure) out << "  [" << enumName(order.trafficImpact) << "]";
                out << "\n";
            }
        }
    }
    if (!outcome.plan.unplaced.empty()) out << "\nunplaced:\n";
    for (const plan::Unplaced& u : outcome.plan.unplaced) {
        const WorkOrder& order = outcome.orders[u.job];
        out << "  " << plan::orderKey(order) << "  P" << order.priority << "  " << order.title << ": " << plan::describe(p, u)
            << "\n";
    }
    const plan::Objective& o = outcome.plan.objective;
    out << "\nobjective " << o.total << " (mandatory left out " << o.mandatoryUnplaced << ", lateness "
        << o.latenessNights << " weighted nights, risk " << o.riskNights << ", travel " << o.travelMinutes
        << " min, balance " << o.balanceMinutes << " min, moved " << o.moved << "); " << outcome.plan.stats.iterations
        << " iterations";
    if (outcome.plan.stats.searches > 1) out << " (the best of " << outcome.plan.stats.searches << " searches)";
    out << " in " << std::fixed << std::setprecision(1) << outcome.plan.stats.totalMs / 1000 << " s\n";
    return out.str();
}

} // namespace yanghu::planning
