// SPDX-License-Identifier: MIT
#pragma once

#include <Poco/Channel.h>
#include <Poco/Message.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace yanghu::server {

// A log channel that appends each formatted line to a buffer and has one thread write the
// buffer to a file descriptor in large writes. Request threads then pay for an append under a
// mutex, not for a write system call each: at 20,000 requests a second the per-request
// line written straight to standard error cost more than serving the request.
//
// Lines reach the descriptor within `interval`; a warning wakes the writer at once; an error
// or worse is written by the caller before log() returns (the process may be about to end).
// Lines always leave in the order they were logged.
// When the descriptor cannot keep up and `maxBuffered` bytes wait, further lines are
// dropped and counted; the next write starts with how many were lost. close() (and the
// destructor) writes what is left. A process killed outright loses at most one interval.
class BatchingChannel final : public Poco::Channel {
public:
    explicit BatchingChannel(int fd, std::chrono::milliseconds interval = std::chrono::milliseconds(50),
                             std::size_t maxBuffered = 8u << 20);

    void open() override;
    void close() override;
    void log(const Poco::Message& message) override;

    std::uint64_t dropped() const;

protected:
    ~BatchingChannel() override;

private:
    void run();
    std::string takeBatch(); // under m_mutex: the buffer (and a dropped-lines notice), emptied
    void writeAll(const std::string& text);

    const int m_fd;
    const std::chrono::milliseconds m_interval;
    const std::size_t m_maxBuffered;
    mutable std::mutex m_mutex; // the buffer and the flags below
    std::mutex m_writeMutex;    // the descriptor; taken while m_mutex is held, never the reverse
    std::condition_variable m_wake;
    std::string m_buffer;        // lines not yet written
    std::uint64_t m_dropped = 0; // lines dropped since the last write
    std::uint64_t m_droppedTotal = 0;
    bool m_urgent = false;
    bool m_stopping = false;
    bool m_writerDone = false; // the writer has taken its last batch: callers write through
    std::thread m_writer;
};

} // namespace yanghu::server
