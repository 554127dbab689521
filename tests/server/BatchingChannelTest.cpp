// SPDX-License-Identifier: MIT
// The server's request log channel (app/BatchingChannel): every line arrives, in order; a
// warning is written at once; a log that cannot keep up drops lines and says how many.
#include "app/BatchingChannel.h"

#include <Poco/AutoPtr.h>
#include <Poco/Message.h>

#include <gtest/gtest.h>

#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <string>
#include <vector>

using yanghu::server::BatchingChannel;

namespace {

struct Pipe {
    int fds[2]{-1, -1};
    Pipe() { EXPECT_EQ(::pipe(fds), 0); }
    ~Pipe()
    {
        ::close(fds[0]);
        ::close(fds[1]);
    }
    // What arrives within `wait` (the pipe is read until nothing more comes).
    std::string read(std::chrono::milliseconds wait) const
    {
        std::string out;
        pollfd p{fds[0], POLLIN, 0};
        while (::poll(&p, 1, static_cast<int>(wait.count())) > 0) {
            char buffer[4096];
            const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
            if (n <= 0) break;
            out.append(buffer, static_cast<std::size_t>(n));
            wait = std::chrono::milliseconds(50);
        }
        return out;
    }
};

Poco::Message message(const std::string& text, Poco::Message::Priority priority = Poco::Message::PRIO_INFORMATION)
{
    return Poco::Message("yanghu.http", text, priority);
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

TEST(BatchingChannel, EveryLineArrivesInOrderByClose)
{
    Pipe pipe;
    Poco::AutoPtr<BatchingChannel> channel(new BatchingChannel(pipe.fds[1], std::chrono::milliseconds(5)));
    for (int i = 0; i < 1000; ++i) channel->log(message("request " + std::to_string(i) + " 丛台路"));
    channel->close();
    const auto got = lines(pipe.read(std::chrono::milliseconds(500)));
    ASSERT_EQ(got.size(), 1000u);
    for (int i = 0; i < 1000; ++i) EXPECT_EQ(got[static_cast<std::size_t>(i)], "request " + std::to_string(i) + " 丛台路");
    EXPECT_EQ(channel->dropped(), 0u);
}

TEST(BatchingChannel, AWarningIsWrittenWithoutWaitingForTheInterval)
{
    Pipe pipe;
    Poco::AutoPtr<BatchingChannel> channel(new BatchingChannel(pipe.fds[1], std::chrono::hours(1)));
    channel->log(message("routine"));
    channel->log(message("database busy", Poco::Message::PRIO_WARNING));
    EXPECT_EQ(pipe.read(std::chrono::seconds(5)), "routine\ndatabase busy\n");
    channel->close();
}

TEST(BatchingChannel, AnErrorIsWrittenBeforeLogReturnsAfterTheLinesBeforeIt)
{
    Pipe pipe;
    Poco::AutoPtr<BatchingChannel> channel(new BatchingChannel(pipe.fds[1], std::chrono::hours(1)));
    channel->log(message("routine"));
    channel->log(message("cannot open the database", Poco::Message::PRIO_CRITICAL));
    EXPECT_EQ(pipe.read(std::chrono::milliseconds(0)), "routine\ncannot open the database\n");
    channel->close();
}

TEST(BatchingChannel, ALogThatCannotKeepUpDropsLinesAndSaysHowMany)
{
    Pipe pipe;
    // Room for four 20-byte lines; the writer only wakes at close.
    Poco::AutoPtr<BatchingChannel> channel(new BatchingChannel(pipe.fds[1], std::chrono::hours(1), 4 * 21));
    for (int i = 0; i < 50; ++i) channel->log(message(std::string(19, 'a') + std::to_string(i % 10)));
    EXPECT_EQ(channel->dropped(), 46u);
    channel->close();
    const auto got = lines(pipe.read(std::chrono::milliseconds(500)));
    ASSERT_EQ(got.size(), 5u);
    EXPECT_EQ(got[0], "log: 46 lines dropped (the log could not keep up)");
    EXPECT_EQ(got[4], std::string(19, 'a') + "3");
}

TEST(BatchingChannel, LinesAfterCloseAreWrittenThrough)
{
    Pipe pipe;
    Poco::AutoPtr<BatchingChannel> channel(new BatchingChannel(pipe.fds[1]));
    channel->close();
    channel->log(message("stopped"));
    EXPECT_EQ(pipe.read(std::chrono::milliseconds(500)), "stopped\n");
}

} // namespace
