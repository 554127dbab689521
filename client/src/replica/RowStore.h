// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Result.h"

#include <nlohmann/json.hpp>

#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <array>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The replica's rows and the link between a row and its outbox: the one place that decides
// what `body` shows. Every function runs inside the caller's transaction (Replica::write).
namespace yanghu::client {

using Json = nlohmann::json;

struct StoredRow {
    std::string entity;
    std::string id;
    std::int64_t rowVersion = 0; // the server version of serverBody (or of body when serverBody is empty)
    bool deleted = false;
    bool outOfScope = false;
    bool fresh = true;
    Json body;                       // the server's row with the live operations on top
    std::optional<Json> serverBody;  // set while the row has live operations
};

// One operation of the outbox that still shapes `body` (pending, sent or acked).
struct LiveOp {
    std::int64_t seq = 0;
    std::string state;
    Json fields;
    std::optional<std::int64_t> ackedVersion; // the row's version after the server applied it
};

// The columns of replica_row the field UI filters on, each copied from one member of the
// row's JSON (NULL when the entity has no such member or it is not set).
enum class Column { CrewId, Day, Status, StreetId, AssetId, Kind };
inline constexpr std::size_t kColumnCount = 6;
using IndexedColumns = std::array<QVariant, kColumnCount>;
IndexedColumns indexedColumns(std::string_view entity, const Json& row);
IndexedColumns indexedColumns(std::string_view entity, const QJsonObject& row);

// A row as the server sent it, kept as its JSON text (a first download writes tens of
// thousands: they are not parsed into nlohmann::json and written again).
struct ServerRowText {
    QString entity;
    QString id;
    qint64 rowVersion = 0;
    bool deleted = false;
    QString body;
    IndexedColumns columns;
};

// Writes rows with one prepared upsert; the filter columns come from the body, so they
// never disagree with it.
class RowWriter {
public:
    explicit RowWriter(const QSqlDatabase& db);
    Status save(const StoredRow& row);
    // A pulled row of a row without live operations: fresh, in scope, no server_body.
    Status save(const ServerRowText& row);

private:
    Status write(const QString& entity, const QString& id, qint64 rowVersion, bool deleted, bool outOfScope, bool fresh,
                 const QString& body, const QVariant& serverBody, const IndexedColumns& columns);

    QSqlDatabase m_db;
    QSqlQuery m_upsert;
    bool m_prepared = false;
};

Result<std::optional<StoredRow>> loadRow(const QSqlDatabase& db, std::string_view entity, std::string_view id);
Status removeRow(const QSqlDatabase& db, std::string_view entity, std::string_view id);
Result<std::vector<LiveOp>> liveOps(const QSqlDatabase& db, std::string_view entity, std::string_view id);

// Recomputes a row from the server's version and its live operations: body = server row +
// every live operation it does not contain yet (an acked one whose version the server row
// has reached is in it). With no live operation left the row is the server's row again
// (serverBody cleared), or it is removed when the server never had it (version 0; what the
// server refused is kept in `refused`) or it left this replica's scope.
Status settleRow(const QSqlDatabase& db, RowWriter& writer, std::string_view entity, std::string_view id);

} // namespace yanghu::client
