// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/domain/Asset.h"

#include <vector>

// Small-scale geodesy for the demo city: great-circle lengths and a local planar frame
// (east/north metres) around each point, good to centimetres over a few kilometres.
namespace yanghu::demo {

inline constexpr double EarthRadiusM = 6371008.8;

// Great-circle distance in metres.
double haversineM(GeoPoint a, GeoPoint b);
double polylineLengthM(const std::vector<GeoPoint>& line);
// `p` moved by the given metres east and north.
GeoPoint offsetPoint(GeoPoint p, double eastM, double northM);

// Which side of `line` (as seen walking from its first point) `p` lies on; None when on it.
StreetSide sideOf(const std::vector<GeoPoint>& line, GeoPoint p);

// Positions along a polyline by chainage (metres from its first point, haversine lengths).
// Holds a reference to `line`, which must outlive the walker.
class PolylineWalker {
public:
    explicit PolylineWalker(const std::vector<GeoPoint>& line);

    double lengthM() const { return m_cumulative.back(); }
    // The point at `chainage` (clamped to the line), moved `leftM` metres to the left of the
    // direction of travel (negative = right).
    GeoPoint pointAt(double chainage, double leftM = 0) const;
    // The part of the line between two chainages, shifted sideways by `leftM`.
    std::vector<GeoPoint> range(double from, double to, double leftM = 0) const;
    // Chainage of each vertex.
    const std::vector<double>& vertexChainages() const { return m_cumulative; }

private:
    std::size_t segmentAt(double chainage) const;
    GeoPoint shifted(std::size_t segment, double chainage, double leftM) const;

    const std::vector<GeoPoint>& m_line;
    std::vector<double> m_cumulative;
    std::vector<double> m_east, m_north; // unit direction of each segment
};

} // namespace yanghu::demo
