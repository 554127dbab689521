// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string_view>
#include <utility>

namespace yanghu {

// Each enum that crosses a boundary (wire, database, CSV) specialises EnumNames with its
// stable snake_case names; these names are part of the wire and storage contract.
template <class E>
struct EnumNames;

template <class E>
constexpr std::string_view enumName(E value)
{
    for (const auto& [v, name] : EnumNames<E>::table)
        if (v == value) return name;
    return {};
}

template <class E>
constexpr std::optional<E> enumFromName(std::string_view name)
{
    for (const auto& [v, n] : EnumNames<E>::table)
        if (n == name) return v;
    return std::nullopt;
}

#define YANGHU_ENUM_NAMES(E, ...)                                                                  \
    template <>                                                                                    \
    struct EnumNames<E> {                                                                          \
        static constexpr std::pair<E, std::string_view> table[] = {__VA_ARGS__};                   \
    }

} // namespace yanghu
