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

QString Labels::assetKind(std::string_view s)
{
    if (s == "sidewalk_segment") return tr("Sidewalk section");
    if (s == "storm_inlet") return tr("Storm-drain inlet");
    if (s == "manhole") return tr("Manhole");
    if (s == "pipe_segment") return tr("Pipe");
    if (s == "bridge") return tr("Bridge");
    return raw(s);
}

QString Labels::errorText(const Error& error)
{
    QString text = QString::fromStdString(error.code);
    if (auto d = error.params.find("detail"); d != error.params.end() && !d->second.empty())
        text += QStringLiteral(": ") + QString::fromStdString(d->second);
    return text;
}

QString Labels::assetStatus(std::string_view s)
{
    if (s == "in_service") return tr("In service");
    if (s == "out_of_service") return tr("Out of service");
    if (s == "removed") return tr("Removed");
    return raw(s);
}

QString Labels::measure(std::string_view s)
{
    if (s == "m2_relaid") return tr("m² relaid");
    if (s == "inlets_cleaned") return tr("inlets cleaned");
    if (s == "m_dredged") return tr("metres dredged");
    if (s == "covers_replaced") return tr("covers replaced");
    if (s == "assets_inspected") return tr("assets inspected");
    if (s == "sites_made_safe") return tr("sites made safe");
    return raw(s);
}

QString Labels::defectCategory(std::string_view s)
{
    if (s == "broken_pavers") return tr("Broken pavers");
    if (s == "raised_tree_pit_stone") return tr("Raised tree-pit stone");
    if (s == "trip_hazard") return tr("Trip hazard");
    if (s == "clogged_inlet") return tr("Clogged inlet");
    if (s == "damaged_grate") return tr("Damaged grate");
    if (s == "cover_rattling") return tr("Cover rattles");
    if (s == "cover_sunken") return tr("Cover sunken");
    if (s == "cover_missing") return tr("Cover missing");
    if (s == "pipe_blockage") return tr("Pipe blocked");
    if (s == "bridge_joint_damage") return tr("Expansion joint damaged");
    if (s == "bridge_railing_damage") return tr("Railing damaged");
    if (s == "bridge_deck_damage") return tr("Deck damaged");
    if (s == "other") return tr("Other");
    return raw(s);
}

QString Labels::severity(int s)
{
    switch (s) {
    case 1:
        return tr("1 — minor");
    case 2:
        return tr("2 — moderate");
    case 3:
        return tr("3 — serious");
    case 4:
        return tr("4 — immediate hazard");
    default:
        return QString::number(s);
    }
}

QString Labels::fieldProblem(const FieldError& problem)
{
    const auto param = [&](const char* name) {
        auto it = problem.params.find(name);
        return it == problem.params.end() ? QString() : QString::fromStdString(it->second);
    };
    const std::string& c = problem.code;
    if (c == "required" || c == "empty") return tr("Required.");
    if (c == "order_invalid") return tr("The end is before the start.");
    if (c == "out_of_range") {
        if (!param("max").isEmpty()) return tr("Must be more than %1 and at most %2.").arg(param("min"), param("max"));
        return tr("Must be more than %1.").arg(param("min"));
    }
    if (c == "too_long") return tr("At most %1 characters.").arg(param("max"));
    if (c == "invalid_format") return tr("Not a usable file (%1 expected).").arg(param("expected"));
    if (c == "not_found") return tr("Not found: %1").arg(param("value"));
    return tr("Not accepted (%1).").arg(QString::fromStdString(c));
}

} // namespace yanghu::client
