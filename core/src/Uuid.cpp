// SPDX-License-Identifier: MIT
#include "yanghu/core/Uuid.h"

#include <random>

namespace yanghu {
namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::uint64_t splitmix64(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

} // namespace

std::optional<Uuid> Uuid::parse(std::string_view text)
{
    if (text.size() != 36) return std::nullopt;
    std::array<std::uint8_t, 16> bytes{};
    std::size_t b = 0;
    for (std::size_t i = 0; i < 36;) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (text[i] != '-') return std::nullopt;
            ++i;
            continue;
        }
        int hi = hexValue(text[i]);
        int lo = hexValue(text[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        bytes[b++] = static_cast<std::uint8_t>(hi << 4 | lo);
        i += 2;
    }
    return Uuid{bytes};
}

std::string Uuid::toString() const
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
        out.push_back(digits[m_bytes[i] >> 4]);
        out.push_back(digits[m_bytes[i] & 0xf]);
    }
    return out;
}

bool Uuid::isNil() const
{
    for (auto b : m_bytes)
        if (b != 0) return false;
    return true;
}

UuidGenerator::UuidGenerator(const Clock& clock, std::uint64_t seed)
    : m_clock(clock), m_state(seed != 0 ? seed : std::random_device{}() * 0x100000001ull ^ std::random_device{}())
{
}

Uuid UuidGenerator::next()
{
    std::lock_guard lock(m_mutex);
    auto ms = static_cast<std::uint64_t>(m_clock.now().time_since_epoch().count());
    if (ms > m_lastMs) {
        m_lastMs = ms;
        // Seed the counter in the lower half of its range so bursts rarely overflow it.
        m_counter = static_cast<std::uint32_t>(splitmix64(m_state) & 0x7ff);
    } else if (++m_counter > 0xfff) {
        // Clock stood still (or stepped back) for 2048+ ids: borrow the next millisecond.
        ++m_lastMs;
        m_counter = 0;
    }
    std::uint64_t rand = splitmix64(m_state);
    std::array<std::uint8_t, 16> b{};
    for (int i = 0; i < 6; ++i) b[i] = static_cast<std::uint8_t>(m_lastMs >> (40 - 8 * i));
    b[6] = static_cast<std::uint8_t>(0x70 | (m_counter >> 8));
    b[7] = static_cast<std::uint8_t>(m_counter & 0xff);
    b[8] = static_cast<std::uint8_t>(0x80 | (rand >> 58));
    for (int i = 9; i < 16; ++i) b[i] = static_cast<std::uint8_t>(rand >> (8 * (15 - i)));
    return Uuid{b};
}

} // namespace yanghu
