// SPDX-License-Identifier: MIT
#include "store/WorkOrderRepository.h"

#include "store/ChildTables.h"

namespace yanghu::store {

namespace {

Mapping<WorkOrder> workOrderMapping()
{
    std::vector<ChildTable<WorkOrder>> children{
        childTable<WorkOrder, Uuid>("work_order_asset", "asset_ids", "work_order_id",
                                    [](auto& w) -> auto& { return w.assetIds; },
                                    {field<Uuid>("asset_id", [](auto& u) -> auto& { return u; })}),
        childTable<WorkOrder, Uuid>("work_order_defect", "defect_ids", "work_order_id",
                                    [](auto& w) -> auto& { return w.defectIds; },
                                    {field<Uuid>("defect_id", [](auto& u) -> auto& { return u; })}),
        childTable<WorkOrder, LabourLine>("wo_labour", "labour", "work_order_id",
                                          [](auto& w) -> auto& { return w.labour; },
                                          {field<LabourLine>("user_id", [](auto& l) -> auto& { return l.userId; }),
                                           field<LabourLine>("worker", [](auto& l) -> auto& { return l.worker; }),
                                           field<LabourLine>("hours", [](auto& l) -> auto& { return l.hours; })}),
        childTable<WorkOrder, MaterialLine>("wo_material", "materials", "work_order_id",
                                            [](auto& w) -> auto& { return w.materials; },
                                            {field<MaterialLine>("material", [](auto& l) -> auto& { return l.material; }),
                                             field<MaterialLine>("quantity", [](auto& l) -> auto& { return l.quantity; }),
                                             field<MaterialLine>("unit", [](auto& l) -> auto& { return l.unit; })}),
        childTable<WorkOrder, QuantityLine>("wo_quantity", "quantities", "work_order_id",
                                            [](auto& w) -> auto& { return w.quantities; },
                                            {field<QuantityLine>("measure", [](auto& l) -> auto& { return l.measure; }),
                                             field<QuantityLine>("quantity", [](auto& l) -> auto& { return l.quantity; }),
                                             field<QuantityLine>("unit", [](auto& l) -> auto& { return l.unit; })}),
        childTable<WorkOrder, WorkNote>("wo_note", "notes", "work_order_id", [](auto& w) -> auto& { return w.notes; },
                                        {field<WorkNote>("author_id", [](auto& n) -> auto& { return n.authorId; }),
                                         field<WorkNote>("noted_at", [](auto& n) -> auto& { return n.at; }),
                                         field<WorkNote>("body", [](auto& n) -> auto& { return n.text; })}),
    };
    return {"work_order",
            {
                field<WorkOrder>("number", [](auto& w) -> auto& { return w.number; }),
                field<WorkOrder>("title", [](auto& w) -> auto& { return w.title; }),
                field<WorkOrder>("description", [](auto& w) -> auto& { return w.description; }),
                field<WorkOrder>("type", [](auto& w) -> auto& { return w.type; }),
                field<WorkOrder>("programme_id", [](auto& w) -> auto& { return w.programmeId; }),
                field<WorkOrder>("follows_id", [](auto& w) -> auto& { return w.followsId; }),
                field<WorkOrder>("priority", [](auto& w) -> auto& { return w.priority; }),
                field<WorkOrder>("traffic_impact", [](auto& w) -> auto& { return w.trafficImpact; }),
                field<WorkOrder>("estimated_minutes", [](auto& w) -> auto& { return w.estimatedMinutes; }),
                field<WorkOrder>("required_skills", [](auto& w) -> auto& { return w.requiredSkills; }),
                field<WorkOrder>("required_equipment", [](auto& w) -> auto& { return w.requiredEquipment; }),
                field<WorkOrder>("due_date", [](auto& w) -> auto& { return w.dueDate; }),
                field<WorkOrder>("crew_id", [](auto& w) -> auto& { return w.assignment.crewId; }),
                field<WorkOrder>("shift_date", [](auto& w) -> auto& { return w.assignment.shiftDate; }),
                field<WorkOrder>("planned_start", [](auto& w) -> auto& { return w.assignment.plannedStart; }),
                field<WorkOrder>("planned_end", [](auto& w) -> auto& { return w.assignment.plannedEnd; }),
                field<WorkOrder>("route_order", [](auto& w) -> auto& { return w.assignment.routeOrder; }),
                field<WorkOrder>("actual_start", [](auto& w) -> auto& { return w.actualStart; }),
                field<WorkOrder>("actual_end", [](auto& w) -> auto& { return w.actualEnd; }),
                field<WorkOrder>("photos", [](auto& w) -> auto& { return w.photos; }),
                field<WorkOrder>("status", [](auto& w) -> auto& { return w.status; }),
                field<WorkOrder>("hold_reason", [](auto& w) -> auto& { return w.holdReason; }),
                field<WorkOrder>("verified_by", [](auto& w) -> auto& { return w.verifiedBy; }),
            },
            std::move(children)};
}

} // namespace

WorkOrderRepository::WorkOrderRepository() : Repository<WorkOrder>(shared(&workOrderMapping)) {}

Where WorkOrderRepository::where(const WorkOrderFilter& filter)
{
    Where where;
    if (filter.status) where.add("status = ?", {std::string(enumName(*filter.status))});
    if (filter.crewId) where.add("crew_id = ?", {filter.crewId->toString()});
    if (filter.shiftDateFrom) where.add("shift_date >= ?", {formatDate(*filter.shiftDateFrom)});
    if (filter.shiftDateTo) where.add("shift_date <= ?", {formatDate(*filter.shiftDateTo)});
    if (filter.programmeId) where.add("programme_id = ?", {filter.programmeId->toString()});
    if (filter.assetId)
        where.add("id IN (SELECT work_order_id FROM work_order_asset WHERE asset_id = ?)", {filter.assetId->toString()});
    if (filter.priority) where.add("priority = ?", {std::int64_t{*filter.priority}});
    return where;
}

Result<Page<WorkOrder>> WorkOrderRepository::list(Tx& tx, const WorkOrderFilter& filter, const PageRequest& page)
{
    return Repository::list(tx, where(filter), page);
}

} // namespace yanghu::store
