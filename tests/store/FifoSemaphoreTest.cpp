// SPDX-License-Identifier: MIT
// store::FifoSemaphore: units go to waiters in arrival order, a waiter that gives up hands its
// turn on, and the count is never exceeded. Real threads; the waits are generous, and only
// order and counts are asserted, never durations.
#include "store/FifoSemaphore.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

using yanghu::store::FifoSemaphore;
using yanghu::store::FifoUnit;
using namespace std::chrono_literals;

namespace {

// Waits until `semaphore` has counted `n` queued callers (each is then asleep in line).
void untilQueued(const FifoSemaphore& semaphore, std::uint64_t n)
{
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (semaphore.queued() < n && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
    ASSERT_EQ(semaphore.queued(), n);
}

TEST(FifoSemaphore, FreeUnitsAreTakenAtOnceAndNoMore)
{
    FifoSemaphore semaphore(2);
    EXPECT_TRUE(semaphore.tryAcquireFor(0s));
    EXPECT_TRUE(semaphore.tryAcquireFor(0s));
    EXPECT_FALSE(semaphore.tryAcquireFor(20ms)) << "a third unit of two";
    semaphore.release();
    EXPECT_TRUE(semaphore.tryAcquireFor(0s));
    EXPECT_EQ(semaphore.queued(), 1u);
}

TEST(FifoSemaphore, WaitersAreServedInTheOrderTheyArrived)
{
    FifoSemaphore semaphore(1);
    ASSERT_TRUE(semaphore.tryAcquireFor(0s));
    std::mutex mutex;
    std::vector<int> served;
    std::vector<std::thread> threads;
    constexpr int kWaiters = 8;
    for (int i = 0; i < kWaiters; ++i) {
        threads.emplace_back([&, i] {
            FifoUnit unit(semaphore, 30s);
            ASSERT_TRUE(unit.held());
            const std::lock_guard lock(mutex);
            served.push_back(i);
        });
        untilQueued(semaphore, static_cast<std::uint64_t>(i + 1)); // i is in line before i + 1 comes
    }
    semaphore.release();
    for (auto& t : threads) t.join();
    std::vector<int> expected(kWaiters);
    for (int i = 0; i < kWaiters; ++i) expected[static_cast<std::size_t>(i)] = i;
    EXPECT_EQ(served, expected);
}

TEST(FifoSemaphore, ANewcomerDoesNotOvertakeTheQueue)
{
    FifoSemaphore semaphore(1);
    ASSERT_TRUE(semaphore.tryAcquireFor(0s));
    std::atomic<bool> waiterServed{false};
    std::thread waiter([&] {
        FifoUnit unit(semaphore, 30s);
        waiterServed = unit.held();
        std::this_thread::sleep_for(50ms); // holds it while the newcomer tries
    });
    untilQueued(semaphore, 1);
    semaphore.release();
    // The released unit is the waiter's even if it has not woken yet: a caller arriving now
    // queues behind it, and gets the unit only after the waiter gave it back.
    EXPECT_TRUE(semaphore.tryAcquireFor(30s));
    EXPECT_TRUE(waiterServed.load());
    waiter.join();
    semaphore.release();
}

TEST(FifoSemaphore, AWaiterThatGivesUpHandsItsTurnOn)
{
    FifoSemaphore semaphore(1);
    ASSERT_TRUE(semaphore.tryAcquireFor(0s));
    std::atomic<bool> impatientGot{true};
    std::thread impatient([&] { impatientGot = semaphore.tryAcquireFor(100ms); });
    untilQueued(semaphore, 1);
    std::atomic<bool> patientGot{false};
    std::thread patient([&] { patientGot = semaphore.tryAcquireFor(30s); });
    untilQueued(semaphore, 2);
    impatient.join(); // gave up, first in line, nothing taken
    EXPECT_FALSE(impatientGot.load());
    semaphore.release();
    patient.join();
    EXPECT_TRUE(patientGot.load());
    // Exactly one unit exists and the patient one holds it.
    EXPECT_FALSE(semaphore.tryAcquireFor(0s));
    semaphore.release();
    EXPECT_TRUE(semaphore.tryAcquireFor(0s));
}

TEST(FifoSemaphore, ManyThreadsNeverHoldMoreUnitsThanThereAre)
{
    constexpr int kUnits = 3;
    FifoSemaphore semaphore(kUnits);
    std::atomic<int> holding{0};
    std::atomic<int> most{0};
    std::atomic<int> served{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 16; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                FifoUnit unit(semaphore, 30s);
                if (!unit.held()) continue;
                const int now = ++holding;
                for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
                }
                std::this_thread::yield();
                --holding;
                ++served;
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(served.load(), 16 * 200);
    EXPECT_LE(most.load(), kUnits);
    EXPECT_GE(most.load(), 1);
    for (int i = 0; i < kUnits; ++i) EXPECT_TRUE(semaphore.tryAcquireFor(0s)) << "every unit came back";
}

} // namespace
