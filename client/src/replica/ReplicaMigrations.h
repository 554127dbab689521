// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Result.h"

#include <QSqlDatabase>
#include <QStringList>

#include <vector>

namespace yanghu::client {

// One forward-only migration of the replica schema (migrations/client/NNNN_name.sql),
// compiled into the binary (client/src/replica/CMakeLists.txt).
struct ReplicaMigration {
    int version;
    const char* name;
    const char* sql;
};

// Every migration, in version order.
const std::vector<ReplicaMigration>& replicaMigrations();

// Brings `db` to the newest schema: each missing migration in its own transaction, recorded in
// replica_schema(version, name). A replica whose schema is newer than this binary is refused
// with schema_too_new (params database, binary) and left untouched. Returns the version.
Result<int> migrateReplica(const QSqlDatabase& db);

// The statements of a migration: split at ';' ending a line (a CREATE TRIGGER at a line `END;`),
// '--' comment lines dropped.
QStringList splitStatements(const QString& sql);

} // namespace yanghu::client
