// SPDX-License-Identifier: MIT
#pragma once

namespace yanghu::server {

// The product version, and the newest schema version this binary knows (the highest
// migration number compiled in); a database whose schema is newer is refused.
const char* productVersion();

} // namespace yanghu::server
