// SPDX-License-Identifier: MIT
// Deliberately plain: quadratic loops over the plan as written, no state shared with the engine.
#include "yanghu/core/plan/Checker.h"

#include <algorithm>
#include <map>
#include <utility>

namespace yanghu::plan {

namespace {

struct Interval {
    long long begin = 0;
    long long end = 0;
};

long long absStart(const Placement& p)
{
    return static_cast<long long>(p.night) * kMinutesPerNight + p.start;
}

std::map<std::pair<int, int>, std::vector<int>> routesOf(const std::vector<Placement>& placements)
{
    std::map<std::pair<int, int>, std::vector<int>> routes;
    for (int j = 0; j < static_cast<int>(placements.size()); ++j) {
        if (placements[j].placed()) routes[{placements[j].crew, placements[j].night}].push_back(j);
    }
    for (auto& [key, jobs] : routes) {
        std::sort(jobs.begin(), jobs.end(), [&](int a, int b) {
            return placements[a].start != placements[b].start ? placements[a].start < placements[b].start : a < b;
        });
    }
    return routes;
}

} // namespace

std::vector<Violation> checkPlan(const Problem& problem, const std::vector<Placement>& placements)
{
    std::vector<Violation> out;
    auto add = [&](int job, const char* rule, std::string detail) { out.push_back({job, rule, std::move(detail)}); };
    const Rules& rules = problem.rules;
    const int jobCount = static_cast<int>(problem.jobs.size());
    if (static_cast<int>(placements.size()) != jobCount) {
        add(-1, "shape", "one placement per job expected");
        return out;
    }
    for (int j = 0; j < jobCount; ++j) {
        const Placement& p = placements[j];
        if (!p.placed()) continue;
        if (p.crew >= static_cast<int>(problem.crews.size()) || p.night < 0 || p.night >= rules.nights) {
            add(j, "shape", "crew or night out of range");
            return out;
        }
    }

    for (int j = 0; j < jobCount; ++j) {
        const Placement& p = placements[j];
        if (!p.placed()) continue;
        const Job& job = problem.jobs[j];
        const Crew& crew = problem.crews[p.crew];
        if (p.night >= static_cast<int>(crew.works.size()) || !crew.works[p.night]) {
            add(j, "crew_roster", "the crew does not work that night");
        }
        if (p.start < 0 || p.start + job.duration > rules.shiftMinutes) add(j, "shift_window", "outside the shift");
        if (job.closure && (p.start < rules.closureFrom || p.start + job.duration > rules.closureTo)) {
            add(j, "closure_window", "closure outside the closure window");
        }
        if ((job.skills & ~crew.skills) != 0) add(j, "skill", "the crew lacks a required skill");
        for (int bit = 0; bit < 32; ++bit) {
            if (((job.equipment & ~crew.equipment) >> bit & 1U) != 0 && problem.poolOf(bit) <= 0) {
                add(j, "equipment", "the crew lacks equipment that no pool shares");
            }
        }
        const long long begin = absStart(p);
        if (begin < job.earliestStart) add(j, "earliest_start", "starts before its earliest start");
        if (begin + job.duration > job.latestEnd) add(j, "deadline", "ends after its deadline");
        if (!job.waitsFor.empty()) add(j, "precedence", "placed while the work it follows is outside the plan and not done");
        for (int before : job.after) {
            if (!placements[before].placed()) {
                add(j, "precedence", "placed while the work it follows is not");
            } else if (absStart(placements[before]) + problem.jobs[before].duration > begin) {
                add(j, "precedence", "starts before the work it follows has ended");
            }
        }
    }

    // Routes: one job at a time, travel between sites, out from and back to the depot.
    std::map<std::pair<int, int>, std::uint32_t> drawn; // (night, crew) -> pooled bits
    for (const auto& [key, jobs] : routesOf(placements)) {
        const Crew& crew = problem.crews[key.first];
        GeoPoint at = crew.depot;
        int freeAt = 0;
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            const Job& job = problem.jobs[jobs[i]];
            const int start = placements[jobs[i]].start;
            if (i > 0 && start < freeAt) {
                add(jobs[i], "overlap", "starts before the crew's previous job has ended");
            } else if (start < freeAt + problem.travelMinutes(at, job.site)) {
                add(jobs[i], "travel", "no time to drive from the previous site or the depot");
            }
            freeAt = start + job.duration;
            at = job.site;
            drawn[{key.second, key.first}] |= problem.drawnEquipment(job, crew);
        }
        if (freeAt + problem.travelMinutes(at, crew.depot) > rules.shiftMinutes) {
            add(jobs.back(), "depot_travel", "no time to drive back to the depot before the shift ends");
        }
    }
    for (int night = 0; night < rules.nights; ++night) {
        for (int bit = 0; bit < 32; ++bit) {
            if (problem.poolOf(bit) <= 0) continue; // not pooled: the "equipment" rule speaks
            int crews = 0;
            for (const auto& [key, bits] : drawn) crews += key.first == night && (bits >> bit & 1U) != 0;
            if (crews > problem.poolOf(bit)) {
                add(-1, "equipment_pool",
                    "night " + std::to_string(night) + ": more crews draw pooled equipment " + std::to_string(bit) +
                        " than the pool has");
            }
        }
    }

    // The walkway rules over each closure's whole length (curing included).
    std::vector<int> segmented;
    for (int j = 0; j < jobCount; ++j) {
        if (placements[j].placed() && problem.jobs[j].segment.street >= 0) segmented.push_back(j);
    }
    auto occupied = [&](int j) {
        const long long begin = absStart(placements[j]);
        return Interval{begin, begin + problem.jobs[j].duration + problem.jobs[j].segment.holdMinutes};
    };
    for (std::size_t a = 0; a < segmented.size(); ++a) {
        const SegmentRef& sa = problem.jobs[segmented[a]].segment;
        const Interval ia = occupied(segmented[a]);
        int open = 0;
        for (std::size_t b = 0; b < segmented.size(); ++b) {
            const SegmentRef& sb = problem.jobs[segmented[b]].segment;
            if (sb.street != sa.street) continue;
            const Interval ib = occupied(segmented[b]);
            if (ib.begin <= ia.begin && ia.begin < ib.end) ++open; // open when segment a opens (a included)
            if (b > a && sb.side == sa.side && std::abs(sb.index - sa.index) <= 1 && ia.begin < ib.end &&
                ib.begin < ia.end) {
                add(segmented[b], "adjacent_segments", "open at the same time as an adjacent segment");
            }
        }
        if (open > rules.maxOpenSegmentsPerStreet) {
            add(segmented[a], "open_segments", "more segments of the street open at once than allowed");
        }
    }
    return out;
}

Objective evaluatePlan(const Problem& problem, const std::vector<Placement>& placements)
{
    Objective o;
    const Weights& w = problem.weights;
    const int nights = problem.rules.nights;
    std::vector<std::int64_t> load(problem.crews.size(), 0);
    for (std::size_t j = 0; j < problem.jobs.size() && j < placements.size(); ++j) {
        const Job& job = problem.jobs[j];
        const Placement& p = placements[j];
        if (p.placed()) {
            if (job.dueNight != INT_MAX)
                o.latenessNights += std::int64_t{job.weight} * std::max(0, p.night - job.dueNight);
            o.riskNights += std::int64_t{job.risk} * p.night;
            if (job.previous && (job.previous->crew != p.crew || job.previous->night != p.night)) ++o.moved;
            load[p.crew] += job.duration;
        } else {
            o.mandatoryUnplaced += job.mandatory ? 1 : 0;
            const std::int64_t late = job.dueNight == INT_MAX ? 0 : std::max(0, nights - job.dueNight);
            o.latenessNights += std::int64_t{job.weight} * (late + w.unplacedNights);
            o.riskNights += std::int64_t{job.risk} * (nights + w.unplacedNights);
            if (job.previous) ++o.moved;
        }
    }
    for (const auto& [key, jobs] : routesOf(placements)) {
        GeoPoint at = problem.crews[key.first].depot;
        for (int j : jobs) {
            o.travelMinutes += problem.travelMinutes(at, problem.jobs[j].site);
            at = problem.jobs[j].site;
        }
        o.travelMinutes += problem.travelMinutes(at, problem.crews[key.first].depot);
    }
    std::int64_t busiest = 0;
    std::int64_t idlest = -1;
    int rostered = 0;
    for (std::size_t c = 0; c < problem.crews.size(); ++c) {
        const auto& works = problem.crews[c].works;
        if (std::find(works.begin(), works.end(), true) == works.end()) continue;
        ++rostered;
        busiest = std::max(busiest, load[c]);
        idlest = idlest < 0 ? load[c] : std::min(idlest, load[c]);
    }
    o.balanceMinutes = rostered >= 2 ? busiest - idlest : 0;
    o.total = weightedTotal(w, o);
    return o;
}

} // namespace yanghu::plan
