// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>

namespace yanghu {

// Instants are UTC with millisecond precision everywhere (DB, wire, rules).
using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

// The only way core reads the time, so tests can stand the clock still or move it.
class Clock {
public:
    virtual ~Clock() = default;
    virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
public:
    Instant now() const override
    {
        return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    }
};

// A clock that only moves when told to.
class ManualClock final : public Clock {
public:
    explicit ManualClock(Instant start) : m_now(start) {}
    Instant now() const override { return m_now; }
    void set(Instant t) { m_now = t; }
    void advance(std::chrono::milliseconds d) { m_now += d; }

private:
    Instant m_now;
};

} // namespace yanghu
