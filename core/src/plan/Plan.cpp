// SPDX-License-Identifier: MIT
#include "yanghu/core/plan/Plan.h"

#include <algorithm>
#include <chrono>

namespace yanghu::plan {

std::int64_t weightedTotal(const Weights& w, const Objective& o)
{
    return w.mandatoryUnplaced * o.mandatoryUnplaced + w.lateness * o.latenessNights + w.risk * o.riskNights +
           w.travel * o.travelMinutes + w.balance * o.balanceMinutes + w.stability * o.moved;
}

std::vector<int> Plan::route(int crew, int night) const
{
    std::vector<int> jobs;
    for (int j = 0; j < static_cast<int>(placements.size()); ++j) {
        if (placements[j].crew == crew && placements[j].night == night) jobs.push_back(j);
    }
    std::sort(jobs.begin(), jobs.end(), [&](int a, int b) {
        return placements[a].start != placements[b].start ? placements[a].start < placements[b].start : a < b;
    });
    return jobs;
}

const char* causeName(UnplacedCause cause)
{
    switch (cause) {
    case UnplacedCause::NoCrewWithSkill:
        return "no_crew_with_skill";
    case UnplacedCause::NoEquipment:
        return "no_equipment";
    case UnplacedCause::LongerThanShift:
        return "longer_than_shift";
    case UnplacedCause::LongerThanClosure:
        return "longer_than_closure_window";
    case UnplacedCause::OutsideHorizon:
        return "outside_horizon";
    case UnplacedCause::NoQualifiedCrewOnRoster:
        return "no_qualified_crew_on_roster";
    case UnplacedCause::PredecessorUnplaced:
        return "predecessor_unplaced";
    case UnplacedCause::NoTimeLeft:
        return "no_time_left";
    case UnplacedCause::WalkwayRule:
        return "walkway_rule";
    case UnplacedCause::EquipmentPoolInUse:
        return "equipment_pool_in_use";
    case UnplacedCause::Precedence:
        return "precedence";
    case UnplacedCause::NotWorthTravel:
        return "not_worth_travel";
    }
    return "unknown";
}

namespace {

std::string param(const Unplaced& u, const std::string& key)
{
    const auto it = u.params.find(key);
    return it == u.params.end() ? std::string() : it->second;
}

std::string hoursText(const std::string& minutesText)
{
    const int minutes = minutesText.empty() ? 0 : std::stoi(minutesText);
    if (minutes < 60) return std::to_string(minutes) + " min";
    std::string text = std::to_string(minutes / 60) + " h";
    if (minutes % 60 != 0) text += " " + std::to_string(minutes % 60) + " min";
    return text;
}

// " before the 2027-06-01 deadline" or " in the plan's nights".
std::string deadlineText(const Unplaced& u)
{
    const std::string deadline = param(u, "deadline");
    return deadline.empty() ? " in the nights of this plan" : " on a night before the " + deadline + " deadline";
}

} // namespace

std::string describe(const Problem& problem, const Unplaced& u)
{
    (void)problem;
    switch (u.cause) {
    case UnplacedCause::NoCrewWithSkill:
        return "no crew has the skill " + param(u, "skill");
    case UnplacedCause::NoEquipment:
        return "no crew has " + param(u, "equipment") + " and none is shared in a pool";
    case UnplacedCause::LongerThanShift:
        if (u.params.count("travel") != 0) {
            return "it takes " + hoursText(param(u, "minutes")) + " and " + hoursText(param(u, "travel")) +
                   " of driving there and back; a shift is " + hoursText(param(u, "shift"));
        }
        return "it takes " + hoursText(param(u, "minutes")) + "; a shift is " + hoursText(param(u, "shift"));
    case UnplacedCause::LongerThanClosure:
        return "its closure takes " + hoursText(param(u, "minutes")) + "; the closure window is " +
               hoursText(param(u, "window"));
    case UnplacedCause::OutsideHorizon:
        return "no night of the plan lies between its earliest start and its deadline";
    case UnplacedCause::NoQualifiedCrewOnRoster:
        return "no crew with " + param(u, "what") + " works" + deadlineText(u);
    case UnplacedCause::PredecessorUnplaced:
        return "it must follow " + param(u, "job") + ", which is not planned";
    case UnplacedCause::NoTimeLeft:
        return "no crew with " + param(u, "what") + " is free" + deadlineText(u);
    case UnplacedCause::WalkwayRule:
        return "an adjacent segment of " + param(u, "street") +
               " is open, or the street has its limit of open segments, whenever a crew is free";
    case UnplacedCause::EquipmentPoolInUse:
        return "every " + param(u, "equipment") + " is out with other crews" + deadlineText(u);
    case UnplacedCause::Precedence:
        return "the work it must follow (" + param(u, "job") + ") ends too late on every free night";
    case UnplacedCause::NotWorthTravel:
        return "a crew could fit it in, but the plan is better without it this time (travel or lower priority)";
    }
    return causeName(u.cause);
}

} // namespace yanghu::plan
