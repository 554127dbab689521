// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Clock.h"
#include "yanghu/core/Uuid.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

namespace yanghu::transfer::test {

inline std::string dataPath(const std::string& name) { return std::string(YANGHU_TEST_DATA_DIR) + "/" + name; }

inline std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A deterministic id source for tests.
struct Ids {
    ManualClock clock{Instant{std::chrono::milliseconds{1'760'000'000'000}}};
    UuidGenerator generator{clock, 42};
};

} // namespace yanghu::transfer::test
