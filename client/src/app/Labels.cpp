// SPDX-License-Identifier: MIT
#include "app/Labels.h"

namespace yanghu::client {

namespace {

QString raw(std::string_view value)
{
    return QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size()));
}

} // namespace

QString Labels::workOrderStatus(std::string_view s)
{
    if (s == "draft") return tr("Draft");
    if (s == "ready") return tr("Ready");
    if (s == "scheduled") return tr("Scheduled");
    if (s == "in_progress") return tr("In progress");
    if (s == "completed") return tr("Completed");
    if (s == "verified") return tr("Verified");
    if (s == "on_hold") return tr("On hold");
    if (s == "cancelled") return tr("Cancelled");
    return raw(s);
}

QString Labels::trafficImpact(std::string_view s)
{
    if (s == "none") return tr("None");
    if (s == "sidewalk_closure") return tr("Sidewalk closed");
    if (s == "lane_closure") return tr("Lane closed");
    if (s == "road_closure") return tr("Road closed");
    return raw(s);
}

QString Labels::priority(int p)
{
    switch (p) {
    case 1:
        return tr("P1 urgent");
    case 2:
        return tr("P2 high");
    case 3:
        return tr("P3 normal");
    case 4:
        return tr("P4 low");
    default:
        return QStringLiteral("P%1").arg(p);
    }
}

QString Labels::shiftKind(std::string_view s)
{
    if (s == "day") return tr("Day shift");
    if (s == "night") return tr("Night shift");
    return raw(s);
}

QString Labels::role(std::string_view s)
{
    if (s == "field_crew") return tr("Field crew");
    if (s == "dispatcher") return tr("Dispatcher");
    if (s == "supervisor") return tr("Supervisor");
    if (s == "admin") return tr("Administrator");
    return raw(s);
}

} // namespace yanghu::client
