// SPDX-License-Identifier: MIT
#include "assets/AssetCard.h"

#include "app/Labels.h"
#include "field/RowText.h"
#include "replica/AssetList.h"

#include <QStringList>

namespace yanghu::client {

namespace {

// The kind attributes' names in words; an unknown one (a newer server) as it came.
QString attributeName(const std::string& key)
{
    static const std::pair<const char*, const char*> names[] = {
        {"paving_type", QT_TRANSLATE_NOOP("yanghu::client::AssetCard", "paving")},
        {"width_m", QT_TRANSLATE_NOOP("yanghu::client::AssetCard", "width (m)")},
        {"area_m2", QT_TRANSLATE_NOOP("yanghu::client::AssetCard", "area (m²)")},
        {"grate_type", QT_TRANSLATE_NOOP("yanghu::client::AssetCard", "grate")},
        {"last_cleaned", QT_TRANSLATE_NOOP("yanghu::client::AssetCard", "last cleaned")},
        {"cover_material", QT_TRANSLATE_NOOP("yanghu::client::AssetCard", "cover material")},
        {"diameter_mm", QT_TRANSLATE_NOOP("yanghu::client::AssetCard", "diameter (mm)")},
        {"load_class", QT_TRANSLATE_NOOP("yanghu::client::AssetCard", "load class")},
        {"length_m", QT_TRANSLATE_NOOP("yanghu::client::AssetCard", "length (m)")},
        {"material", QT_TRANSLATE_NOOP("yanghu::client::AssetCard", "material")},
        {"span_m", QT_TRANSLATE_NOOP("yanghu::client::AssetCard", "span (m)")},
        {"deck_area_m2", QT_TRANSLATE_NOOP("yanghu::client::AssetCard", "deck area (m²)")},
        {"rating", QT_TRANSLATE_NOOP("yanghu::client::AssetCard", "rating")},
    };
    for (const auto& [k, name] : names)
        if (key == k) return AssetCard::tr(name);
    return QString::fromStdString(key);
}

QString valueText(const Json& v)
{
    if (v.is_string()) return QString::fromStdString(v.get<std::string>());
    if (v.is_number_integer()) return QString::number(v.get<long long>());
    if (v.is_number()) return QString::number(v.get<double>(), 'g', 6);
    if (v.is_boolean()) return v.get<bool>() ? AssetCard::tr("yes") : AssetCard::tr("no");
    return QString::fromStdString(v.dump());
}

} // namespace

QString AssetCard::headline(const Replica& replica, const Json& a)
{
    QString line = QStringLiteral("%1 %2").arg(Labels::assetKind(text(a, "kind")), qtext(a, "code"));
    if (auto s = replica.row("street", text(a, "street_id")); s && *s) {
        const QString street = qtext(**s, "name");
        if (!street.isEmpty()) line += QStringLiteral(" · ") + street;
    }
    if (auto c = a.find("chainage_from_m"); c != a.end() && c->is_number())
        line += QStringLiteral(" · ") + tr("chainage %1 m").arg(c->get<double>(), 0, 'f', 0);
    return line;
}

QString AssetCard::describe(const Replica& replica, const std::string& assetId)
{
    auto asset = replica.row("asset", assetId);
    if (!asset || !*asset) return {};
    const Json& a = **asset;
    QStringList lines{headline(replica, a)};
    QString state = Labels::assetStatus(text(a, "status"));
    if (auto g = a.find("condition_grade"); g != a.end() && g->is_number_integer())
        state += QStringLiteral(" · ") + tr("condition %1 of 5").arg(g->get<int>());
    lines << state;
    if (auto attrs = a.find("attributes"); attrs != a.end() && attrs->is_object()) {
        QStringList parts;
        for (const auto& [key, value] : attrs->items())
            if (!value.is_null()) parts << QStringLiteral("%1: %2").arg(attributeName(key), valueText(value));
        if (!parts.isEmpty()) lines << parts.join(QStringLiteral(" · "));
    }
    auto works = worksOnAsset(replica, QString::fromStdString(assetId), kLastWorks);
    if (!works) {
        lines << tr("Last works cannot be read: %1").arg(Labels::errorText(works.error()));
    } else if (works->empty()) {
        lines << tr("No works recorded on this asset.");
    } else {
        lines << tr("Last works:");
        for (const Json& w : *works) {
            QString when = qtext(w, "actual_end").left(10);
            if (when.isEmpty())
                if (auto s = w.find("assignment"); s != w.end() && s->is_object()) when = qtext(*s, "shift_date");
            const QString number = qtext(w, "number");
            lines << QStringLiteral("  %1  %2 · %3 · %4")
                         .arg(when.isEmpty() ? QStringLiteral("—") : when, number.isEmpty() ? tr("(new)") : number,
                              qtext(w, "title"), Labels::workOrderStatus(text(w, "status")));
        }
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace yanghu::client
