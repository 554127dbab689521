// SPDX-License-Identifier: MIT
#include "replica/ReplicaMigrations.h"

#include "replica/Sql.h"

#include "yanghu/core/rules/ErrorCodes.h"

#include <QSqlError>

#include <algorithm>

namespace yanghu::client {

QStringList splitStatements(const QString& sql)
{
    QStringList out;
    QString current;
    bool inTrigger = false; // its body's statements end in ';' too: it ends at a line `END;`
    for (const QString& line : sql.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("--")) || trimmed.isEmpty()) continue;
        if (current.isEmpty() && trimmed.startsWith(QLatin1String("CREATE TRIGGER"), Qt::CaseInsensitive)) inTrigger = true;
        current += line + QLatin1Char('\n');
        if (inTrigger ? trimmed.compare(QLatin1String("END;"), Qt::CaseInsensitive) == 0 : trimmed.endsWith(QLatin1Char(';'))) {
            inTrigger = false;
            out << current.trimmed();
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty()) out << current.trimmed();
    return out;
}

Result<int> migrateReplica(const QSqlDatabase& db)
{
    auto created = sql::run(db, QStringLiteral("CREATE TABLE IF NOT EXISTS replica_schema ("
                                               "version INTEGER PRIMARY KEY, name TEXT NOT NULL)"));
    if (!created) return created.error();
    auto current = sql::run(db, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM replica_schema"));
    if (!current) return current.error();
    int version = current->next() ? current->value(0).toInt() : 0;
    const auto& all = replicaMigrations();
    const int newest = all.empty() ? 0 : all.back().version;
    if (version > newest)
        return Error::of(std::string(codes::SchemaTooNew),
                         {{"database", std::to_string(version)}, {"binary", std::to_string(newest)}});
    for (const auto& m : all) {
        if (m.version <= version) continue;
        QSqlDatabase handle = db;
        if (!handle.transaction()) return sql::failure(QStringLiteral("BEGIN"), handle.lastError().text());
        Status applied = success();
        for (const QString& statement : splitStatements(QString::fromUtf8(m.sql))) {
            if (auto s = sql::run(db, statement); !s) {
                applied = s.error();
                break;
            }
        }
        if (applied) {
            auto recorded = sql::run(db, QStringLiteral("INSERT INTO replica_schema (version, name) VALUES (?, ?)"),
                                     {m.version, QString::fromUtf8(m.name)});
            if (!recorded) applied = recorded.error();
        }
        if (!applied) {
            handle.rollback();
            return applied.error();
        }
        if (!handle.commit()) return sql::failure(QStringLiteral("COMMIT"), handle.lastError().text());
        version = m.version;
    }
    return version;
}

} // namespace yanghu::client
