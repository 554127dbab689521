// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Clock.h"

#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace yanghu {

// A 128-bit identifier. Rows get a UUIDv7 where they are born (a laptop offline included)
// and keep it forever. The nil UUID (all zero) means "no id".
class Uuid {
public:
    Uuid() = default;
    explicit Uuid(const std::array<std::uint8_t, 16>& bytes) : m_bytes(bytes) {}

    // Canonical 8-4-4-4-12 lower-case hex; accepts upper case too. nullopt when malformed.
    static std::optional<Uuid> parse(std::string_view text);

    std::string toString() const;
    bool isNil() const;
    int version() const { return m_bytes[6] >> 4; }
    const std::array<std::uint8_t, 16>& bytes() const { return m_bytes; }

    auto operator<=>(const Uuid&) const = default;

private:
    std::array<std::uint8_t, 16> m_bytes{};
};

// Generates UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then a 12-bit counter seeded
// randomly each millisecond and 62 random bits. Within one generator ids are strictly
// increasing even when the clock stands still or steps back (method 1 of RFC 9562 §6.2:
// the counter carries into the timestamp). Thread-safe.
class UuidGenerator {
public:
    explicit UuidGenerator(const Clock& clock, std::uint64_t seed = 0);
    Uuid next();

private:
    const Clock& m_clock;
    std::mutex m_mutex;
    std::uint64_t m_lastMs = 0;
    std::uint32_t m_counter = 0;
    std::uint64_t m_state; // splitmix64 state for the random bits
};

} // namespace yanghu

template <>
struct std::hash<yanghu::Uuid> {
    std::size_t operator()(const yanghu::Uuid& u) const noexcept
    {
        std::size_t h = 1469598103934665603ull;
        for (auto b : u.bytes()) h = (h ^ b) * 1099511628211ull;
        return h;
    }
};
