// SPDX-License-Identifier: MIT
#include "yanghu/core/plan/Problem.h"

#include <cmath>
#include <numbers>

namespace yanghu::plan {

double haversineMetres(const GeoPoint& a, const GeoPoint& b)
{
    constexpr double earthRadiusM = 6'371'008.8;
    constexpr double rad = std::numbers::pi / 180.0;
    const double dLat = (b.lat - a.lat) * rad;
    const double dLon = (b.lon - a.lon) * rad;
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
                     std::cos(a.lat * rad) * std::cos(b.lat * rad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * earthRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
}

int Problem::travelMinutes(const GeoPoint& from, const GeoPoint& to) const
{
    const double metresPerMinute = rules.travelKmh * 1000.0 / 60.0;
    // A hair below the next whole minute counts as that minute: floating error must not make
    // the engine, the checker and the MILP disagree on a leg.
    const int minutes = static_cast<int>(std::ceil(haversineMetres(from, to) / metresPerMinute - 1e-9));
    const int step = std::max(1, rules.timeStep);
    return (std::max(0, minutes) + step - 1) / step * step;
}

bool Problem::qualified(const Job& job, const Crew& crew) const
{
    if (!job.waitsFor.empty() || (job.skills & ~crew.skills) != 0) return false;
    const std::uint32_t drawn = drawnEquipment(job, crew);
    for (int bit = 0; bit < 32; ++bit) {
        if ((drawn >> bit & 1U) != 0 && poolOf(bit) <= 0) return false;
    }
    return true;
}

} // namespace yanghu::plan
