// SPDX-License-Identifier: MIT
#include "replica/Sql.h"

#include "yanghu/core/rules/ErrorCodes.h"
#include "yanghu/core/wire/Codec.h"

#include <QSqlError>

namespace yanghu::client::sql {

Error failure(const QString& what, const QString& driverMessage)
{
    return Error::of(std::string(codes::StorageFailed),
                     {{"detail", (what + QStringLiteral(": ") + driverMessage).toStdString()}});
}

Result<QSqlQuery> run(const QSqlDatabase& db, const QString& text, const QVariantList& binds)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(text)) return failure(text.left(60), q.lastError().text());
    for (qsizetype i = 0; i < binds.size(); ++i) q.bindValue(static_cast<int>(i), binds[i]);
    if (!q.exec()) return failure(text.left(60), q.lastError().text());
    return q;
}

Result<std::int64_t> scalar(const QSqlDatabase& db, const QString& text, const QVariantList& binds)
{
    auto q = run(db, text, binds);
    if (!q) return q.error();
    if (!q->next()) return std::int64_t{0};
    return static_cast<std::int64_t>(q->value(0).toLongLong());
}

Result<nlohmann::json> json(const QVariant& column)
{
    const QByteArray text = column.toString().toUtf8();
    return wire::parse(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
}

} // namespace yanghu::client::sql
