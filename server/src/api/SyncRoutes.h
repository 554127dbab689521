// SPDX-License-Identifier: MIT
#pragma once

#include "api/ApiContext.h"
#include "http/ApiRequest.h"

#include "yanghu/core/Result.h"

// The /api/v1/sync route groups: pull (SyncRoutes.cpp), push (SyncPush.cpp), conflict
// records (SyncConflicts.cpp).
namespace yanghu::api {

// Sync routes require X-Yanghu-Protocol (other values were refused before routing):
// protocol_unsupported (426) when it is missing.
Status checkProtocol(const http::ApiRequest& request);

void registerSyncPushRoutes(http::Router& router, ApiContext& context);
void registerSyncConflictRoutes(http::Router& router, ApiContext& context);

} // namespace yanghu::api
