// SPDX-License-Identifier: MIT
#include "demo/GeoMath.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace yanghu::demo {
namespace {

constexpr double DegToRad = std::numbers::pi / 180.0;

struct Vec {
    double east;
    double north;
};

// `to` relative to `from` in local metres.
Vec localDelta(GeoPoint from, GeoPoint to)
{
    const double midLat = (from.lat + to.lat) / 2 * DegToRad;
    return {(to.lon - from.lon) * DegToRad * EarthRadiusM * std::cos(midLat), (to.lat - from.lat) * DegToRad * EarthRadiusM};
}

} // namespace

double haversineM(GeoPoint a, GeoPoint b)
{
    const double dLat = (b.lat - a.lat) * DegToRad;
    const double dLon = (b.lon - a.lon) * DegToRad;
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
                     std::cos(a.lat * DegToRad) * std::cos(b.lat * DegToRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * EarthRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
}

double polylineLengthM(const std::vector<GeoPoint>& line)
{
    double total = 0;
    for (std::size_t i = 1; i < line.size(); ++i) total += haversineM(line[i - 1], line[i]);
    return total;
}

GeoPoint offsetPoint(GeoPoint p, double eastM, double northM)
{
    const double lat = p.lat + northM / (EarthRadiusM * DegToRad);
    const double lon = p.lon + eastM / (EarthRadiusM * DegToRad * std::cos(p.lat * DegToRad));
    return {lon, lat};
}

StreetSide sideOf(const std::vector<GeoPoint>& line, GeoPoint p)
{
    double best = std::numeric_limits<double>::max();
    double cross = 0;
    for (std::size_t i = 1; i < line.size(); ++i) {
        const Vec seg = localDelta(line[i - 1], line[i]);
        const Vec rel = localDelta(line[i - 1], p);
        const double len2 = seg.east * seg.east + seg.north * seg.north;
        if (len2 <= 0) continue;
        const double t = std::clamp((rel.east * seg.east + rel.north * seg.north) / len2, 0.0, 1.0);
        const double de = rel.east - t * seg.east;
        const double dn = rel.north - t * seg.north;
        const double dist2 = de * de + dn * dn;
        if (dist2 < best) {
            best = dist2;
            cross = seg.east * rel.north - seg.north * rel.east;
        }
    }
    if (std::abs(cross) < 1e-9) return StreetSide::None;
    return cross > 0 ? StreetSide::Left : StreetSide::Right;
}

PolylineWalker::PolylineWalker(const std::vector<GeoPoint>& line) : m_line(line)
{
    m_cumulative.reserve(line.size());
    m_cumulative.push_back(0);
    for (std::size_t i = 1; i < line.size(); ++i) {
        m_cumulative.push_back(m_cumulative.back() + haversineM(line[i - 1], line[i]));
        const Vec d = localDelta(line[i - 1], line[i]);
        const double len = std::hypot(d.east, d.north);
        m_east.push_back(len > 0 ? d.east / len : 1);
        m_north.push_back(len > 0 ? d.north / len : 0);
    }
}

std::size_t PolylineWalker::segmentAt(double chainage) const
{
    // First vertex beyond the chainage; the segment ends there.
    auto it = std::upper_bound(m_cumulative.begin(), m_cumulative.end(), chainage);
    std::size_t end = static_cast<std::size_t>(it - m_cumulative.begin());
    end = std::clamp<std::size_t>(end, 1, m_line.size() - 1);
    return end - 1;
}

GeoPoint PolylineWalker::shifted(std::size_t segment, double chainage, double leftM) const
{
    const double segLen = m_cumulative[segment + 1] - m_cumulative[segment];
    const double t = segLen > 0 ? std::clamp((chainage - m_cumulative[segment]) / segLen, 0.0, 1.0) : 0.0;
    const GeoPoint& a = m_line[segment];
    const GeoPoint& b = m_line[segment + 1];
    const GeoPoint on{a.lon + t * (b.lon - a.lon), a.lat + t * (b.lat - a.lat)};
    if (leftM == 0) return on;
    // Left of the direction of travel (east, north) is (-north, east).
    return offsetPoint(on, -m_north[segment] * leftM, m_east[segment] * leftM);
}

GeoPoint PolylineWalker::pointAt(double chainage, double leftM) const
{
    return shifted(segmentAt(chainage), chainage, leftM);
}

std::vector<GeoPoint> PolylineWalker::range(double from, double to, double leftM) const
{
    std::vector<GeoPoint> out;
    const std::size_t first = segmentAt(from);
    const std::size_t last = segmentAt(to);
    out.push_back(shifted(first, from, leftM));
    for (std::size_t s = first; s < last; ++s) {
        // Vertex s+1 lies strictly inside the range; shift it with the incoming segment.
        if (m_cumulative[s + 1] > from && m_cumulative[s + 1] < to) out.push_back(shifted(s, m_cumulative[s + 1], leftM));
    }
    out.push_back(shifted(last, to, leftM));
    return out;
}

} // namespace yanghu::demo
