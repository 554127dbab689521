// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Clock.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace yanghu::admin {

// Exit codes of yanghu-admin.
enum ExitCode : int { ExitOk = 0, ExitFailed = 1, ExitUsage = 2 };

struct AdminIo {
    std::istream& in;  // passwords for --password-stdin
    std::ostream& out; // results
    std::ostream& err; // problems
    const Clock& clock;
    // Cheaper password hashes (tests that create many users); never set by the executable.
    bool cheapHashes = false;
};

// The whole of yanghu-admin, minus process start-up: `args` excludes the program name.
// Never throws; every failure is a message on `err` and an exit code.
int runAdmin(const std::vector<std::string>& args, AdminIo& io);

} // namespace yanghu::admin
