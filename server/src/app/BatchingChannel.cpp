// SPDX-License-Identifier: MIT
#include "app/BatchingChannel.h"

#include <cerrno>
#include <unistd.h>

namespace yanghu::server {

BatchingChannel::BatchingChannel(int fd, std::chrono::milliseconds interval, std::size_t maxBuffered)
    : m_fd(fd), m_interval(interval), m_maxBuffered(maxBuffered), m_writer([this] { run(); })
{
}

BatchingChannel::~BatchingChannel() { close(); }

void BatchingChannel::open() {}

void BatchingChannel::close()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) return;
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_writer.joinable()) m_writer.join();
}

void BatchingChannel::log(const Poco::Message& message)
{
    const std::string& text = message.getText();
    const bool urgent = message.getPriority() <= Poco::Message::PRIO_WARNING;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            writeAll(text + '\n'); // after close (static destruction order): write through
            return;
        }
        if (m_buffer.size() + text.size() + 1 > m_maxBuffered) {
            ++m_dropped;
            ++m_droppedTotal;
            return;
        }
        m_buffer += text;
        m_buffer += '\n';
        m_urgent = m_urgent || urgent;
    }
    if (urgent) m_wake.notify_one();
}

std::uint64_t BatchingChannel::dropped() const
{
    std::lock_guard lock(m_mutex);
    return m_droppedTotal;
}

void BatchingChannel::run()
{
    std::string batch;
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait_for(lock, m_interval, [this] { return m_urgent || m_stopping; });
        batch.clear();
        if (m_dropped) {
            batch = "log: " + std::to_string(m_dropped) + " lines dropped (the log could not keep up)\n";
            batch += m_buffer;
            m_buffer.clear();
        } else {
            batch.swap(m_buffer); // the buffer keeps the batch's capacity for the next lines
        }
        m_dropped = 0;
        m_urgent = false;
        const bool stopping = m_stopping;
        lock.unlock();
        writeAll(batch); // without the lock: request threads keep appending meanwhile
        if (stopping) return;
        lock.lock();
    }
}

void BatchingChannel::writeAll(const std::string& text)
{
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(m_fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return; // nowhere to write (closed or full disk): the lines are lost, not the server
        done += static_cast<std::size_t>(n);
    }
}

} // namespace yanghu::server
