// SPDX-License-Identifier: MIT
#pragma once

#include "http/Metrics.h"
#include "http/Router.h"
#include "store/Store.h"

#include <functional>

namespace yanghu::api {

struct SystemContext {
    store::Store& store;
    http::Metrics& metrics;
    std::function<http::Metrics::Gauges()> gauges;
};

// /healthz (database reachable), /metrics (Prometheus text) and /api/v1/openapi.json (the
// document compiled in from server/api/openapi.json). All three are open: load balancers,
// scrapers and API tools carry no user token.
void registerSystemRoutes(http::Router& router, SystemContext context);

// The OpenAPI document as compiled in.
const std::string& openApiDocument();

} // namespace yanghu::api
