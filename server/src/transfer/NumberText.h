// SPDX-License-Identifier: MIT
#pragma once

#include <charconv>
#include <string>

namespace yanghu::transfer {

// The shortest text that reads back as exactly `v` (std::to_chars), as import and export both
// write numbers; empty only if the buffer were too small, which 32 bytes never is for a double.
inline std::string formatNumber(double v)
{
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc{} ? std::string(buf, end) : std::string();
}

} // namespace yanghu::transfer
