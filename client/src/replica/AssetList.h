// SPDX-License-Identifier: MIT
#pragma once

#include "replica/Replica.h"

#include "yanghu/core/Result.h"

#include <QPointF>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

// Reads of the replica's asset list (migrations/client/0002_asset_list.sql): the Assets
// table pages through it in any of its sort orders, the map draws every asset and street.
// Every order is served by an index and ends in rowid, so a page at any offset is the same
// page every time it is read.
namespace yanghu::client {

enum class AssetSort { Code, Kind, Street, Status, Condition };

struct AssetQuery {
    std::optional<QString> kind;     // wire value, "storm_inlet"
    std::optional<QString> status;   // wire value, "in_service"
    std::optional<QString> streetId;
    QString text; // a part of the code or of the street's name (any case for Latin letters)
    AssetSort sort = AssetSort::Code;
    bool descending = false;
    bool operator==(const AssetQuery&) const = default;
};

struct AssetListRow {
    QString id;
    QString code;
    QString kind;
    QString status;
    QString streetId;
    QString streetName; // empty when the replica lacks the street
    std::optional<double> chainageM;
    std::optional<int> conditionGrade;
};

Result<std::int64_t> countAssets(const Replica& replica, const AssetQuery& query);
Result<std::vector<AssetListRow>> listAssets(const Replica& replica, const AssetQuery& query, std::int64_t offset,
                                             int limit);

// The streets the listed assets stand on, by name, for the street filter.
struct StreetChoice {
    QString id;
    QString name;
};
Result<std::vector<StreetChoice>> assetStreets(const Replica& replica);

// What the map draws, in WGS84 degrees (x = longitude, y = latitude).
struct AssetPoint {
    QString id;
    QString code;
    QString kind;
    QString status;
    std::optional<int> conditionGrade;
    QPointF at;                 // the first geometry point
    std::vector<QPointF> line;  // the whole line of a linear asset (empty for a point)
};
Result<std::vector<AssetPoint>> assetPoints(const Replica& replica);

struct StreetLine {
    QString id;
    QString name;
    std::vector<QPointF> centreline;
};
Result<std::vector<StreetLine>> streetLines(const Replica& replica);

// The work orders naming `assetId` in their asset_ids, newest first (by actual end, else the
// planned shift date, else the order's last change), at most `limit`.
Result<std::vector<Json>> worksOnAsset(const Replica& replica, const QString& assetId, int limit);

} // namespace yanghu::client
