// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Clock.h"

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace yanghu::server {

// Slows password guessing: after `userLimit` failed logins for one username, or
// `addressLimit` from one address (higher: a depot's laptops may share one address), within
// `window`, further attempts wait. The wait starts at 30 s and doubles with each further
// failure, up to 15 minutes. A success clears the username's count (not the address's).
// In memory per server process; Thread-safe.
class LoginThrottle {
public:
    explicit LoginThrottle(const Clock& clock, int userLimit = 5, int addressLimit = 30,
                           std::chrono::minutes window = std::chrono::minutes(15));

    // How long the caller must wait before trying again; zero when an attempt may proceed.
    std::chrono::seconds retryAfter(const std::string& username, const std::string& address);
    void failed(const std::string& username, const std::string& address);
    void succeeded(const std::string& username);

private:
    struct Entry {
        int failures = 0;
        Instant firstFailure{};
        Instant lastFailure{};
    };
    std::chrono::seconds waitFor(const Entry& e, int limit, Instant now) const;
    void note(const std::string& key, Instant now);

    const Clock& m_clock;
    int m_userLimit;
    int m_addressLimit;
    std::chrono::minutes m_window;
    std::mutex m_mutex;
    std::unordered_map<std::string, Entry> m_entries; // "u:" + username or "a:" + address
};

} // namespace yanghu::server
