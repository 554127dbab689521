// SPDX-License-Identifier: MIT
#include "store/FifoSemaphore.h"

namespace yanghu::store {

bool FifoSemaphore::tryAcquireFor(std::chrono::steady_clock::duration wait)
{
    std::unique_lock lock(m_mutex);
    // Nobody queued: a free unit is this caller's. With a queue, the unit is the oldest's
    // even when one is free for the moment (it has been signalled and is waking up).
    if (m_queue.empty() && m_free > 0) {
        --m_free;
        return true;
    }
    ++m_queued;
    Waiter me;
    const auto self = m_queue.insert(m_queue.end(), &me);
    const bool served = me.wake.wait_for(lock, wait, [&] { return m_free > 0 && m_queue.front() == &me; });
    m_queue.erase(self);
    if (served) --m_free;
    // Leaving, served or not: the next in line may now be first with a unit free.
    wakeFront();
    return served;
}

void FifoSemaphore::release()
{
    const std::lock_guard lock(m_mutex);
    ++m_free;
    wakeFront();
}

std::uint64_t FifoSemaphore::queued() const
{
    const std::lock_guard lock(m_mutex);
    return m_queued;
}

void FifoSemaphore::wakeFront()
{
    if (m_free > 0 && !m_queue.empty()) m_queue.front()->wake.notify_one();
}

} // namespace yanghu::store
