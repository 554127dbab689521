// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <list>
#include <mutex>

namespace yanghu::store {

// A counting semaphore that serves its waiters in arrival order. std::counting_semaphore (and
// a plain mutex) let a newcomer take a unit just released while older waiters sleep on: under
// a burst — 200 laptops pushing at the end of a shift — some callers then wait past their
// deadline while later ones are served. Here a released unit goes to the oldest waiter, so a
// wait is bounded by the queue ahead of it. A waiter that gives up leaves the queue and hands
// its turn on. Thread-safe; the semaphore must outlive every waiter.
class FifoSemaphore {
public:
    explicit FifoSemaphore(int units) : m_free(units) {}
    FifoSemaphore(const FifoSemaphore&) = delete;
    FifoSemaphore& operator=(const FifoSemaphore&) = delete;

    // True with a unit taken; false when none came within `wait` (nothing taken).
    bool tryAcquireFor(std::chrono::steady_clock::duration wait);
    void release();

    // Callers that had to queue since construction (for metrics).
    std::uint64_t queued() const;

private:
    struct Waiter {
        std::condition_variable wake;
    };
    void wakeFront(); // m_mutex held

    mutable std::mutex m_mutex;
    int m_free;
    std::list<Waiter*> m_queue; // oldest first; a waiter's node lives on its own stack
    std::uint64_t m_queued = 0;
};

// Holds one unit for its lifetime, when one came within the wait.
class FifoUnit {
public:
    FifoUnit(FifoSemaphore& semaphore, std::chrono::steady_clock::duration wait)
        : m_semaphore(semaphore), m_held(semaphore.tryAcquireFor(wait))
    {
    }
    ~FifoUnit()
    {
        if (m_held) m_semaphore.release();
    }
    FifoUnit(const FifoUnit&) = delete;
    FifoUnit& operator=(const FifoUnit&) = delete;
    bool held() const { return m_held; }

private:
    FifoSemaphore& m_semaphore;
    bool m_held;
};

} // namespace yanghu::store
