// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Result.h"

#include <nlohmann/json.hpp>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Thin helpers over Qt Sql for the replica: every failure becomes storage_failed with the
// driver's message in params.detail, never an exception or a silently empty result.
namespace yanghu::client::sql {

// Prepares `text`, binds `binds` positionally and runs it; the query positioned before its
// first row.
Result<QSqlQuery> run(const QSqlDatabase& db, const QString& text, const QVariantList& binds = {});

// The first column of the first row as an integer (COUNT(*) and the like).
Result<std::int64_t> scalar(const QSqlDatabase& db, const QString& text, const QVariantList& binds = {});

// A JSON text column parsed (malformed_json when it is not JSON).
Result<nlohmann::json> json(const QVariant& column);

// storage_failed naming what failed (`what`) and the driver's message.
Error failure(const QString& what, const QString& driverMessage);

inline QString qs(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }
inline std::string str(const QVariant& v) { return v.toString().toStdString(); }
// NULL for an absent value, so optional columns stay NULL.
inline QVariant nullable(const std::optional<std::string>& v) { return v ? QVariant(qs(*v)) : QVariant(); }

} // namespace yanghu::client::sql
