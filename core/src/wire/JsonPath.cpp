// SPDX-License-Identifier: MIT
#include "wire/JsonPath.h"

namespace yanghu::wire {

std::string JsonPath::toString() const
{
    std::string prefix = parent ? parent->toString() : std::string{};
    if (index != noIndex) return prefix + '[' + std::to_string(index) + ']';
    if (key.empty()) return prefix;
    if (prefix.empty()) return std::string(key);
    return prefix + '.' + std::string(key);
}

} // namespace yanghu::wire
