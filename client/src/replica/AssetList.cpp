// SPDX-License-Identifier: MIT
#include "replica/AssetList.h"

#include "replica/Sql.h"

#include <nlohmann/json.hpp>

#include <QSqlQuery>

#include <algorithm>

namespace yanghu::client {

namespace {

// The WHERE clause of a query and its binds.
struct Where {
    QString clause;
    QVariantList binds;
};

Where whereOf(const AssetQuery& q)
{
    QStringList parts;
    Where w;
    auto equal = [&](const char* column, const std::optional<QString>& value) {
        if (!value) return;
        parts << QStringLiteral("%1 = ?").arg(QLatin1String(column));
        w.binds << *value;
    };
    equal("kind", q.kind);
    equal("status", q.status);
    equal("street_id", q.streetId);
    const QString text = q.text.trimmed();
    if (!text.isEmpty()) {
        // LIKE: Latin letters in any case; '%', '_' and '\\' are taken literally. (Measured
        // against instr() and against matching street ids from the street rows: LIKE on the
        // two columns was as fast or faster, README "Desktop client".)
        QString pattern = text;
        pattern.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('%'), QLatin1String("\\%"))
            .replace(QLatin1Char('_'), QLatin1String("\\_"));
        pattern = QLatin1Char('%') + pattern + QLatin1Char('%');
        parts << QStringLiteral("(code LIKE ? ESCAPE '\\' OR street_name LIKE ? ESCAPE '\\')");
        w.binds << pattern << pattern;
    }
    if (!parts.isEmpty()) w.clause = QStringLiteral(" WHERE ") + parts.join(QLatin1String(" AND "));
    return w;
}

// Each order is an index of asset_list followed by rowid (which every index entry ends in).
QString orderOf(const AssetQuery& q)
{
    QStringList keys;
    switch (q.sort) {
    case AssetSort::Code:
        keys = {QStringLiteral("code")};
        break;
    case AssetSort::Kind:
        keys = {QStringLiteral("kind"), QStringLiteral("code")};
        break;
    case AssetSort::Street:
        keys = {QStringLiteral("street_name"), QStringLiteral("chainage_m"), QStringLiteral("code")};
        break;
    case AssetSort::Status:
        keys = {QStringLiteral("status"), QStringLiteral("code")};
        break;
    case AssetSort::Condition:
        keys = {QStringLiteral("condition_grade"), QStringLiteral("code")};
        break;
    }
    keys << QStringLiteral("rowid");
    const QString direction = q.descending ? QStringLiteral(" DESC") : QString();
    for (QString& k : keys) k += direction;
    return QStringLiteral(" ORDER BY ") + keys.join(QLatin1String(", "));
}

std::optional<double> optionalDouble(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}

std::optional<int> optionalInt(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<int>(v.toInt());
}

// [[lon, lat], ...] (GeoJSON order) as points; a point that is not two numbers is left out.
std::vector<QPointF> pointsOf(const nlohmann::json& array)
{
    std::vector<QPointF> out;
    if (!array.is_array()) return out;
    out.reserve(array.size());
    for (const auto& p : array)
        if (p.is_array() && p.size() == 2 && p[0].is_number() && p[1].is_number())
            out.emplace_back(p[0].get<double>(), p[1].get<double>());
    return out;
}

} // namespace

Result<std::int64_t> countAssets(const Replica& replica, const AssetQuery& query)
{
    const Where w = whereOf(query);
    return sql::scalar(replica.database(), QStringLiteral("SELECT COUNT(*) FROM asset_list") + w.clause, w.binds);
}

Result<std::vector<AssetListRow>> listAssets(const Replica& replica, const AssetQuery& query, std::int64_t offset,
                                             int limit)
{
    Where w = whereOf(query);
    w.binds << limit << static_cast<qint64>(offset);
    auto q =
        sql::run(replica.database(),
                 QStringLiteral("SELECT id, code, kind, status, street_id, street_name, chainage_m, condition_grade "
                                "FROM asset_list") +
                     w.clause + orderOf(query) + QStringLiteral(" LIMIT ? OFFSET ?"),
                 w.binds);
    if (!q) return q.error();
    std::vector<AssetListRow> rows;
    rows.reserve(static_cast<std::size_t>(limit));
    while (q->next())
        rows.push_back({q->value(0).toString(), q->value(1).toString(), q->value(2).toString(), q->value(3).toString(),
                        q->value(4).toString(), q->value(5).toString(), optionalDouble(q->value(6)),
                        optionalInt(q->value(7))});
    return rows;
}

Result<std::vector<StreetChoice>> assetStreets(const Replica& replica)
{
    auto q = sql::run(
        replica.database(),
        QStringLiteral("SELECT street_id, MAX(street_name) AS name FROM asset_list WHERE street_id IS NOT NULL "
                       "GROUP BY street_id ORDER BY name, street_id"));
    if (!q) return q.error();
    std::vector<StreetChoice> out;
    while (q->next()) out.push_back({q->value(0).toString(), q->value(1).toString()});
    return out;
}

Result<std::vector<AssetPoint>> assetPoints(const Replica& replica)
{
    auto q =
        sql::run(replica.database(),
                 QStringLiteral("SELECT id, code, kind, status, condition_grade, lon, lat, geometry FROM asset_list "
                                "WHERE lon IS NOT NULL AND lat IS NOT NULL"));
    if (!q) return q.error();
    q->setForwardOnly(true);
    std::vector<AssetPoint> out;
    while (q->next()) {
        AssetPoint p{q->value(0).toString(),
                     q->value(1).toString(),
                     q->value(2).toString(),
                     q->value(3).toString(),
                     optionalInt(q->value(4)),
                     QPointF(q->value(5).toDouble(), q->value(6).toDouble()),
                     {}};
        if (const QVariant g = q->value(7); !g.isNull()) {
            const QByteArray text = g.toString().toUtf8();
            p.line = pointsOf(nlohmann::json::parse(text.begin(), text.end(), nullptr, false));
        }
        out.push_back(std::move(p));
    }
    return out;
}

Result<std::vector<StreetLine>> streetLines(const Replica& replica)
{
    auto rows = replica.rows("street");
    if (!rows) return rows.error();
    std::vector<StreetLine> out;
    out.reserve(rows->size());
    for (const auto& s : *rows) {
        auto centreline = s.find("centreline");
        if (centreline == s.end()) continue;
        auto points = pointsOf(*centreline);
        if (points.size() < 2) continue;
        out.push_back(
            {sql::qs(s.value("id", std::string())), sql::qs(s.value("name", std::string())), std::move(points)});
    }
    return out;
}

Result<std::vector<Json>> worksOnAsset(const Replica& replica, const QString& assetId, int limit)
{
    auto q = sql::run(replica.database(),
                      QStringLiteral("SELECT r.body FROM work_order_asset w JOIN replica_row r "
                                     "ON r.entity = 'work_order' AND r.id = w.work_order_id "
                                     "WHERE w.asset_id = ? AND r.deleted = 0"),
                      {assetId});
    if (!q) return q.error();
    std::vector<std::pair<std::string, Json>> found;
    while (q->next()) {
        auto body = sql::json(q->value(0));
        if (!body) return body.error();
        std::string when = body->value("actual_end", std::string());
        if (when.empty())
            if (auto a = body->find("assignment"); a != body->end() && a->is_object())
                when = a->value("shift_date", std::string());
        if (when.empty()) when = body->value("updated_at", std::string());
        found.emplace_back(std::move(when), std::move(*body));
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<Json> out;
    for (auto& [when, body] : found) {
        if (static_cast<int>(out.size()) >= limit) break;
        out.push_back(std::move(body));
    }
    return out;
}

} // namespace yanghu::client
