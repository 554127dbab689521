// SPDX-License-Identifier: MIT
#include "Instances.h"

#include <algorithm>
#include <array>
#include <random>

namespace yanghu::plan::testkit {

Problem randomInstance(const InstanceShape& shape, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    auto chance = [&](double p) { return uniform(0, 1) < p; };

    Problem p;
    p.skillNames = {"paving", "inlet_cleaning", "manhole"};
    p.equipmentNames = {"jetter", "plate_compactor"};
    p.streetNames = {"太行东街", "Main Street", "中山路"};
    p.rules.nights = shape.nights;
    p.rules.shiftMinutes = shape.shiftMinutes;
    p.rules.closureFrom = 60;
    p.rules.closureTo = shape.shiftMinutes - 60;
    p.rules.timeStep = shape.timeStep;
    p.rules.travelKmh = 25;
    p.rules.maxOpenSegmentsPerStreet = 2;
    p.rules.equipmentPool = {1, 0}; // one shared jetter truck
    p.firstNight = Date{std::chrono::year{2027}, std::chrono::month{5}, std::chrono::day{25}};

    // Shijiazhuang-ish: degrees per km at 38° N.
    const GeoPoint origin{114.50, 38.03};
    const double lonPerKm = 1 / 87.7;
    const double latPerKm = 1 / 111.0;
    auto site = [&] {
        return GeoPoint{origin.lon + uniform(0, shape.areaKm) * lonPerKm,
                        origin.lat + uniform(0, shape.areaKm) * latPerKm};
    };
    const GeoPoint depots[2] = {site(), site()};

    for (int c = 0; c < shape.crews; ++c) {
        Crew crew;
        crew.key = "C-" + std::to_string(c + 1);
        crew.depot = depots[c % 2];
        // Every crew can pave; inlet and manhole skills alternate so skills matter.
        crew.skills = 1U | (c % 2 == 0 ? 2U : 4U) | (c % 3 == 2 ? 6U : 0U);
        crew.equipment = c % 2 == 0 ? 2U : 0U; // half the crews own a plate compactor
        crew.works.assign(shape.nights, true);
        if (shape.nights > 1 && c % 3 == 1) crew.works[pick(0, shape.nights - 1)] = false; // a night off
        p.crews.push_back(crew);
    }

    const int step = shape.timeStep;
    std::vector<int> nextSegment(p.streetNames.size() * 2, 0);
    for (int j = 0; j < shape.jobs; ++j) {
        Job job;
        job.key = "WO-" + std::to_string(1000 + j);
        job.duration = step * pick(std::max(1, 30 / step), std::max(2, 120 / step));
        job.site = site();
        const int kind = pick(0, 2);
        job.skills = 1U << kind;
        if (kind == 0 && chance(0.5)) job.equipment |= 2U;                   // compactor for paving
        if (kind == 1 && chance(shape.pooledShare * 3)) job.equipment |= 1U; // the pooled jetter
        job.closure = chance(shape.closureShare);
        job.mandatory = chance(shape.mandatoryShare);
        job.weight = pick(1, 4);
        job.risk = chance(0.3) ? pick(1, 5) : 0;
        job.dueNight = pick(-1, shape.nights);
        if (chance(0.2))
            job.latestEnd = pick(1, shape.nights) * kMinutesPerNight + shape.shiftMinutes - kMinutesPerNight;
        if (chance(0.1)) job.earliestStart = kMinutesPerNight * pick(0, shape.nights - 1) + step * pick(0, 8);
        if (kind == 0 && chance(shape.segmentShare * 2)) {
            const int street = pick(0, static_cast<int>(p.streetNames.size()) - 1);
            const int side = pick(1, 2);
            job.segment.street = street;
            job.segment.side = side;
            // Consecutive segments mostly, so adjacency bites.
            job.segment.index = nextSegment[street * 2 + side - 1]++;
            job.segment.holdMinutes = shape.holdMinutes;
            job.site = GeoPoint{origin.lon + street * 0.01 + job.segment.index * 0.0005, origin.lat + side * 0.0003};
        }
        p.jobs.push_back(job);
    }
    for (int k = 0; k < shape.precedencePairs && shape.jobs >= 2; ++k) {
        const int a = pick(0, shape.jobs - 1);
        const int b = pick(0, shape.jobs - 1);
        if (a == b || std::find(p.jobs[a].after.begin(), p.jobs[a].after.end(), b) != p.jobs[a].after.end()) continue;
        p.jobs[std::max(a, b)].after.push_back(std::min(a, b)); // earlier index first: no cycles
    }
    return p;
}

Uuid idOf(int n)
{
    std::array<std::uint8_t, 16> bytes{};
    bytes[14] = static_cast<std::uint8_t>(n >> 8);
    bytes[15] = static_cast<std::uint8_t>(n & 0xff);
    bytes[6] = 0x70;
    return Uuid(bytes);
}

} // namespace yanghu::plan::testkit
