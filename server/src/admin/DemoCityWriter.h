// SPDX-License-Identifier: MIT
#pragma once

#include "demo/DemoCity.h"
#include "store/Store.h"
#include "yanghu/core/Result.h"

namespace yanghu::admin {

// Writes a generated city into an EMPTY database in one transaction (all or nothing), hashing
// each demo login's password with `hasher` first. Refuses (Error "not_empty", params table,
// rows) a database that already holds streets, assets or users, so the demo never mixes with
// real data. The per-order transition history of the generator is not stored: the state,
// actual times, lines and notes each order ends with are.
Status writeDemoCity(store::Store& store, demo::DemoCity& city, bool cheapHashes = false);

} // namespace yanghu::admin
