// SPDX-License-Identifier: MIT
#include "http/Metrics.h"

#include <cstdio>
#include <sstream>

namespace yanghu::http {

void Metrics::record(const std::string& route, const std::string& method, int status, double seconds)
{
    const std::lock_guard lock(m_mutex);
    const auto key = std::make_pair(route, method);
    ++m_requests[key][status];
    auto& h = m_latency[key];
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    ++h.count;
    h.sum += seconds;
}

std::string Metrics::prometheusText(const Gauges& g) const
{
    std::ostringstream out;
    auto labels = [](const std::pair<std::string, std::string>& key) {
        return "route=\"" + key.first + "\",method=\"" + key.second + "\"";
    };
    auto number = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.6g", v);
        return std::string(buf);
    };
    const std::lock_guard lock(m_mutex);
    out << "# HELP yanghu_http_requests_total HTTP requests by route, method and status.\n"
           "# TYPE yanghu_http_requests_total counter\n";
    for (const auto& [key, byStatus] : m_requests)
        for (const auto& [status, n] : byStatus)
            out << "yanghu_http_requests_total{" << labels(key) << ",status=\"" << status << "\"} " << n << '\n';
    out << "# HELP yanghu_http_request_duration_seconds Time from routing to the response being written.\n"
           "# TYPE yanghu_http_request_duration_seconds histogram\n";
    for (const auto& [key, h] : m_latency) {
        for (std::size_t i = 0; i < kBuckets.size(); ++i)
            out << "yanghu_http_request_duration_seconds_bucket{" << labels(key) << ",le=\"" << number(kBuckets[i])
                << "\"} " << h.buckets[i] << '\n';
        out << "yanghu_http_request_duration_seconds_bucket{" << labels(key) << ",le=\"+Inf\"} " << h.count << '\n';
        out << "yanghu_http_request_duration_seconds_sum{" << labels(key) << "} " << number(h.sum) << '\n';
        out << "yanghu_http_request_duration_seconds_count{" << labels(key) << "} " << h.count << '\n';
    }
    auto gauge = [&](const char* name, const char* help, double v) {
        out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << " gauge\n" << name << ' ' << number(v) << '\n';
    };
    gauge("yanghu_http_connections_active", "Connections being served.", g.connectionsActive);
    gauge("yanghu_http_connections_queued", "Accepted connections waiting for a thread.", g.connectionsQueued);
    gauge("yanghu_http_threads_busy", "Server threads holding a connection.", g.threadsBusy);
    gauge("yanghu_http_threads_max", "Most server threads.", g.threadsMax);
    gauge("yanghu_db_pool_sessions_used", "Database sessions in use.", g.dbPoolUsed);
    gauge("yanghu_db_pool_sessions_idle", "Database sessions open and idle.", g.dbPoolIdle);
    gauge("yanghu_db_pool_sessions_max", "Most database sessions.", g.dbPoolMax);
    auto counter = [&](const char* name, const char* help, std::uint64_t v) {
        out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << " counter\n" << name << ' ' << v << '\n';
    };
    counter("yanghu_db_pool_waits_total", "Session requests that had to wait for a free session.", g.dbPoolWaits);
    counter("yanghu_db_writer_waits_total", "Write transactions that queued for their turn (SQLite).", g.dbWriterWaits);
    return out.str();
}

} // namespace yanghu::http
