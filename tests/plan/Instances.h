// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Uuid.h"
#include "yanghu/core/plan/Problem.h"

#include <cstdint>

// Random planning instances for the tests and the benchmark: a few square kilometres of city,
// crews at two depots, night shifts, durations and travel on the MILP's time grid.
namespace yanghu::plan::testkit {

struct InstanceShape {
    int jobs = 12;
    int crews = 2;
    int nights = 2;
    int timeStep = 15; // durations and travel are multiples of it
    int shiftMinutes = 8 * 60;
    double closureShare = 0.3; // jobs with a lane closure
    double segmentShare = 0.3; // sidewalk jobs on a few streets (adjacent segments)
    double mandatoryShare = 0.15;
    double pooledShare = 0.2; // jobs that need the pooled jetter
    int precedencePairs = 1;
    int holdMinutes = 0; // curing after a sidewalk job
    double areaKm = 4;   // side of the square the sites lie in
};

Problem randomInstance(const InstanceShape& shape, std::uint64_t seed);

// A fixed version-7 id numbered n (0..65535), for hand-made domain rows.
Uuid idOf(int n);

} // namespace yanghu::plan::testkit
