// SPDX-License-Identifier: MIT
#include "store/DefectReportRepository.h"

namespace yanghu::store {

namespace {
Mapping<DefectReport> defectMapping()
{
    std::vector<Column<DefectReport>> columns{
        field<DefectReport>("category", [](auto& d) -> auto& { return d.category; }),
        field<DefectReport>("severity", [](auto& d) -> auto& { return d.severity; }),
        field<DefectReport>("source", [](auto& d) -> auto& { return d.source; }),
        field<DefectReport>("asset_id", [](auto& d) -> auto& { return d.assetId; }),
    };
    for (auto& c : optionalPoint<DefectReport>("lon", "lat", "location", [](auto& d) -> auto& { return d.location; }))
        columns.push_back(std::move(c));
    for (auto& c : std::vector<Column<DefectReport>>{
             field<DefectReport>("description", [](auto& d) -> auto& { return d.description; }),
             field<DefectReport>("photos", [](auto& d) -> auto& { return d.photos; }),
             field<DefectReport>("status", [](auto& d) -> auto& { return d.status; }),
             field<DefectReport>("duplicate_of", [](auto& d) -> auto& { return d.duplicateOf; }),
             field<DefectReport>("work_order_id", [](auto& d) -> auto& { return d.workOrderId; }),
             field<DefectReport>("reject_reason", [](auto& d) -> auto& { return d.rejectReason; }),
             field<DefectReport>("reported_at", [](auto& d) -> auto& { return d.reportedAt; }),
             field<DefectReport>("reported_by", [](auto& d) -> auto& { return d.reportedBy; }),
             field<DefectReport>("external_id", [](auto& d) -> auto& { return d.externalId; }),
         })
        columns.push_back(std::move(c));
    return {"defect_report", std::move(columns), {}};
}
} // namespace

DefectReportRepository::DefectReportRepository() : Repository<DefectReport>(shared(&defectMapping)) {}

Where DefectReportRepository::where(const DefectReportFilter& filter)
{
    Where where;
    if (filter.status) where.add("status = ?", {std::string(enumName(*filter.status))});
    if (filter.category) where.add("category = ?", {std::string(enumName(*filter.category))});
    if (filter.severity) where.add("severity = ?", {std::int64_t{*filter.severity}});
    if (filter.minSeverity) where.add("severity >= ?", {std::int64_t{*filter.minSeverity}});
    if (filter.assetId) where.add("asset_id = ?", {filter.assetId->toString()});
    if (filter.reportedFrom) where.add("reported_at >= ?", {SqlCodec<Instant>::encode(*filter.reportedFrom)});
    if (filter.reportedTo) where.add("reported_at < ?", {SqlCodec<Instant>::encode(*filter.reportedTo)});
    filter::inBox(where, filter.bbox);
    if (filter.crewScope) {
        // Deleted assets, streets and crews grant nothing (as the single-row checks say).
        where.add("asset_id IN (SELECT a.id FROM asset a JOIN street s ON s.id = a.street_id JOIN crew c ON "
                  "c.district = s.district WHERE c.id = ? AND a.deleted = 0 AND s.deleted = 0 AND c.deleted = 0) "
                  "OR reported_by = ?",
                  {filter.crewScope->crewId.toString(), filter.crewScope->reporterId.toString()});
    }
    return where;
}

Result<Page<DefectReport>> DefectReportRepository::list(Tx& tx, const DefectReportFilter& filter, const PageRequest& page)
{
    return Repository::list(tx, where(filter), page);
}

} // namespace yanghu::store
