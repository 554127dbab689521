// SPDX-License-Identifier: MIT
#pragma once

#include "demo/DemoRandom.h"

#include "yanghu/core/Domain.h"

#include <array>
#include <string>
#include <vector>

// The physical city (streets and assets) of the demo. Internal to the demo generator.
namespace yanghu::demo {

struct StreetInfo {
    int tile = 0;
    bool eastWest = true;
    bool arterial = false;
    double roadWidthM = 24;
    std::vector<double> crossings; // chainages of the intersections, ascending
};

// Consecutive storm inlets along one side of one street, in chainage order.
struct InletRun {
    std::size_t street = 0;
    StreetSide side = StreetSide::Left;
    std::vector<std::size_t> assets;
};

struct CityLayout {
    std::vector<Street> streets;
    std::vector<StreetInfo> info;       // parallel to streets
    std::vector<Asset> assets;
    std::vector<std::size_t> assetStreet; // parallel to assets
    // tileAssets[tile][kind] = indices into assets.
    std::vector<std::array<std::vector<std::size_t>, 5>> tileAssets;
    std::vector<InletRun> inletRuns;
    std::vector<std::string> tileDistricts; // the district each tile's crews are based in
    std::vector<GeoPoint> tileDepots;
};

CityLayout buildCityLayout(int scale, DemoRandom rng, UuidGenerator& ids, Instant setupAt);

// "北侧", "南侧", "西侧", "东侧" for the side of a street.
std::string sideLabel(const StreetInfo& street, StreetSide side);

} // namespace yanghu::demo
