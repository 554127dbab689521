// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace yanghu::demo {

// xoshiro256** seeded through splitmix64. The demo city must be byte-identical for a seed on
// every platform, so all draws go through this class: std::*_distribution output is
// implementation-defined and must not be used here.
class DemoRandom {
public:
    explicit DemoRandom(std::uint64_t seed)
    {
        std::uint64_t s = seed;
        for (auto& word : m_s) word = splitmix64(s);
    }

    // An independent stream for one stage of generation, so that changing how many draws one
    // stage makes does not reshuffle every later stage.
    DemoRandom fork(std::string_view label) const
    {
        std::uint64_t h = 1469598103934665603ull;
        for (char c : label) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        return DemoRandom(m_s[0] ^ h ^ (m_s[2] << 1));
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    // Uniform in [0, 1) with 53 random bits.
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + unit() * (hi - lo); }
    // Uniform integer in [0, n); n > 0. The modulo bias (< 2^-40 for our n) does not matter here.
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    // Uniform integer in [lo, hi].
    int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1))); }
    bool chance(double p) { return unit() < p; }

    template <class T>
    const T& pick(const std::vector<T>& items)
    {
        return items[below(items.size())];
    }

    // Index drawn with the given (non-negative, not all zero) weights.
    std::size_t weighted(const std::vector<double>& weights)
    {
        double total = 0;
        for (double w : weights) total += w;
        double r = unit() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (r < weights[i]) return i;
            r -= weights[i];
        }
        return weights.size() - 1;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitmix64(std::uint64_t& state)
    {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }

    std::uint64_t m_s[4];
};

} // namespace yanghu::demo
