// SPDX-License-Identifier: MIT
#include "api/ApiContext.h"
#include "api/Common.h"
#include "api/EntityHandlers.h"
#include "planning/ProposalBook.h"
#include "store/CrewRepository.h"
#include "store/CrewShiftRepository.h"
#include "store/ProgrammeRepository.h"
#include "store/ShiftCalendarRepository.h"

namespace yanghu::api {

namespace {

using store::CrewRepository;
using store::CrewShiftRepository;
using store::ProgrammeRepository;
using store::ShiftCalendarRepository;

Result<http::Reply> listProgrammes(ApiContext& ctx, const http::ApiRequest& request)
{
    QueryReader q(request);
    q.onlyKnown({"status"});
    const store::ProgrammeFilter filter{q.enumeration<ProgrammeStatus>("status")};
    return listEntities<ProgrammeRepository>(ctx, request, q, filter);
}

Result<http::Reply> listShiftCalendars(ApiContext& ctx, const http::ApiRequest& request)
{
    QueryReader q(request);
    q.onlyKnown({});
    return listEntities<ShiftCalendarRepository>(ctx, request, q, store::Where{});
}

// A crew member sees only their own crew's roster.
Result<http::Reply> listCrewShifts(ApiContext& ctx, const http::ApiRequest& request)
{
    QueryReader q(request);
    q.onlyKnown({"crew_id", "date_from", "date_to", "kind"});
    store::CrewShiftFilter filter{q.uuid("crew_id"), q.date("date_from"), q.date("date_to"), q.enumeration<ShiftKind>("kind")};
    if (filter.dateFrom && filter.dateTo && *filter.dateTo < *filter.dateFrom)
        return Error::validation(
            {FieldError{"date_to", std::string(codes::OrderInvalid), {{"after", "date_from"}}}});
    const User& caller = request.caller();
    const bool allowed = !isCrew(caller) || (caller.crewId && confineTo(filter.crewId, *caller.crewId));
    return listEntities<CrewShiftRepository>(ctx, request, q, filter, allowed);
}

Status checkCrew(store::Tx& tx, const CrewShift& shift)
{
    return requireReference<CrewRepository>(tx, shift.crewId, "crew_id");
}

// {"from": "2026-05-21", "nights"?: 1..31 (7), "crews"?: ["C-01"], "seconds"?: 1..30 (5), "seed"?,
//  "closure_from"?/"closure_to"?: "23:00", "pools"?: {"jetter": 2}}
Result<planning::PlanRequest> readPlanRequest(const Json& body)
{
    BodyReader b(body);
    b.onlyKnown({"from", "nights", "crews", "seconds", "seed", "closure_from", "closure_to", "pools"});
    planning::PlanRequest request;
    if (auto from = b.text("from", true)) {
        if (auto date = parseDate(*from)) {
            request.from = *date;
        } else {
            b.add("from", codes::InvalidDate);
        }
    }
    auto integer = [&](const char* name, long long fallback, long long min, long long max) {
        if (!body.contains(name) || body[name].is_null()) return fallback;
        if (!body[name].is_number_integer()) {
            b.add(name, codes::WrongType, {{"expected", "integer"}});
            return fallback;
        }
        const long long value = body[name].get<long long>();
        if (value < min || value > max) {
            b.add(name, codes::OutOfRange, {{"min", std::to_string(min)}, {"max", std::to_string(max)}, {"value", std::to_string(value)}});
        }
        return value;
    };
    request.nights = static_cast<int>(integer("nights", 7, 1, 31));
    request.options.timeLimitMs = 1000.0 * static_cast<double>(integer("seconds", 5, 1, 30));
    request.options.seed = static_cast<std::uint64_t>(integer("seed", 1, 1, std::numeric_limits<long long>::max()));
    request.options.maxIterations = std::numeric_limits<std::int64_t>::max();
    if (body.contains("crews") && !body["crews"].is_null()) {
        if (!body["crews"].is_array()) {
            b.add("crews", codes::WrongType, {{"expected", "array"}});
        } else {
            for (const Json& code : body["crews"]) {
                if (code.is_string()) {
                    request.crewCodes.push_back(code.get<std::string>());
                } else {
                    b.add("crews", codes::WrongType, {{"expected", "array of strings"}});
                }
            }
        }
    }
    for (const char* name : {"closure_from", "closure_to"}) {
        if (auto text = b.text(name)) {
            const auto minute = parseMinuteOfDay(*text);
            if (!minute) b.add(name, codes::InvalidFormat, {{"expected", "HH:MM"}});
            (std::string_view(name) == "closure_from" ? request.settings.closureFrom : request.settings.closureTo) = minute;
        }
    }
    if (request.settings.closureFrom.has_value() != request.settings.closureTo.has_value()) {
        b.add(request.settings.closureFrom ? "closure_to" : "closure_from", codes::Required);
    }
    if (const Json* pools = b.object("pools")) {
        for (const auto& [name, units] : pools->items()) {
            if (!units.is_number_integer() || units.get<long long>() < 0 || units.get<long long>() > 1000) {
                b.add("pools." + name, codes::OutOfRange, {{"min", "0"}, {"max", "1000"}});
                continue;
            }
            request.settings.equipmentPools[name] = static_cast<int>(units.get<long long>());
        }
    }
    if (auto s = b.finish(); !s) return s.error();
    return request;
}

Result<http::Reply> proposePlan(ApiContext& ctx, planning::ProposalBook& book, const http::ApiRequest& r)
{
    auto body = bodyObject(r);
    if (!body) return body.error();
    auto request = readPlanRequest(*body);
    if (!request) return request.error();
    auto outcome = planning::computePlan(ctx.store, *request);
    if (!outcome) return outcome.error();
    planning::Proposal proposal{ctx.store.ids().next(), ctx.store.clock().now(), r.caller().id, std::move(*outcome), {}};
    auto stored = book.add(std::move(proposal));
    return http::Reply::json(201, planning::proposalJson(*stored))
        .header("Location", std::string(kApiPrefix) + "/plan/proposals/" + stored->id.toString());
}

Result<http::Reply> getProposal(planning::ProposalBook& book, const http::ApiRequest& r)
{
    auto id = pathId(r);
    if (!id) return id.error();
    auto proposal = book.find(*id);
    if (!proposal) return Error::of(std::string(codes::NotFound));
    return http::Reply::json(200, planning::proposalJson(*proposal));
}

// Applies through the state machine as the caller, in one transaction; 409 plan_stale (nothing
// written) when any of its orders changed since it was computed, 409 invalid_state when it was
// applied already.
Result<http::Reply> applyProposal(ApiContext& ctx, planning::ProposalBook& book, const http::ApiRequest& r)
{
    auto id = pathId(r);
    if (!id) return id.error();
    const User& user = r.caller();
    const rules::Actor actor{user.id, user.role, user.crewId};
    bool alreadyApplied = false;
    auto applied = book.applyOnce(*id, alreadyApplied, [&](const planning::Proposal& proposal) {
        return ctx.store.write([&](store::Tx& tx) { return planning::applyPlan(tx, proposal.outcome, actor); });
    });
    if (alreadyApplied) return Error::of(std::string(http::codes::InvalidState), {{"reason", "already_applied"}});
    if (!applied) return Error::of(std::string(codes::NotFound));
    if (!*applied) return applied->error();
    return http::Reply::json(200, planning::applyReportJson(**applied));
}

} // namespace

void registerPlanningRoutes(http::Router& router, ApiContext& ctx)
{
    const std::string p = kApiPrefix;
    const auto anyone = http::Access::anyUser();
    const auto planners = http::Access::only({Role::Admin, Role::Dispatcher});

    router.add({"GET", p + "/programmes", "programmes.list", anyone,
                [&ctx](http::ApiRequest& r) { return listProgrammes(ctx, r); }});
    router.add({"POST", p + "/programmes", "programmes.create", planners,
                [&ctx](http::ApiRequest& r) { return createEntity<ProgrammeRepository>(ctx.store, r, "programmes"); }});
    router.add({"GET", p + "/programmes/{id}", "programmes.get", anyone,
                [&ctx](http::ApiRequest& r) { return getEntity<ProgrammeRepository>(ctx, r); }});
    router.add({"PATCH", p + "/programmes/{id}", "programmes.update", planners,
                [&ctx](http::ApiRequest& r) { return patchEntity<ProgrammeRepository>(ctx.store, r); }});

    router.add({"GET", p + "/shift-calendars", "shiftCalendars.list", anyone,
                [&ctx](http::ApiRequest& r) { return listShiftCalendars(ctx, r); }});
    router.add({"POST", p + "/shift-calendars", "shiftCalendars.create", http::Access::only({Role::Admin}),
                [&ctx](http::ApiRequest& r) {
                    return createEntity<ShiftCalendarRepository>(ctx.store, r, "shift-calendars");
                }});
    router.add({"GET", p + "/shift-calendars/{id}", "shiftCalendars.get", anyone,
                [&ctx](http::ApiRequest& r) { return getEntity<ShiftCalendarRepository>(ctx, r); }});
    router.add({"PATCH", p + "/shift-calendars/{id}", "shiftCalendars.update", planners,
                [&ctx](http::ApiRequest& r) { return patchEntity<ShiftCalendarRepository>(ctx.store, r); }});

    router.add({"GET", p + "/crew-shifts", "crewShifts.list", anyone,
                [&ctx](http::ApiRequest& r) { return listCrewShifts(ctx, r); }});
    router.add({"POST", p + "/crew-shifts", "crewShifts.create", planners, [&ctx](http::ApiRequest& r) {
                    return createEntity<CrewShiftRepository>(ctx.store, r, "crew-shifts", {}, checkCrew);
                }});
    router.add({"DELETE", p + "/crew-shifts/{id}", "crewShifts.delete", planners,
                [&ctx](http::ApiRequest& r) { return deleteEntity<CrewShiftRepository>(ctx.store, r); }});

    // Plan proposals: computed on request (seconds), kept in memory, applied when approved.
    planning::ProposalBook& book = ctx.proposals;
    const auto dispatchers = http::Access::only({Role::Admin, Role::Dispatcher, Role::Supervisor});
    router.add({"POST", p + "/plan/proposals", "plan.propose", planners,
                [&ctx, &book](http::ApiRequest& r) { return proposePlan(ctx, book, r); }});
    router.add({"GET", p + "/plan/proposals/{id}", "plan.get", dispatchers,
                [&book](http::ApiRequest& r) { return getProposal(book, r); }});
    router.add({"POST", p + "/plan/proposals/{id}/apply", "plan.apply", planners,
                [&ctx, &book](http::ApiRequest& r) { return applyProposal(ctx, book, r); }});
}

} // namespace yanghu::api
