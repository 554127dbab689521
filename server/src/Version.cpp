// SPDX-License-Identifier: MIT
#include "Version.h"

namespace yanghu::server {

const char* productVersion() { return "0.1.0"; }

} // namespace yanghu::server
