// SPDX-License-Identifier: MIT
#include "auth/LoginThrottle.h"

#include <algorithm>

namespace yanghu::server {

namespace {
constexpr std::size_t kMaxEntries = 100000; // an attack from many addresses cannot grow memory without end
constexpr std::chrono::seconds kFirstWait{30};
constexpr std::chrono::seconds kLongestWait{15 * 60};
} // namespace

LoginThrottle::LoginThrottle(const Clock& clock, int userLimit, int addressLimit, std::chrono::minutes window)
    : m_clock(clock), m_userLimit(userLimit), m_addressLimit(addressLimit), m_window(window)
{
}

std::chrono::seconds LoginThrottle::waitFor(const Entry& e, int limit, Instant now) const
{
    if (e.failures < limit) return std::chrono::seconds(0);
    auto wait = kFirstWait;
    for (int i = limit; i < e.failures && wait < kLongestWait; ++i) wait *= 2;
    wait = std::min(wait, kLongestWait);
    const auto until = e.lastFailure + wait;
    if (until <= now) return std::chrono::seconds(0);
    return std::chrono::ceil<std::chrono::seconds>(until - now);
}

std::chrono::seconds LoginThrottle::retryAfter(const std::string& username, const std::string& address)
{
    const Instant now = m_clock.now();
    const std::lock_guard lock(m_mutex);
    std::chrono::seconds wait{0};
    if (auto it = m_entries.find("u:" + username); it != m_entries.end())
        wait = std::max(wait, waitFor(it->second, m_userLimit, now));
    if (auto it = m_entries.find("a:" + address); it != m_entries.end())
        wait = std::max(wait, waitFor(it->second, m_addressLimit, now));
    return wait;
}

void LoginThrottle::note(const std::string& key, Instant now)
{
    auto& e = m_entries[key];
    // Failures older than the window are forgotten once the caller has waited out any lock.
    if (e.failures > 0 && now - e.lastFailure > m_window) e = Entry{};
    if (e.failures == 0) e.firstFailure = now;
    ++e.failures;
    e.lastFailure = now;
}

void LoginThrottle::failed(const std::string& username, const std::string& address)
{
    const Instant now = m_clock.now();
    const std::lock_guard lock(m_mutex);
    if (m_entries.size() >= kMaxEntries) {
        for (auto it = m_entries.begin(); it != m_entries.end();)
            it = now - it->second.lastFailure > m_window ? m_entries.erase(it) : std::next(it);
    }
    note("u:" + username, now);
    note("a:" + address, now);
}

void LoginThrottle::succeeded(const std::string& username)
{
    const std::lock_guard lock(m_mutex);
    m_entries.erase("u:" + username);
}

} // namespace yanghu::server
