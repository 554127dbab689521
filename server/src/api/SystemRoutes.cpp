// SPDX-License-Identifier: MIT
#include "api/SystemRoutes.h"

#include "api/ApiContext.h"
#include "api/Common.h"
#include "store/Sql.h"

#include <Poco/Exception.h>

namespace yanghu::api {

void registerSystemRoutes(http::Router& router, SystemContext context)
{
    auto shared = std::make_shared<SystemContext>(std::move(context));
    router.add({"GET", "/healthz", "system.health", http::Access::open(), [shared](http::ApiRequest&) -> Result<http::Reply> {
                    try {
                        (void)shared->store.read([](store::Tx& tx) {
                            store::sql::query(tx.session(), "SELECT 1", {}, {store::SqlType::Int});
                            return success();
                        });
                    } catch (const std::exception&) { // Poco::Exception is one too
                        return http::Reply::json(503, {{"status", "unavailable"}, {"database", "unreachable"}});
                    }
                    return http::Reply::json(200, {{"status", "ok"}, {"database", "ok"}});
                }});
    router.add({"GET", "/metrics", "system.metrics", http::Access::open(), [shared](http::ApiRequest&) -> Result<http::Reply> {
                    return http::Reply::text(200, "text/plain; version=0.0.4; charset=utf-8",
                                             shared->metrics.prometheusText(shared->gauges()));
                }});
    router.add({"GET", std::string(kApiPrefix) + "/openapi.json", "system.openapi", http::Access::open(),
                [](http::ApiRequest&) -> Result<http::Reply> {
                    return http::Reply::text(200, "application/json", openApiDocument());
                }});
}

} // namespace yanghu::api
