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
    const auto priority = message.getPriority();
    std::unique_lock lock(m_mutex);
    if (m_writerDone || priority <= Poco::Message::PRIO_ERROR) {
        // Errors go out before this call returns (the process may be about to die), after
        // everything logged before them; so does anything after close().
        std::string out = takeBatch();
        out += text;
        out += '\n';
        std::lock_guard write(m_writeMutex); // after any batch the writer took earlier
        lock.unlock();
        writeAll(out);
        return;
    }
    if (m_buffer.size() + text.size() + 1 > m_maxBuffered) {
        ++m_dropped;
        ++m_droppedTotal;
        return;
    }
    m_buffer += text;
    m_buffer += '\n';
    if (priority <= Poco::Message::PRIO_WARNING) {
        m_urgent = true;
        lock.unlock();
        m_wake.notify_one();
    }
}

std::uint64_t BatchingChannel::dropped() const
{
    std::lock_guard lock(m_mutex);
    return m_droppedTotal;
}

std::string BatchingChannel::takeBatch()
{
    std::string batch;
    if (m_dropped) {
        batch = "log: " + std::to_string(m_dropped) + " lines dropped (the log could not keep up)\n";
        batch += m_buffer;
        m_buffer.clear();
    } else {
        batch.swap(m_buffer);
    }
    m_dropped = 0;
    m_urgent = false;
    return batch;
}

void BatchingChannel::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait_for(lock, m_interval, [this] { return m_urgent || m_stopping; });
        const bool stopping = m_stopping;
        std::string batch = takeBatch();
        if (stopping) m_writerDone = true; // later lines are written by their callers
        {
            // Taken before the buffer lock is let go: a caller writing through waits for
            // this older batch, so lines leave in the order they were logged.
            std::lock_guard write(m_writeMutex);
            lock.unlock();
            writeAll(batch);
        }
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
