// SPDX-License-Identifier: MIT
#pragma once

#include "api/ApiContext.h"
#include "api/Common.h"
#include "store/Tx.h"

#include "yanghu/core/domain/DefectReport.h"
#include "yanghu/core/domain/WorkOrder.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What the defect and work-order route groups share (DefectRoutes.cpp, WorkOrderRoutes.cpp):
// triage converts a report into a work order through the same creation path as
// workOrders.create, and both check the rows an entity points at before writing it.
namespace yanghu::api {

// A handler of these groups: a free function of the shared context and the request.
using RouteHandler = Result<http::Reply> (*)(ApiContext&, const http::ApiRequest&);
inline http::Handler bindHandler(ApiContext& ctx, RouteHandler handler)
{
    return [&ctx, handler](http::ApiRequest& request) { return handler(ctx, request); };
}

// What a command route (a transition, a triage) reads before its members, in this order:
// the {id} (404), If-Match (428, 412), the body as a JSON object.
struct Command {
    Uuid id;
    std::int64_t version = 0;
    Json body;
};
inline Result<Command> readCommand(const http::ApiRequest& request)
{
    auto id = pathId(request);
    if (!id) return id.error();
    auto version = ifMatchVersion(request);
    if (!version) return version.error();
    auto body = bodyObject(request);
    if (!body) return body.error();
    return Command{*id, *version, std::move(*body)};
}

// `error` with its field names moved between a nested body and its container: with
// `strip` false, "title" becomes "<path>.title" (a work order inside a triage body); with
// `strip` true, "<path>.hours" becomes "hours" (a line decoded inside its order).
inline Error nested(Error error, const std::string& path, bool strip)
{
    for (auto& f : error.fields) {
        if (!strip)
            f.field = f.field.empty() ? path : path + "." + f.field;
        else if (f.field.starts_with(path + "."))
            f.field.erase(0, path.size() + 1);
    }
    return error;
}

// Appends not_found field errors for the ids in `ids` that name no live row of `table`
// (the foreign keys would refuse them with a database error instead of a 422).
void checkReferences(store::Tx& tx, std::vector<FieldError>& errors, const std::string& field, const std::string& table,
                     const std::vector<Uuid>& ids);

// Every row the order points at must exist (a 422 naming the member, not a foreign-key error).
// Only references the order does not already hold (`before`, on updates) are checked: a row
// deleted after it was linked (an asset taken out of service) must not block the crew's lines
// or the office's edits on the order. A new follows_id must also not lead back to the order
// (code cycle, with the chain of numbers).
void checkOrderReferences(store::Tx& tx, const WorkOrder& order, std::vector<FieldError>& errors,
                          const WorkOrder* before = nullptr);

// Whether `user` may see the defect report: the office sees all; a crew member the reports
// they made and those on assets they can see.
bool seesReport(store::Tx& tx, const User& user, const DefectReport& report);
// Whether `user` may see the asset `assetId` (a live asset; in their crew's district for a crew).
bool seesAssetId(store::Tx& tx, const User& user, const Uuid& assetId);

// Stores a new work order from a create body in the caller's transaction. `defaults` fills
// members the body leaves out; labour, materials, quantities, notes, verified_by and
// `alsoNotAllowed` are refused (not_allowed); the status must be draft or ready; referenced
// rows must exist. A missing number gets "WO-<year>-<6 digits>" (the next of the city's
// current year); a clash with a concurrent creation is duplicate (409), never a reused number.
// `id` is the client's id of an order made offline (sync push); a fresh one otherwise.
Result<WorkOrder> createWorkOrder(store::Tx& tx, const Json& body, const Json& defaults = Json::object(),
                                  std::initializer_list<std::string_view> alsoNotAllowed = {},
                                  const std::optional<Uuid>& id = std::nullopt);

} // namespace yanghu::api
