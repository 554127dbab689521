// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace yanghu::http {

// Request counters and latency histograms per route, rendered as Prometheus text. Recording
// takes one short lock; the route set is small and fixed, so memory stays bounded (unknown
// paths are counted under the route name "unmatched", never by their raw path).
class Metrics {
public:
    static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

    void record(const std::string& route, const std::string& method, int status, double seconds);

    // Gauges supplied at scrape time.
    struct Gauges {
        int connectionsActive = 0;
        int connectionsQueued = 0;
        int threadsBusy = 0;
        int threadsMax = 0;
        int dbPoolUsed = 0;
        int dbPoolIdle = 0;
        int dbPoolMax = 0;
        std::uint64_t dbPoolWaits = 0;
        std::uint64_t dbWriterWaits = 0;
    };
    std::string prometheusText(const Gauges& gauges) const;

private:
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex m_mutex;
    std::map<std::pair<std::string, std::string>, std::map<int, std::uint64_t>> m_requests; // (route, method) -> status -> n
    std::map<std::pair<std::string, std::string>, Histogram> m_latency;
};

} // namespace yanghu::http
