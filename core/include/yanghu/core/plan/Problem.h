// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Time.h"
#include "yanghu/core/domain/Common.h"

#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// The off-peak segmented planning problem, in the planner's own terms: jobs, crews, nights and
// the city's rules, all as small integers so the engine, the feasibility checker and the exact
// MILP model (tests/plan) read one definition. Building it from work orders lives in
// FromDomain.h; nothing here knows about the database.
namespace yanghu::plan {

// Time inside a plan: night n's shift starts at absolute minute n * 1440, and a job's `start` is
// the minute offset into its night's shift. Nights are consecutive calendar dates, so one
// absolute axis orders work across nights (curing concrete outlasts a night).
inline constexpr int kMinutesPerNight = 24 * 60;

// A sidewalk segment's place on its street: jobs on the same street and side whose `index`
// differs by at most one may never be open at the same time.
struct SegmentRef {
    int street = -1; // index into Problem::streetNames; -1 = not segmented work
    int side = 0;    // 0 none, 1 left, 2 right
    int index = 0;   // position along the street side (chainage order)
    // Minutes the segment stays closed after the crew leaves (curing concrete). The closure
    // counts for the walkway rules over [start, end + holdMinutes).
    int holdMinutes = 0;
};

// Where a job was in the plan being revised; moving it costs Weights::stability.
struct PreviousSlot {
    int crew = -1;
    int night = -1;
};

struct Job {
    std::string key;             // what a dispatcher reads: the work order's number, else its id
    int duration = 60;           // minutes on site, traffic set-up and removal included
    std::uint32_t skills = 0;    // bit i = Problem::skillNames[i], all required
    std::uint32_t equipment = 0; // bit i = Problem::equipmentNames[i], all required
    bool closure = false;        // lane or road closure: only inside the closure window
    GeoPoint site;
    int earliestStart = 0;   // absolute minute
    int latestEnd = INT_MAX; // hard deadline, absolute minute (the work must end by it)
    int dueNight = INT_MAX;  // ideal: done on this night or earlier
    int weight = 1;          // lateness weight per night after dueNight
    bool mandatory = false;  // hazards and P1: leaving one out dominates every other goal
    int risk = 0;            // cost per night the job waits (a sinking cover)
    SegmentRef segment;
    std::vector<int> after; // jobs that must end before this one starts
    // Non-empty: the key of work this job must follow that lies outside the plan and is not done
    // (on hold, a draft, scheduled after the horizon). No crew may take the job.
    std::string waitsFor;
    std::optional<PreviousSlot> previous;
};

struct Crew {
    std::string key; // crew code
    std::uint32_t skills = 0;
    std::uint32_t equipment = 0; // owned: carried every night, never drawn from a pool
    GeoPoint depot;
    std::vector<bool> works; // per night: on the roster
};

// Integer weights of the one objective (lower is better). The defaults make each goal dominate
// the next for realistic magnitudes: one mandatory job left out (1,000,000) outweighs any
// lateness a week of nights can add; a job-night of lateness (1,000 × weight) outweighs a
// night of risk (100 × risk) and 100 minutes of travel; stability (200 a moved job) sits above
// a balance minute because a dispatcher would rather not see a crew's night rearranged for it.
struct Weights {
    std::int64_t mandatoryUnplaced = 1'000'000;
    std::int64_t lateness = 1000;
    int unplacedNights = 3; // an unplaced job counts as done this many nights after the horizon
    std::int64_t risk = 100;
    std::int64_t travel = 10; // per minute
    std::int64_t balance = 1; // per minute between the busiest and the idlest crew
    std::int64_t stability = 200;
};

struct Rules {
    int nights = 1;
    int shiftMinutes = 8 * 60;
    // Lane and road closures only within [closureFrom, closureTo) minutes into the shift.
    int closureFrom = 0;
    int closureTo = 8 * 60;
    double travelKmh = 25;
    int timeStep = 1; // travel is rounded up to a multiple of this (the MILP's grid)
    int maxOpenSegmentsPerStreet = 2;
    // Shared units per equipment bit; 0 = not pooled (only crews that own it may do the job).
    // A crew that draws a unit keeps it for the whole night.
    std::vector<int> equipmentPool;
};

struct Problem {
    std::vector<Job> jobs;
    std::vector<Crew> crews;
    Rules rules;
    Weights weights;
    std::vector<std::string> skillNames;
    std::vector<std::string> equipmentNames;
    std::vector<std::string> streetNames;
    // For reasons in words: the local date night 0 starts on, and the clock time it starts at.
    std::optional<Date> firstNight;
    MinuteOfDay shiftStartsAt = 22 * 60;

    int poolOf(int equipmentBit) const
    {
        return equipmentBit < static_cast<int>(rules.equipmentPool.size()) ? rules.equipmentPool[equipmentBit] : 0;
    }
    // Minutes to drive between two points (haversine at rules.travelKmh, rounded up to timeStep).
    int travelMinutes(const GeoPoint& from, const GeoPoint& to) const;
    // The pooled equipment bits a crew must draw for a job (0 when it owns everything needed).
    std::uint32_t drawnEquipment(const Job& job, const Crew& crew) const { return job.equipment & ~crew.equipment; }
    // Whether the crew could ever do the job: skills, and equipment owned or pooled; never while
    // the job waits for work outside the plan.
    bool qualified(const Job& job, const Crew& crew) const;
};

// Great-circle distance in metres.
double haversineMetres(const GeoPoint& a, const GeoPoint& b);

} // namespace yanghu::plan
