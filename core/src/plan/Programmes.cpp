// SPDX-License-Identifier: MIT
#include "yanghu/core/plan/Programmes.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace yanghu::plan {

std::vector<Batch> batchAssets(const std::vector<Asset>& assets, const BatchSettings& settings)
{
    std::vector<const Asset*> located;
    for (const Asset& a : assets) {
        if (!a.geometry.empty() && !a.meta.deleted) located.push_back(&a);
    }
    // Along each street by chainage (then by position); assets with no street last, by position.
    std::stable_sort(located.begin(), located.end(), [](const Asset* a, const Asset* b) {
        if (a->streetId.has_value() != b->streetId.has_value()) return a->streetId.has_value();
        if (a->streetId && *a->streetId != *b->streetId) return *a->streetId < *b->streetId;
        const double ca = a->chainageFromM.value_or(-1);
        const double cb = b->chainageFromM.value_or(-1);
        if (ca != cb) return ca < cb;
        if (a->geometry.front().lon != b->geometry.front().lon)
            return a->geometry.front().lon < b->geometry.front().lon;
        return a->geometry.front().lat < b->geometry.front().lat;
    });
    const double metresPerMinute = std::max(1.0, settings.walkKmh) * 1000.0 / 60.0;
    std::vector<Batch> batches;
    Batch current;
    const Asset* previous = nullptr;
    auto close = [&] {
        if (!current.assetIds.empty()) batches.push_back(std::move(current));
        current = Batch{};
        previous = nullptr;
    };
    for (const Asset* a : located) {
        const bool newStreet = previous != nullptr && a->streetId != previous->streetId;
        if (newStreet) close();
        const int move = previous == nullptr
                             ? 0
                             : static_cast<int>(std::ceil(
                                   haversineMetres(previous->geometry.front(), a->geometry.front()) / metresPerMinute));
        const int added = move + settings.minutesPerAsset;
        if (!current.assetIds.empty() && current.minutes + added > settings.batchMinutes) close();
        if (current.assetIds.empty()) {
            current.streetId = a->streetId;
            current.start = a->geometry.front();
            current.minutes = settings.setupMinutes + settings.minutesPerAsset;
        } else {
            current.minutes += added;
        }
        current.assetIds.push_back(a->id);
        previous = a;
    }
    close();
    return batches;
}

Problem programmeProblem(const std::string& skill, Date from, int nights, int nightsPerWeek,
                         const std::vector<ProgrammeCrew>& crews, const std::vector<ProgrammeJob>& jobs, Rules rules)
{
    Problem p;
    p.skillNames = {skill};
    p.firstNight = from;
    p.rules = std::move(rules);
    p.rules.nights = nights;
    for (const ProgrammeCrew& crew : crews) {
        Crew c;
        c.key = crew.key;
        c.skills = 1U;
        c.depot = crew.depot;
        c.works.assign(nights, false);
        for (int n = 0; n < nights; ++n) c.works[n] = n % 7 < nightsPerWeek;
        p.crews.push_back(std::move(c));
    }
    for (const ProgrammeJob& work : jobs) {
        Job job;
        job.key = work.key;
        job.duration = work.minutes;
        job.skills = 1U;
        job.closure = work.closure;
        job.site = work.site;
        job.dueNight = 0;
        job.latestEnd = (nights - 1) * kMinutesPerNight + p.rules.shiftMinutes;
        p.jobs.push_back(std::move(job));
    }
    return p;
}

ProgrammeForecast forecastProgramme(const Problem& problem, const Plan& plan, int first, int count)
{
    ProgrammeForecast f;
    f.batches = count;
    int lastNight = -1;
    std::int64_t unplacedMinutes = 0;
    std::set<std::pair<int, int>> crewNights;
    std::int64_t placedMinutes = 0;
    for (int j = first; j < first + count && j < static_cast<int>(plan.placements.size()); ++j) {
        const Placement& p = plan.placements[j];
        if (p.placed()) {
            ++f.placed;
            lastNight = std::max(lastNight, p.night);
            crewNights.insert({p.crew, p.night});
            placedMinutes += problem.jobs[j].duration;
        } else {
            unplacedMinutes += problem.jobs[j].duration;
        }
    }
    f.averageMinutesPerCrewNight =
        crewNights.empty() ? problem.rules.shiftMinutes : static_cast<double>(placedMinutes) / crewNights.size();
    if (f.placed == f.batches) {
        if (lastNight >= 0) f.finishNight = lastNight;
    } else {
        f.missingCrewNights = static_cast<int>(
            std::ceil(static_cast<double>(unplacedMinutes) / std::max(1.0, f.averageMinutesPerCrewNight)));
    }
    return f;
}

} // namespace yanghu::plan
