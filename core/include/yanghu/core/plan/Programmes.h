// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/domain/Asset.h"
#include "yanghu/core/plan/Plan.h"

#include <optional>
#include <string>
#include <vector>

// Programmes ("clean every storm inlet before 1 June"): the programme's assets grouped along
// their streets into crew-night-sized batches (one work order each), and the forecast of when
// the crews available finish them.
namespace yanghu::plan {

struct BatchSettings {
    int minutesPerAsset = 12; // on site per inlet (lift the grate, jet, vacuum, close)
    int setupMinutes = 30;    // traffic set-up and removal, once per batch
    int batchMinutes = 300;   // target length of one batch (fits a closure window with travel)
    double walkKmh = 15;      // between neighbouring inlets of a batch (the truck creeps along)
};

struct Batch {
    std::optional<Uuid> streetId; // the street most of it lies on
    std::vector<Uuid> assetIds;   // in working order along the street
    int minutes = 0;              // set-up, work and moving between them
    GeoPoint start;               // the first asset (where the crew sets up)
};

// Batches in a stable order: by street, then chainage (or position, for assets without one);
// a batch never spans two streets; one asset longer than a batch is a batch of its own. Assets
// without geometry are left out (the caller reports them).
std::vector<Batch> batchAssets(const std::vector<Asset>& assets, const BatchSettings& settings);

// One night-sized piece of a programme's remaining work (an open order or a new batch), and a
// crew with the programme's skill.
struct ProgrammeJob {
    std::string key;
    int minutes = 0;
    GeoPoint site;
    bool closure = false; // the work closes a lane (only inside the closure window)
};
struct ProgrammeCrew {
    std::string key;
    GeoPoint depot;
};

// The planning problem of a programme from `from` for `nights` nights (the last is the night
// before the deadline): every job due on the first night, so the plan does them as early as it
// can, and none ending after the last night's shift; every crew works the first `nightsPerWeek`
// nights of each seven. `rules` gives the shift and the closure window; its night count is set.
Problem programmeProblem(const std::string& skill, Date from, int nights, int nightsPerWeek,
                         const std::vector<ProgrammeCrew>& crews, const std::vector<ProgrammeJob>& jobs,
                         Rules rules = {});

struct ProgrammeForecast {
    int batches = 0;
    int placed = 0;
    std::optional<int> finishNight; // the last night holding a batch, when every batch is placed
    int missingCrewNights = 0;      // crew-nights needed for the batches left out
    double averageMinutesPerCrewNight = 0;
};

// From a plan of a programme's batches (jobs `first` .. `first + count - 1` of the problem):
// when the last one is done, or how many more crew-nights (at the plan's average use of a
// crew-night) the batches left out would need.
ProgrammeForecast forecastProgramme(const Problem& problem, const Plan& plan, int first, int count);

} // namespace yanghu::plan
