// SPDX-License-Identifier: MIT
#include "store/Sql.h"

#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <deque>
#include <stdexcept>

namespace yanghu::store::sql {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::use;

std::string numberPlaceholders(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 16);
    int n = 0;
    char quote = 0;
    for (char c : text) {
        if (quote) {
            if (c == quote) quote = 0;
            out += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            out += c;
        } else if (c == '?') {
            out += '$';
            out += std::to_string(++n);
        } else {
            out += c;
        }
    }
    return out;
}

namespace {

// The statement text for the session's back end. PostgreSQL needs `$1, $2, ...`; SQLite gets
// the `?` as written: there `$N` are named parameters, each resolved by a linear search of the
// names seen so far, so statements with hundreds of them (IN lists of source ids, multi-row
// change_log inserts) spent longer compiling than running. Binding is by position either way.
std::string forBackEnd(Poco::Data::Session& session, std::string_view text)
{
    if (session.connector() == "sqlite") return std::string(text);
    return numberPlaceholders(text);
}

// Column vectors bound to one statement; they must outlive its execution. A deque keeps
// element addresses stable while columns are added.
struct BoundColumns {
    std::deque<std::vector<Poco::Nullable<std::string>>> texts;
    std::deque<std::vector<Poco::Nullable<Poco::Int64>>> ints;
    std::deque<std::vector<Poco::Nullable<double>>> reals;
};

[[noreturn]] void typeMismatch(std::size_t column)
{
    throw std::logic_error("store: value of column " + std::to_string(column) + " does not match its SQL type");
}

// Consumes the strings of `rows` (moved into the bound vectors: bulk imports are mostly text).
void bindColumns(Poco::Data::Statement& statement, BoundColumns& bound, const std::vector<SqlType>& types,
                 std::vector<SqlRow>& rows)
{
    for (std::size_t c = 0; c < types.size(); ++c) {
        switch (types[c]) {
        case SqlType::Text: {
            auto& v = bound.texts.emplace_back();
            v.reserve(rows.size());
            for (auto& row : rows) {
                if (std::holds_alternative<std::monostate>(row[c])) v.emplace_back();
                else if (auto* s = std::get_if<std::string>(&row[c])) v.emplace_back(std::move(*s));
                else typeMismatch(c);
            }
            statement.addBind(use(v));
            break;
        }
        case SqlType::Int: {
            auto& v = bound.ints.emplace_back();
            v.reserve(rows.size());
            for (const auto& row : rows) {
                if (std::holds_alternative<std::monostate>(row[c])) v.emplace_back();
                else if (auto* i = std::get_if<std::int64_t>(&row[c])) v.emplace_back(Poco::Int64{*i});
                else typeMismatch(c);
            }
            statement.addBind(use(v));
            break;
        }
        case SqlType::Real: {
            auto& v = bound.reals.emplace_back();
            v.reserve(rows.size());
            for (const auto& row : rows) {
                if (std::holds_alternative<std::monostate>(row[c])) v.emplace_back();
                else if (auto* d = std::get_if<double>(&row[c])) v.emplace_back(*d);
                else if (auto* i = std::get_if<std::int64_t>(&row[c])) v.emplace_back(static_cast<double>(*i));
                else typeMismatch(c);
            }
            statement.addBind(use(v));
            break;
        }
        }
    }
}

SqlType typeOf(const SqlValue& v)
{
    if (std::holds_alternative<std::int64_t>(v)) return SqlType::Int;
    if (std::holds_alternative<double>(v)) return SqlType::Real;
    return SqlType::Text;
}

} // namespace

std::size_t executeMany(Poco::Data::Session& session, std::string_view text, const std::vector<SqlType>& types,
                        std::vector<SqlRow> rows)
{
    if (rows.empty()) return 0;
    Poco::Data::Statement statement(session);
    statement << forBackEnd(session, text);
    BoundColumns bound;
    bindColumns(statement, bound, types, rows);
    return statement.execute();
}

std::size_t execute(Poco::Data::Session& session, std::string_view text, const SqlRow& params)
{
    if (params.empty()) {
        Poco::Data::Statement statement(session);
        statement << forBackEnd(session, text);
        return statement.execute();
    }
    std::vector<SqlType> types;
    types.reserve(params.size());
    for (const auto& p : params) types.push_back(typeOf(p));
    return executeMany(session, text, types, {params});
}

std::vector<SqlRow> query(Poco::Data::Session& session, std::string_view text, const SqlRow& params,
                          const std::vector<SqlType>& resultTypes)
{
    Poco::Data::Statement statement(session);
    statement << forBackEnd(session, text);
    BoundColumns bound;
    if (!params.empty()) {
        std::vector<SqlType> types;
        for (const auto& p : params) types.push_back(typeOf(p));
        std::vector<SqlRow> rows{params};
        bindColumns(statement, bound, types, rows);
    }
    BoundColumns out;
    std::vector<std::size_t> slot; // index into the deque of the column's type
    for (SqlType t : resultTypes) {
        switch (t) {
        case SqlType::Text: slot.push_back(out.texts.size()); statement.addExtract(into(out.texts.emplace_back())); break;
        case SqlType::Int: slot.push_back(out.ints.size()); statement.addExtract(into(out.ints.emplace_back())); break;
        case SqlType::Real: slot.push_back(out.reals.size()); statement.addExtract(into(out.reals.emplace_back())); break;
        }
    }
    statement.execute();
    std::size_t n = 0;
    if (!resultTypes.empty()) {
        switch (resultTypes[0]) {
        case SqlType::Text: n = out.texts[0].size(); break;
        case SqlType::Int: n = out.ints[0].size(); break;
        case SqlType::Real: n = out.reals[0].size(); break;
        }
    }
    std::vector<SqlRow> rows(n, SqlRow(resultTypes.size()));
    for (std::size_t c = 0; c < resultTypes.size(); ++c) {
        for (std::size_t r = 0; r < n; ++r) {
            switch (resultTypes[c]) {
            case SqlType::Text: {
                auto& v = out.texts[slot[c]][r];
                if (!v.isNull()) rows[r][c] = std::move(v.value());
                break;
            }
            case SqlType::Int: {
                auto& v = out.ints[slot[c]][r];
                if (!v.isNull()) rows[r][c] = std::int64_t{v.value()};
                break;
            }
            case SqlType::Real: {
                auto& v = out.reals[slot[c]][r];
                if (!v.isNull()) rows[r][c] = v.value();
                break;
            }
            }
        }
    }
    return rows;
}

std::string placeholders(std::size_t n)
{
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
    return out;
}

std::string likeEscape(std::string_view text)
{
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

} // namespace yanghu::store::sql
