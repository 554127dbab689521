// SPDX-License-Identifier: MIT
#pragma once

#include "store/Constraint.h"
#include "store/Cursor.h"
#include "store/Mapping.h"
#include "store/Page.h"
#include "store/Sql.h"
#include "store/Tx.h"

#include "yanghu/core/Result.h"
#include "yanghu/core/rules/ErrorCodes.h"
#include "yanghu/core/wire/JsonText.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace yanghu::store {

// The generic repository every entity uses, driven by its Mapping<T>.
//
// Row invariants kept here: row_version is 1 on insert and +1 on every accepted write;
// field_versions maps each field to the row_version at which it last changed (all fields -> 1
// on insert, "deleted" on soft delete); every write appends exactly one change_log entry per
// row in the caller's transaction. Writes are refused with version_conflict (params expected,
// actual) when the caller's expected version is stale; nothing is written then.
// An update that changes nothing is accepted without a new version or change_log entry.
//
// Expected failures are Results (not_found, version_conflict, duplicate from UNIQUE
// constraints). On PostgreSQL a failed statement aborts the transaction, so after an Error
// the caller's Store::write must end (returning the Error does that).
template <class T>
class Repository {
public:
    // What a mapping compiles to: the column list and the SQL texts. Built once per entity
    // type (see shared()); repositories are made per request and must be cheap.
    struct Shape {
        Mapping<T> mapping;
        std::string selectList;
        std::string insertSql;
        std::string updateSql;
        std::vector<SqlType> rowTypes;    // id, sync columns, mapped columns
        std::vector<SqlType> updateTypes; // mapped columns, sync values, id, expected version
        nlohmann::json initialFieldVersions;
    };
    static std::shared_ptr<const Shape> compile(Mapping<T> mapping);
    // The Shape of `make()`, compiled on first use; one mapping function per entity type.
    static std::shared_ptr<const Shape> shared(Mapping<T> (*make)())
    {
        static const std::shared_ptr<const Shape> shape = compile(make());
        return shape;
    }

    explicit Repository(Mapping<T> mapping) : Repository(compile(std::move(mapping))) {}
    explicit Repository(std::shared_ptr<const Shape> shape);
    virtual ~Repository() = default;

    const Mapping<T>& mapping() const { return m_mapping; }
    const std::string& table() const { return m_mapping.table; }

    // Stores a new row (a nil id gets a fresh UUIDv7). Returns the entity with its meta.
    Result<T> insert(Tx& tx, T entity);
    // Bulk insert: one prepared statement bound to all rows (and one for change_log). Sets id
    // (when nil) and meta in place. Constraint violations throw (bulk data is expected valid).
    void insertMany(Tx& tx, std::vector<T>& entities);

    Result<T> get(Tx& tx, const Uuid& id, bool includeDeleted = false);
    // With `tombstoneToo`, a deleted row takes the update and stays deleted (sync: an offline
    // edit of a row the office deleted is kept, never dropped); otherwise it is not_found.
    Result<T> update(Tx& tx, T entity, std::int64_t expectedRowVersion, bool tombstoneToo = false);
    Result<RowMeta> softDelete(Tx& tx, const Uuid& id, std::int64_t expectedRowVersion);
    // The row's field_versions object; not_found when there is no such row.
    Result<nlohmann::json> fieldVersions(Tx& tx, const Uuid& id);

    // Keyset page over rows matching `where` (see Database.h); validation_failed (field
    // "cursor") for a cursor this store did not make.
    Result<Page<T>> list(Tx& tx, const Where& where, const PageRequest& page);

    // What readers that keep rendered rows (api::RowCache) ask first: versions only.
    struct VersionedId {
        Uuid id;
        std::int64_t rowVersion = 0;
    };
    // The live row's row_version; nullopt when there is no live row `id`.
    std::optional<std::int64_t> liveVersion(Tx& tx, const Uuid& id);
    // The page `list` returns, as ids and versions (same order, same cursor).
    Result<Page<VersionedId>> listVersions(Tx& tx, const Where& where, const PageRequest& page);
    // The rows with these ids, deleted or not, in id order; ids without a row are skipped.
    std::vector<T> getMany(Tx& tx, const std::vector<Uuid>& ids);
    // The versions of the rows with these ids, deleted or not; ids without a row are skipped.
    std::vector<VersionedId> versionsOf(Tx& tx, const std::vector<Uuid>& ids);
    // Takes the write locks of these rows (deleted or not) until the transaction ends, in id
    // order so that two transactions locking overlapping sets cannot deadlock. A read-merge-
    // write after it cannot lose to a concurrent writer. PostgreSQL only: a SQLite write
    // transaction (BEGIN IMMEDIATE) already excludes every other writer.
    void lockRows(Tx& tx, std::vector<Uuid> ids);

protected:
    struct Loaded {
        T entity;
        nlohmann::json fieldVersions;
    };
    // Rows matching `whereSql` (may be empty) with their field versions, children loaded.
    std::vector<Loaded> selectLoaded(Tx& tx, const std::string& whereSql, const SqlRow& params,
                                     const std::string& suffix = {});
    // The same without field versions (the readers' path: parsing them is not free).
    std::vector<T> selectEntities(Tx& tx, const std::string& whereSql, const SqlRow& params,
                                  const std::string& suffix = {});

    struct PendingUpdate {
        const Loaded* before;
        T* after; // meta set on success
    };
    // Applies updates of rows read in this transaction: computes changed fields, bumps
    // versions, one prepared UPDATE for all, children replaced, one change_log batch.
    // Returns how many actually changed. With `checkOne`, a concurrent change of the single
    // row (0 rows affected) is reported as version_conflict.
    Result<std::size_t> applyUpdates(Tx& tx, std::vector<PendingUpdate>& updates, bool checkOne);

    // insertMany over entities that live elsewhere (e.g. scattered in an import batch).
    void insertAll(Tx& tx, const std::vector<T*>& entities);
    SqlRow encode(const T& entity) const;
    static Error notFound(const std::string& entity, const Uuid& id);

private:
    T decode(const SqlRow& row, std::size_t offset) const;
    std::string selectText(const std::string& whereSql, const std::string& suffix) const;
    // The WHERE clause and parameters (LIMIT last) of a list page; error for a bad cursor.
    Status pageQuery(const Where& where, const PageRequest& page, std::string& clause, SqlRow& params) const;
    std::vector<std::string> changedFields(const T& before, const T& after) const;

    std::shared_ptr<const Shape> m_shape; // shared, immutable
    const Mapping<T>& m_mapping;
    const std::string& m_selectList;
    const std::string& m_insertSql;
    const std::string& m_updateSql;
    const std::vector<SqlType>& m_rowTypes;
    const std::vector<SqlType>& m_updateTypes;
    const nlohmann::json& m_initialFieldVersions;
};

// Every row `filter` selects, page after page at the largest page size: for whole-table reads
// (the planner's problem, the admin CLI's listings), never for a request's page.
template <class T, class Repo, class Filter>
Result<std::vector<T>> listAll(Tx& tx, Repo& repo, const Filter& filter)
{
    std::vector<T> all;
    PageRequest page;
    page.limit = PageRequest::maxLimit;
    for (;;) {
        auto result = repo.list(tx, filter, page);
        if (!result) return result.error();
        for (auto& item : result->items) all.push_back(std::move(item));
        if (result->nextCursor.empty()) return all;
        page.cursor = result->nextCursor;
    }
}

// ---- implementation ---------------------------------------------------------------------

namespace detail {
inline const std::vector<std::string>& syncColumns()
{
    static const std::vector<std::string> names{"id", "row_version", "deleted", "created_at", "updated_at", "field_versions"};
    return names;
}
inline constexpr std::size_t kSyncCount = 6;
} // namespace detail

template <class T>
std::shared_ptr<const typename Repository<T>::Shape> Repository<T>::compile(Mapping<T> mapping)
{
    auto shape = std::make_shared<Shape>();
    shape->mapping = std::move(mapping);
    const auto& m = shape->mapping;
    std::string names;
    for (const auto& n : detail::syncColumns()) names += (names.empty() ? "" : ", ") + n;
    shape->rowTypes = {SqlType::Text, SqlType::Int, SqlType::Int, SqlType::Int, SqlType::Int, SqlType::Text};
    std::string sets;
    shape->initialFieldVersions = nlohmann::json::object();
    for (const auto& c : m.columns) {
        names += ", " + c.name;
        shape->rowTypes.push_back(c.type);
        shape->updateTypes.push_back(c.type);
        sets += c.name + " = ?, ";
        if (c.set) shape->initialFieldVersions[c.fieldName()] = 1;
    }
    for (const auto& child : m.children) shape->initialFieldVersions[child.field] = 1;
    shape->selectList = names;
    shape->insertSql = "INSERT INTO " + m.table + " (" + names + ") VALUES (" + sql::placeholders(shape->rowTypes.size()) + ")";
    shape->updateSql = "UPDATE " + m.table + " SET " + sets +
                       "row_version = ?, deleted = ?, updated_at = ?, field_versions = ? WHERE id = ? AND row_version = ?";
    for (SqlType t : {SqlType::Int, SqlType::Int, SqlType::Int, SqlType::Text, SqlType::Text, SqlType::Int})
        shape->updateTypes.push_back(t);
    return shape;
}

template <class T>
Repository<T>::Repository(std::shared_ptr<const Shape> shape)
    : m_shape(std::move(shape)), m_mapping(m_shape->mapping), m_selectList(m_shape->selectList),
      m_insertSql(m_shape->insertSql), m_updateSql(m_shape->updateSql), m_rowTypes(m_shape->rowTypes),
      m_updateTypes(m_shape->updateTypes), m_initialFieldVersions(m_shape->initialFieldVersions)
{
}

template <class T>
SqlRow Repository<T>::encode(const T& entity) const
{
    SqlRow row;
    row.reserve(m_rowTypes.size());
    row.push_back(entity.id.toString());
    row.push_back(std::int64_t{entity.meta.rowVersion});
    row.push_back(std::int64_t{entity.meta.deleted ? 1 : 0});
    row.push_back(std::int64_t{entity.meta.createdAt.time_since_epoch().count()});
    row.push_back(std::int64_t{entity.meta.updatedAt.time_since_epoch().count()});
    row.push_back(SqlValue{}); // field_versions: filled by the caller
    for (const auto& c : m_mapping.columns) row.push_back(c.get(entity));
    return row;
}

template <class T>
T Repository<T>::decode(const SqlRow& row, std::size_t offset) const
{
    T entity{};
    entity.id = SqlCodec<Uuid>::decode(row[offset + 0]);
    entity.meta.rowVersion = SqlCodec<std::int64_t>::decode(row[offset + 1]);
    entity.meta.deleted = SqlCodec<bool>::decode(row[offset + 2]);
    entity.meta.createdAt = SqlCodec<Instant>::decode(row[offset + 3]);
    entity.meta.updatedAt = SqlCodec<Instant>::decode(row[offset + 4]);
    for (std::size_t i = 0; i < m_mapping.columns.size(); ++i) {
        const auto& c = m_mapping.columns[i];
        if (c.set) c.set(entity, row[offset + detail::kSyncCount + i]);
    }
    return entity;
}

template <class T>
Error Repository<T>::notFound(const std::string& entity, const Uuid& id)
{
    return Error::of(std::string(codes::NotFound), {{"entity", entity}, {"id", id.toString()}});
}

template <class T>
void Repository<T>::insertMany(Tx& tx, std::vector<T>& entities)
{
    std::vector<T*> pointers;
    pointers.reserve(entities.size());
    for (auto& e : entities) pointers.push_back(&e);
    insertAll(tx, pointers);
}

template <class T>
void Repository<T>::insertAll(Tx& tx, const std::vector<T*>& entities)
{
    if (entities.empty()) return;
    const std::string fv = wire::toJsonText(m_initialFieldVersions);
    // Encoded and bound in chunks: the statement runs once per row either way, and bounded
    // batches keep memory (and page faults) flat for imports of any size.
    constexpr std::size_t chunk = 1000;
    for (std::size_t start = 0; start < entities.size(); start += chunk) {
        const std::size_t end = std::min(entities.size(), start + chunk);
        std::vector<SqlRow> rows;
        rows.reserve(end - start);
        std::vector<ChangeEntry> changes;
        changes.reserve(end - start);
        for (std::size_t i = start; i < end; ++i) {
            auto& e = *entities[i];
            if (e.id.isNil()) e.id = tx.ids().next();
            e.meta = RowMeta{1, false, tx.now(), tx.now()};
            rows.push_back(encode(e));
            rows.back()[5] = fv;
            changes.push_back(ChangeEntry{m_mapping.table, e.id.toString(), 1, ChangeOp::Insert});
        }
        sql::executeMany(tx.session(), m_insertSql, m_rowTypes, std::move(rows));
        tx.logChanges(changes);
    }
    for (const auto& child : m_mapping.children) child.insert(tx, entities);
}

template <class T>
Result<T> Repository<T>::insert(Tx& tx, T entity)
{
    std::vector<T> one{std::move(entity)};
    try {
        insertMany(tx, one);
    } catch (const Poco::Exception& e) {
        if (auto error = uniqueViolation(e)) return *error;
        throw;
    }
    return std::move(one.front());
}

template <class T>
std::string Repository<T>::selectText(const std::string& whereSql, const std::string& suffix) const
{
    std::string text = "SELECT " + m_selectList + " FROM " + m_mapping.table;
    if (!whereSql.empty()) text += " WHERE " + whereSql;
    if (!suffix.empty()) text += " " + suffix;
    return text;
}

template <class T>
std::vector<typename Repository<T>::Loaded> Repository<T>::selectLoaded(Tx& tx, const std::string& whereSql,
                                                                         const SqlRow& params, const std::string& suffix)
{
    auto rows = sql::query(tx.session(), selectText(whereSql, suffix), params, m_rowTypes);
    std::vector<T> entities;
    entities.reserve(rows.size());
    for (const auto& row : rows) entities.push_back(decode(row, 0));
    for (const auto& child : m_mapping.children) child.load(tx, entities);
    std::vector<Loaded> out;
    out.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        out.push_back(Loaded{std::move(entities[i]), json::parse(rows[i][5])});
    return out;
}

template <class T>
std::vector<T> Repository<T>::selectEntities(Tx& tx, const std::string& whereSql, const SqlRow& params,
                                             const std::string& suffix)
{
    auto rows = sql::query(tx.session(), selectText(whereSql, suffix), params, m_rowTypes);
    std::vector<T> entities;
    entities.reserve(rows.size());
    for (const auto& row : rows) entities.push_back(decode(row, 0));
    for (const auto& child : m_mapping.children) child.load(tx, entities);
    return entities;
}

template <class T>
Result<T> Repository<T>::get(Tx& tx, const Uuid& id, bool includeDeleted)
{
    auto rows = selectEntities(tx, includeDeleted ? "id = ?" : "id = ? AND deleted = 0", {id.toString()});
    if (rows.empty()) return notFound(m_mapping.table, id);
    return std::move(rows.front());
}

template <class T>
std::optional<std::int64_t> Repository<T>::liveVersion(Tx& tx, const Uuid& id)
{
    auto rows = sql::query(tx.session(), "SELECT row_version FROM " + m_mapping.table + " WHERE id = ? AND deleted = 0",
                           {id.toString()}, {SqlType::Int});
    if (rows.empty()) return std::nullopt;
    return std::get<std::int64_t>(rows.front()[0]);
}

template <class T>
std::vector<T> Repository<T>::getMany(Tx& tx, const std::vector<Uuid>& ids)
{
    if (ids.empty()) return {};
    SqlRow params;
    params.reserve(ids.size());
    for (const auto& id : ids) params.emplace_back(id.toString());
    return selectEntities(tx, "id IN (" + sql::placeholders(ids.size()) + ")", params, "ORDER BY id");
}

template <class T>
std::vector<typename Repository<T>::VersionedId> Repository<T>::versionsOf(Tx& tx, const std::vector<Uuid>& ids)
{
    if (ids.empty()) return {};
    SqlRow params;
    params.reserve(ids.size());
    for (const auto& id : ids) params.emplace_back(id.toString());
    std::vector<VersionedId> out;
    for (const auto& row : sql::query(tx.session(),
                                      "SELECT id, row_version FROM " + m_mapping.table + " WHERE id IN (" +
                                          sql::placeholders(ids.size()) + ")",
                                      params, {SqlType::Text, SqlType::Int}))
        out.push_back(VersionedId{SqlCodec<Uuid>::decode(row[0]), std::get<std::int64_t>(row[1])});
    return out;
}

template <class T>
void Repository<T>::lockRows(Tx& tx, std::vector<Uuid> ids)
{
    if (ids.empty() || tx.dialect() != Dialect::PostgreSQL) return;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    SqlRow params;
    params.reserve(ids.size());
    for (const auto& id : ids) params.emplace_back(id.toString());
    (void)sql::query(tx.session(),
                     "SELECT id FROM " + m_mapping.table + " WHERE id IN (" + sql::placeholders(ids.size()) +
                         ") ORDER BY id FOR UPDATE",
                     params, {SqlType::Text});
}

template <class T>
Result<nlohmann::json> Repository<T>::fieldVersions(Tx& tx, const Uuid& id)
{
    auto rows = sql::query(tx.session(), "SELECT field_versions FROM " + m_mapping.table + " WHERE id = ?",
                           {id.toString()}, {SqlType::Text});
    if (rows.empty()) return notFound(m_mapping.table, id);
    return json::parse(rows.front()[0]);
}

template <class T>
std::vector<std::string> Repository<T>::changedFields(const T& before, const T& after) const
{
    std::vector<std::string> out;
    auto addOnce = [&out](const std::string& f) {
        for (const auto& o : out)
            if (o == f) return;
        out.push_back(f);
    };
    for (const auto& c : m_mapping.columns)
        if (c.set && c.get(before) != c.get(after)) addOnce(c.fieldName());
    for (const auto& child : m_mapping.children)
        if (!child.equal(before, after)) addOnce(child.field);
    return out;
}

template <class T>
Result<std::size_t> Repository<T>::applyUpdates(Tx& tx, std::vector<PendingUpdate>& updates, bool checkOne)
{
    std::vector<SqlRow> rows;
    std::vector<ChangeEntry> changes;
    std::vector<std::pair<PendingUpdate*, bool>> childWork; // (update, children changed)
    for (auto& u : updates) {
        const T& before = u.before->entity;
        T& after = *u.after;
        auto fields = changedFields(before, after);
        if (fields.empty()) {
            after.meta = before.meta;
            continue;
        }
        const std::int64_t version = before.meta.rowVersion + 1;
        nlohmann::json fv = u.before->fieldVersions;
        bool childrenChanged = false;
        for (const auto& f : fields) {
            fv[f] = version;
            for (const auto& child : m_mapping.children)
                if (child.field == f) childrenChanged = true;
        }
        after.meta = RowMeta{version, before.meta.deleted, before.meta.createdAt, tx.now()};
        SqlRow row;
        row.reserve(m_updateTypes.size());
        // Constructed in place (see pageQuery: GCC 12 at -O2 warns on moved SqlValue temporaries).
        for (const auto& c : m_mapping.columns) row.emplace_back(c.get(after));
        row.emplace_back(std::in_place_type<std::int64_t>, version);
        row.emplace_back(std::in_place_type<std::int64_t>, after.meta.deleted ? 1 : 0);
        row.emplace_back(std::in_place_type<std::int64_t>, tx.nowMs());
        row.emplace_back(std::in_place_type<std::string>, wire::toJsonText(fv));
        row.emplace_back(std::in_place_type<std::string>, after.id.toString());
        row.emplace_back(std::in_place_type<std::int64_t>, before.meta.rowVersion);
        rows.push_back(std::move(row));
        changes.push_back(ChangeEntry{m_mapping.table, after.id.toString(), version, ChangeOp::Update});
        childWork.emplace_back(&u, childrenChanged);
    }
    if (rows.empty()) return std::size_t{0};
    const std::size_t updated = rows.size();
    try {
        auto affected = sql::executeMany(tx.session(), m_updateSql, m_updateTypes, std::move(rows));
        if (checkOne && affected != 1) {
            auto now = sql::query(tx.session(), "SELECT row_version FROM " + m_mapping.table + " WHERE id = ?",
                                  {updates.front().after->id.toString()}, {SqlType::Int});
            return Error::of(std::string(codes::VersionConflict),
                             {{"expected", std::to_string(updates.front().before->entity.meta.rowVersion)},
                              {"actual", now.empty() ? "0" : std::to_string(std::get<std::int64_t>(now[0][0]))}});
        }
        for (auto& [u, childrenChanged] : childWork)
            if (childrenChanged)
                for (const auto& child : m_mapping.children) child.replace(tx, *u->after);
    } catch (const Poco::Exception& e) {
        if (auto error = uniqueViolation(e)) return *error;
        throw;
    }
    tx.logChanges(changes);
    return updated;
}

template <class T>
Result<T> Repository<T>::update(Tx& tx, T entity, std::int64_t expectedRowVersion, bool tombstoneToo)
{
    auto rows = selectLoaded(tx, "id = ?", {entity.id.toString()});
    if (rows.empty() || (rows.front().entity.meta.deleted && !tombstoneToo)) return notFound(m_mapping.table, entity.id);
    const auto& before = rows.front();
    if (before.entity.meta.rowVersion != expectedRowVersion)
        return Error::of(std::string(codes::VersionConflict), {{"expected", std::to_string(expectedRowVersion)},
                                                               {"actual", std::to_string(before.entity.meta.rowVersion)}});
    entity.meta.deleted = before.entity.meta.deleted;
    std::vector<PendingUpdate> pending{PendingUpdate{&before, &entity}};
    auto applied = applyUpdates(tx, pending, true);
    if (!applied) return applied.error();
    return entity;
}

template <class T>
Result<RowMeta> Repository<T>::softDelete(Tx& tx, const Uuid& id, std::int64_t expectedRowVersion)
{
    auto rows = sql::query(tx.session(),
                           "SELECT row_version, deleted, created_at, field_versions FROM " + m_mapping.table + " WHERE id = ?",
                           {id.toString()}, {SqlType::Int, SqlType::Int, SqlType::Int, SqlType::Text});
    if (rows.empty() || SqlCodec<bool>::decode(rows[0][1])) return notFound(m_mapping.table, id);
    const std::int64_t actual = std::get<std::int64_t>(rows[0][0]);
    if (actual != expectedRowVersion)
        return Error::of(std::string(codes::VersionConflict),
                         {{"expected", std::to_string(expectedRowVersion)}, {"actual", std::to_string(actual)}});
    auto fv = json::parse(rows[0][3]);
    const std::int64_t version = actual + 1;
    fv["deleted"] = version;
    auto affected = sql::execute(tx.session(),
                                 "UPDATE " + m_mapping.table +
                                     " SET deleted = 1, row_version = ?, updated_at = ?, field_versions = ? WHERE id = ? AND row_version = ?",
                                 {version, tx.nowMs(), wire::toJsonText(fv), id.toString(), actual});
    if (affected != 1)
        return Error::of(std::string(codes::VersionConflict),
                         {{"expected", std::to_string(expectedRowVersion)}, {"actual", "unknown"}});
    tx.logChange(m_mapping.table, id, version, ChangeOp::Delete);
    return RowMeta{version, true, SqlCodec<Instant>::decode(rows[0][2]), tx.now()};
}

template <class T>
Status Repository<T>::pageQuery(const Where& where, const PageRequest& page, std::string& clause, SqlRow& params) const
{
    auto add = [&clause](const std::string& c) { clause += (clause.empty() ? "" : " AND ") + c; };
    if (!page.includeDeleted) add("deleted = 0");
    if (!page.cursor.empty()) {
        auto after = decodeCursor(page.cursor);
        if (!after) return Error::validation({FieldError{"cursor", std::string(codes::InvalidFormat), {}}});
        add("id > ?");
        params.push_back(*after);
    }
    for (const auto& c : where.clauses) add("(" + c + ")");
    for (const auto& p : where.params) params.push_back(p);
    // Constructed in place: pushing a temporary SqlValue makes GCC 12 at -O2 warn that the
    // temporary's (inactive) string alternative may be read uninitialised when it is moved.
    params.emplace_back(std::int64_t{page.effectiveLimit() + 1});
    return success();
}

// Both list shapes ask for one row more than the page and keep it only to know a next page
// exists; the cursor is the last kept id.
template <class T>
Result<Page<T>> Repository<T>::list(Tx& tx, const Where& where, const PageRequest& page)
{
    std::string clause;
    SqlRow params;
    if (auto s = pageQuery(where, page, clause, params); !s) return s.error();
    auto rows = selectEntities(tx, clause, params, "ORDER BY id LIMIT ?");
    const auto limit = static_cast<std::size_t>(page.effectiveLimit());
    Page<T> out;
    if (rows.size() > limit) {
        rows.resize(limit);
        out.nextCursor = encodeCursor(rows.back().id.toString());
    }
    out.items = std::move(rows);
    return out;
}

template <class T>
Result<Page<typename Repository<T>::VersionedId>> Repository<T>::listVersions(Tx& tx, const Where& where,
                                                                              const PageRequest& page)
{
    std::string clause;
    SqlRow params;
    if (auto s = pageQuery(where, page, clause, params); !s) return s.error();
    auto rows = sql::query(tx.session(),
                           "SELECT id, row_version FROM " + m_mapping.table + (clause.empty() ? "" : " WHERE " + clause) +
                               " ORDER BY id LIMIT ?",
                           params, {SqlType::Text, SqlType::Int});
    const auto limit = static_cast<std::size_t>(page.effectiveLimit());
    Page<VersionedId> out;
    const bool more = rows.size() > limit;
    if (more) rows.resize(limit);
    out.items.reserve(rows.size());
    for (const auto& row : rows)
        out.items.push_back(VersionedId{SqlCodec<Uuid>::decode(row[0]), std::get<std::int64_t>(row[1])});
    if (more) out.nextCursor = encodeCursor(out.items.back().id.toString());
    return out;
}

} // namespace yanghu::store
