// SPDX-License-Identifier: MIT
#include "demo/GeoMath.h"

#include <gtest/gtest.h>

using namespace yanghu;
using namespace yanghu::demo;

TEST(GeoMath, HaversineMatchesAKnownDistance)
{
    // One degree of latitude is about 111.2 km on the mean-radius sphere.
    EXPECT_NEAR(haversineM({114.49, 36.0}, {114.49, 37.0}), 111195, 5);
    EXPECT_DOUBLE_EQ(haversineM({114.49, 36.61}, {114.49, 36.61}), 0);
}

TEST(GeoMath, OffsetPointMovesByTheRequestedMetres)
{
    const GeoPoint p{114.49, 36.61};
    EXPECT_NEAR(haversineM(p, offsetPoint(p, 300, 0)), 300, 0.05);
    EXPECT_NEAR(haversineM(p, offsetPoint(p, 0, -250)), 250, 0.05);
}

TEST(GeoMath, WalkerFindsPointsByChainageAndSide)
{
    const GeoPoint a{114.49, 36.61};
    const std::vector<GeoPoint> line = {a, offsetPoint(a, 200, 0), offsetPoint(a, 200, 100)};
    PolylineWalker walker(line);
    EXPECT_NEAR(walker.lengthM(), 300, 0.1);
    EXPECT_NEAR(haversineM(walker.pointAt(250), offsetPoint(a, 200, 50)), 0, 0.05);
    // Walking east, left is north.
    const GeoPoint left = walker.pointAt(100, 10);
    EXPECT_GT(left.lat, a.lat);
    EXPECT_EQ(sideOf(line, left), StreetSide::Left);
    EXPECT_EQ(sideOf(line, walker.pointAt(100, -10)), StreetSide::Right);
    // Walking north on the second leg, left is west.
    const GeoPoint west = walker.pointAt(250, 5);
    EXPECT_LT(west.lon, line[1].lon);
    EXPECT_EQ(sideOf(line, west), StreetSide::Left);
}

TEST(GeoMath, RangeKeepsInnerVerticesAndEnds)
{
    const GeoPoint a{114.49, 36.61};
    const std::vector<GeoPoint> line = {a, offsetPoint(a, 200, 0), offsetPoint(a, 200, 100)};
    PolylineWalker walker(line);
    const auto part = walker.range(150, 250);
    ASSERT_EQ(part.size(), 3u);
    EXPECT_NEAR(polylineLengthM(part), 100, 0.1);
}
