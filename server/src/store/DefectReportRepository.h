// SPDX-License-Identifier: MIT
#pragma once

#include "store/Filters.h"
#include "store/Repository.h"

#include "yanghu/core/domain/DefectReport.h"

namespace yanghu::store {

// A field crew member's view of defect reports: those on assets whose street lies in the
// district of `crewId`, and those `reporterId` reported (an asset-less report is visible to
// its reporter only).
struct DefectCrewScope {
    Uuid crewId;
    Uuid reporterId;
};

struct DefectReportFilter {
    std::optional<DefectStatus> status{};
    std::optional<DefectCategory> category{};
    std::optional<int> severity{};    // exactly
    std::optional<int> minSeverity{}; // at least
    std::optional<Uuid> assetId{};
    std::optional<Instant> reportedFrom{}; // inclusive
    std::optional<Instant> reportedTo{};   // exclusive
    std::optional<BoundingBox> bbox{};     // on the report's location
    std::optional<DefectCrewScope> crewScope{};
};

class DefectReportRepository : public Repository<DefectReport> {
public:
    DefectReportRepository();
    using Repository<DefectReport>::list;
    // The list filter as SQL conditions (what list and listVersions take).
    static Where where(const DefectReportFilter& filter);
    Result<Page<DefectReport>> list(Tx& tx, const DefectReportFilter& filter, const PageRequest& page = {});
};

} // namespace yanghu::store
