// SPDX-License-Identifier: MIT
#pragma once

#include "store/Filters.h"
#include "store/Repository.h"

#include "yanghu/core/domain/WorkOrder.h"

namespace yanghu::store {

struct WorkOrderFilter {
    std::optional<WorkOrderStatus> status{};
    std::optional<Uuid> crewId{};
    std::optional<Date> shiftDateFrom{}; // inclusive
    std::optional<Date> shiftDateTo{};   // inclusive
    std::optional<Uuid> programmeId{};
    std::optional<Uuid> assetId{};       // orders that include this asset
    std::optional<int> priority{};
};

// Work orders with their child rows (asset and defect links, labour, material, quantity and
// note lines), written and read together with the order in one transaction. An update makes
// each changed child list equal to the entity's (merging append-only lines is sync's job,
// before it calls update); field_versions names child lists by their wire field.
class WorkOrderRepository : public Repository<WorkOrder> {
public:
    WorkOrderRepository();
    using Repository<WorkOrder>::list;
    // The list filter as SQL conditions (what list and listVersions take).
    static Where where(const WorkOrderFilter& filter);
    Result<Page<WorkOrder>> list(Tx& tx, const WorkOrderFilter& filter, const PageRequest& page = {});
};

} // namespace yanghu::store
