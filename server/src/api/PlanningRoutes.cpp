// SPDX-License-Identifier: MIT
#include "api/ApiContext.h"
#include "api/Common.h"
#include "api/EntityHandlers.h"
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
}

} // namespace yanghu::api
