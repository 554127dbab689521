// SPDX-License-Identifier: MIT
#include "api/ApiContext.h"
#include "api/Common.h"

namespace yanghu::api {

void registerUserAndCrewRoutes(http::Router& router, ApiContext& ctx)
{
    (void)router;
    (void)ctx;
}

} // namespace yanghu::api
