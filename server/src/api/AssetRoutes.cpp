// SPDX-License-Identifier: MIT
#include "api/ApiContext.h"
#include "api/Common.h"
#include "api/EntityHandlers.h"
#include "store/AssetRepository.h"
#include "store/StreetRepository.h"

namespace yanghu::api {

namespace {

using store::AssetRepository;
using store::StreetRepository;

// Crew members list only their crew's district: the district filter is forced to it, and a
// request for another district lists nothing.
template <class Repo, class Filter>
Result<http::Reply> listInCallersDistrict(ApiContext& ctx, const http::ApiRequest& request, QueryReader& query,
                                          Filter filter)
{
    auto own = ctx.store.read([&](store::Tx& tx) { return crewDistrict(tx, request.caller()); });
    const bool allowed = !own || (!own->empty() && confineTo(filter.district, *own));
    return listEntities<Repo>(ctx, request, query, filter, allowed);
}

Result<http::Reply> listStreets(ApiContext& ctx, const http::ApiRequest& request)
{
    QueryReader q(request);
    q.onlyKnown({"district", "q"});
    store::StreetFilter filter{q.text("district"), q.text("q").value_or("")};
    return listInCallersDistrict<StreetRepository>(ctx, request, q, std::move(filter));
}

Result<http::Reply> listAssets(ApiContext& ctx, const http::ApiRequest& request)
{
    QueryReader q(request);
    q.onlyKnown({"kind", "street_id", "district", "status", "bbox", "q"});
    store::AssetFilter filter{q.enumeration<AssetKind>("kind"), q.uuid("street_id"), q.text("district"),
                              q.enumeration<AssetStatus>("status"), q.bbox("bbox"), q.text("q").value_or("")};
    return listInCallersDistrict<AssetRepository>(ctx, request, q, std::move(filter));
}

// An asset's street must exist (a dangling street_id is the client's mistake: 422).
Status checkStreet(store::Tx& tx, const Asset& asset)
{
    return requireReference<StreetRepository>(tx, asset.streetId, "street_id");
}

} // namespace

void registerAssetRoutes(http::Router& router, ApiContext& ctx)
{
    const std::string p = kApiPrefix;
    const auto editors = http::Access::only({Role::Admin, Role::Dispatcher});
    router.add({"GET", p + "/streets", "streets.list", http::Access::anyUser(),
                [&ctx](http::ApiRequest& r) { return listStreets(ctx, r); }});
    router.add({"GET", p + "/streets/{id}", "streets.get", http::Access::anyUser(), [&ctx](http::ApiRequest& r) {
                    return getEntity<StreetRepository>(
                        ctx, r, [&r](store::Tx& tx, const Street& s) { return canSeeStreet(tx, r.caller(), s); });
                }});

    router.add({"GET", p + "/assets", "assets.list", http::Access::anyUser(),
                [&ctx](http::ApiRequest& r) { return listAssets(ctx, r); }});
    router.add({"POST", p + "/assets", "assets.create", editors, [&ctx](http::ApiRequest& r) {
                    return createEntity<AssetRepository>(ctx.store, r, "assets", {}, checkStreet);
                }});
    router.add({"GET", p + "/assets/{id}", "assets.get", http::Access::anyUser(), [&ctx](http::ApiRequest& r) {
                    return getEntity<AssetRepository>(
                        ctx, r, [&r](store::Tx& tx, const Asset& a) { return canSeeAsset(tx, r.caller(), a); });
                }});
    // The kind decides the attributes' shape and the asset's code series: fixed at creation.
    router.add({"PATCH", p + "/assets/{id}", "assets.update", editors, [&ctx](http::ApiRequest& r) {
                    return patchEntity<AssetRepository>(ctx.store, r, {"kind"},
                                                        [](store::Tx& tx, const Asset&, const Asset& updated) {
                                                            return checkStreet(tx, updated);
                                                        });
                }});
    router.add({"DELETE", p + "/assets/{id}", "assets.delete", editors,
                [&ctx](http::ApiRequest& r) { return deleteEntity<AssetRepository>(ctx.store, r); }});
}

} // namespace yanghu::api
