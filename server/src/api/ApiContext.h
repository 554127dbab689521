// SPDX-License-Identifier: MIT
#pragma once

#include "auth/LoginThrottle.h"
#include "auth/PasswordHasher.h"
#include "api/RowCache.h"
#include "auth/SessionStore.h"
#include "http/Router.h"
#include "photos/PhotoStore.h"
#include "planning/ProposalBook.h"
#include "store/Store.h"

#include <chrono>

namespace yanghu::api {

// What the route handlers share. Owned by the server application; outlives every request.
struct ApiContext {
    store::Store& store;
    server::SessionStore& sessions;
    server::LoginThrottle& throttle;
    const server::PasswordHasher& hasher;
    RowCache& rows; // rendered rows for the GET routes
    photos::PhotoStore& photos;
    // How long a sign-in waits for a password-check slot before it is answered 503 with
    // Retry-After (shorter than a client waits for an answer, so no check is made for a
    // client that has already given up).
    std::chrono::milliseconds loginWait{5000};
    planning::ProposalBook& proposals; // plans computed and not yet applied (in memory)
};

// Every /api/v1 route, each group in its own file (AuthRoutes.cpp, WorkOrderRoutes.cpp, ...).
void registerApiRoutes(http::Router& router, ApiContext& context);

void registerAuthRoutes(http::Router& router, ApiContext& context);
void registerUserAndCrewRoutes(http::Router& router, ApiContext& context);
void registerAssetRoutes(http::Router& router, ApiContext& context);
void registerDefectRoutes(http::Router& router, ApiContext& context);
void registerWorkOrderRoutes(http::Router& router, ApiContext& context);
void registerPlanningRoutes(http::Router& router, ApiContext& context);
void registerSyncRoutes(http::Router& router, ApiContext& context);
void registerPhotoRoutes(http::Router& router, ApiContext& context);

inline constexpr const char* kApiPrefix = "/api/v1";

} // namespace yanghu::api
