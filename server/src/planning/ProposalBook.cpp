// SPDX-License-Identifier: MIT
#include "planning/ProposalBook.h"

namespace yanghu::planning {

std::shared_ptr<const Proposal> ProposalBook::add(Proposal proposal)
{
    auto shared = std::make_shared<const Proposal>(std::move(proposal));
    std::lock_guard lock(m_mutex);
    m_proposals.push_back(shared);
    while (m_proposals.size() > m_keep) m_proposals.pop_front();
    return shared;
}

std::shared_ptr<const Proposal> ProposalBook::find(const Uuid& id) const
{
    std::lock_guard lock(m_mutex);
    for (const auto& p : m_proposals) {
        if (p->id == id) return p;
    }
    return nullptr;
}

void ProposalBook::markApplied(const Uuid& id, const ApplyReport& report)
{
    std::lock_guard lock(m_mutex);
    for (auto& p : m_proposals) {
        if (p->id != id) continue;
        Proposal copy = *p;
        copy.applied = report;
        p = std::make_shared<const Proposal>(std::move(copy));
    }
}

nlohmann::json applyReportJson(const ApplyReport& report)
{
    return {{"scheduled", report.scheduled},
            {"moved", report.moved},
            {"unscheduled", report.unscheduled},
            {"unchanged", report.unchanged}};
}

nlohmann::json proposalJson(const Proposal& proposal)
{
    const PlanOutcome& o = proposal.outcome;
    const plan::Problem& problem = o.planning.problem;
    nlohmann::json routes = nlohmann::json::array();
    for (std::size_t c = 0; c < o.crews.size(); ++c) {
        for (int n = 0; n < problem.rules.nights; ++n) {
            const auto route = o.plan.route(static_cast<int>(c), n);
            if (route.empty()) continue;
            nlohmann::json orders = nlohmann::json::array();
            for (int j : route) {
                const WorkOrder& order = o.orders[j];
                const Assignment& a = o.assignments.at(order.id);
                orders.push_back(
                    {{"work_order_id", order.id.toString()},
                     {"number", plan::orderKey(order)},
                     {"title", order.title},
                     {"route_order", *a.routeOrder},
                     {"planned_start", formatInstant(*a.plannedStart)},
                     {"planned_end", formatInstant(*a.plannedEnd)},
                     {"previously", order.status == WorkOrderStatus::Scheduled && order.assignment.crewId
                                        ? nlohmann::json{{"crew_id", order.assignment.crewId->toString()},
                                                         {"shift_date", order.assignment.shiftDate
                                                                            ? formatDate(*order.assignment.shiftDate)
                                                                            : std::string()}}
                                        : nlohmann::json(nullptr)}});
            }
            routes.push_back({{"crew_id", o.crews[c].id.toString()},
                              {"crew_code", o.crews[c].code},
                              {"shift_date", formatDate(*o.assignments.at(o.orders[route.front()].id).shiftDate)},
                              {"orders", std::move(orders)}});
        }
    }
    nlohmann::json unplaced = nlohmann::json::array();
    for (const plan::Unplaced& u : o.plan.unplaced) {
        const WorkOrder& order = o.orders[u.job];
        nlohmann::json params = nlohmann::json::object();
        for (const auto& [k, v] : u.params) params[k] = v;
        unplaced.push_back({{"work_order_id", order.id.toString()},
                            {"number", plan::orderKey(order)},
                            {"title", order.title},
                            {"reason", plan::causeName(u.cause)},
                            {"params", std::move(params)},
                            {"message", plan::describe(problem, u)}});
    }
    const plan::Objective& obj = o.plan.objective;
    nlohmann::json json{
        {"id", proposal.id.toString()},
        {"created_at", formatInstant(proposal.createdAt)},
        {"created_by", proposal.createdBy.toString()},
        {"status", proposal.applied ? "applied" : "proposed"},
        {"from", formatDate(o.request.from)},
        {"nights", o.request.nights},
        {"roster_assumed", o.planning.rosterAssumed},
        {"routes", std::move(routes)},
        {"unplaced", std::move(unplaced)},
        {"objective",
         {{"total", obj.total},
          {"mandatory_unplaced", obj.mandatoryUnplaced},
          {"lateness_nights", obj.latenessNights},
          {"risk_nights", obj.riskNights},
          {"travel_minutes", obj.travelMinutes},
          {"balance_minutes", obj.balanceMinutes},
          {"moved", obj.moved}}},
        {"search",
         {{"iterations", o.plan.stats.iterations},
          {"first_feasible_ms", o.plan.stats.firstFeasibleMs},
          {"total_ms", o.plan.stats.totalMs}}},
    };
    if (proposal.applied) json["applied"] = applyReportJson(*proposal.applied);
    return json;
}

} // namespace yanghu::planning
