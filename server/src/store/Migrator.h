// SPDX-License-Identifier: MIT
#pragma once

#include "store/Database.h"

#include "yanghu/core/Clock.h"
#include "yanghu/core/Result.h"

#include <string>
#include <vector>

namespace yanghu::store {

// One forward-only migration: `NNNN_name.sql` -> version NNNN.
struct Migration {
    int version = 0;
    std::string name;
    std::string sql; // with dialect tokens, see Database.h
};

struct MigrationReport {
    int fromVersion = 0;
    int toVersion = 0;
    std::vector<int> applied;
};

// The migrations compiled into this binary (migrations/server/*.sql, embedded at build time by
// server/src/store/CMakeLists.txt, so a binary never reads the source tree), by version.
const std::vector<Migration>& embeddedMigrations();

// Applies missing migrations, each in its own transaction together with its schema_version
// row, so a failure leaves the database at the last complete version. Idempotent. A
// database whose version is newer than the newest migration known to this binary is refused
// with Error schema_too_new (params database, binary) and left untouched.
class Migrator {
public:
    Migrator(Database& database, const Clock& clock, std::vector<Migration> migrations = embeddedMigrations());

    Result<MigrationReport> migrate();
    // 0 for an empty database.
    int currentVersion();
    int latestVersion() const;

    // The statements of `migration` for `dialect`: tokens replaced, split at ';' line ends,
    // comments dropped. Throws std::logic_error on an unknown {{TOKEN}}.
    static std::vector<std::string> statements(const Migration& migration, Dialect dialect);

private:
    void ensureVersionTable();

    Database& m_database;
    const Clock& m_clock;
    std::vector<Migration> m_migrations;
};

} // namespace yanghu::store
