// SPDX-License-Identifier: MIT
#include "api/ApiContext.h"

namespace yanghu::api {

void registerApiRoutes(http::Router& router, ApiContext& context)
{
    registerAuthRoutes(router, context);
    registerUserAndCrewRoutes(router, context);
    registerAssetRoutes(router, context);
    registerDefectRoutes(router, context);
    registerWorkOrderRoutes(router, context);
    registerPlanningRoutes(router, context);
    registerSyncRoutes(router, context);
    registerPhotoRoutes(router, context);
}

} // namespace yanghu::api
