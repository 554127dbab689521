// SPDX-License-Identifier: MIT
#pragma once

#include "api/ApiContext.h"
#include "api/Common.h"
#include "store/CrewRepository.h"
#include "store/Repository.h"
#include "store/Store.h"
#include "store/StreetRepository.h"

#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

// The handler shapes every collection shares (list, get, create, patch, delete), over a store
// repository `Repo` (a store::Repository<T> subclass), and the caller's scope (which rows a
// field crew member may see). Route files supply only what differs: filters, visibility and
// a `prepare` hook for row rules. Each write runs in one Store::write transaction; an Error
// from any step rolls it back.
namespace yanghu::api {

namespace detail {
template <class T>
T entityOf(const store::Repository<T>*);
} // namespace detail

// The entity type a repository stores.
template <class Repo>
using EntityOf = decltype(detail::entityOf(static_cast<const Repo*>(nullptr)));

// ---- caller scope -----------------------------------------------------------------------

// The district a field crew member is confined to: their crew's ("" when the crew row is
// gone, which matches no street). nullopt for the office roles, who see every district.
inline std::optional<std::string> crewDistrict(store::Tx& tx, const User& user)
{
    if (!isCrew(user)) return std::nullopt;
    if (!user.crewId) return std::string();
    auto crew = store::CrewRepository().get(tx, *user.crewId);
    return crew ? crew->district : std::string();
}

// Whether `user` may see `street`: office roles every street, crew members their district's.
inline bool canSeeStreet(store::Tx& tx, const User& user, const Street& street)
{
    auto district = crewDistrict(tx, user);
    return !district || (!district->empty() && street.district == *district);
}

// Whether `user` may see `asset`: office roles every asset, crew members only assets on a
// live street of their crew's district (an asset without a street is nobody's district).
inline bool canSeeAsset(store::Tx& tx, const User& user, const Asset& asset)
{
    auto district = crewDistrict(tx, user);
    if (!district) return true;
    if (!asset.streetId || district->empty()) return false;
    auto street = store::StreetRepository().get(tx, *asset.streetId);
    return street && street->district == *district;
}

// Crew members see only their crew's orders; everyone else sees all.
inline bool seesOrder(const User& user, const WorkOrder& order)
{
    return !isCrew(user) || (user.crewId && order.assignment.crewId == user.crewId);
}

// Confines a list filter to the caller's own value (their crew, their district): false when
// the caller asked for another one, whose list is then empty for them.
template <class V>
bool confineTo(std::optional<V>& filterValue, const V& own)
{
    if (filterValue && *filterValue != own) return false;
    filterValue = own;
    return true;
}

// ---- references -------------------------------------------------------------------------

// Ok when `id` is absent or names a live row of Repo; else validation_failed with
// {field, not_found}. Checked before writing so that a dangling reference is a 422, not a
// foreign-key failure of the database.
template <class Repo>
Status requireReference(store::Tx& tx, const std::optional<Uuid>& id, const std::string& field)
{
    if (!id || Repo().get(tx, *id).ok()) return success();
    return Error::validation({FieldError{field, std::string(codes::NotFound), {{"value", id->toString()}}}});
}

// ---- handlers ---------------------------------------------------------------------------

// Any caller may see any row.
struct Everyone {
    template <class T>
    bool operator()(store::Tx&, const T&) const
    {
        return true;
    }
};

// No extra rule on a write.
struct NoRule {
    template <class... A>
    Status operator()(A&&...) const
    {
        return success();
    }
};

// The row `id` names, when live and `visible(tx, row)`; otherwise a bare not_found, so a
// hidden row and a missing one look alike.
template <class Repo, class Visible>
Result<EntityOf<Repo>> loadVisible(store::Tx& tx, const Uuid& id, Visible&& visible)
{
    auto row = Repo().get(tx, id);
    if (!row) return row.error().code == codes::NotFound ? notFound() : row.error();
    if (!visible(tx, *row)) return notFound();
    return row;
}

// ---- reads through the rendered-row cache ------------------------------------------------

// The row `id` rendered at `rowVersion`: from `rows` when there, else loaded in `tx` (whose
// snapshot holds the row at exactly that version: the caller read the version in it),
// rendered and kept. Null when the row is gone.
template <class Repo>
RowCache::EntryPtr<EntityOf<Repo>> renderedRow(RowCache& rows, store::Tx& tx, Repo& repo, const Uuid& id,
                                               std::int64_t rowVersion)
{
    if (auto hit = rows.find<EntityOf<Repo>>(id, rowVersion)) return hit;
    auto loaded = repo.get(tx, id, true);
    if (!loaded) return nullptr;
    return rows.put(std::move(*loaded));
}

// The rows `items` names, rendered at their versions, in the same order: from `rows` when
// there, the others loaded in one batch in `tx` (whose snapshot listed those versions),
// rendered and kept. A row missing from the snapshot stays null.
template <class Repo, class Item>
std::vector<RowCache::EntryPtr<EntityOf<Repo>>> renderedRows(RowCache& rows, store::Tx& tx, Repo& repo,
                                                            const std::vector<Item>& items)
{
    std::vector<RowCache::EntryPtr<EntityOf<Repo>>> out(items.size());
    std::unordered_map<Uuid, std::size_t> missing; // id -> position
    for (std::size_t i = 0; i < items.size(); ++i)
        if (!(out[i] = rows.find<EntityOf<Repo>>(items[i].id, items[i].rowVersion))) missing.emplace(items[i].id, i);
    if (missing.empty()) return out;
    std::vector<Uuid> ids;
    ids.reserve(missing.size());
    for (const auto& [id, at] : missing) ids.push_back(id);
    for (auto& loaded : repo.getMany(tx, ids)) out[missing.at(loaded.id)] = rows.put(std::move(loaded));
    return out;
}

// 200 with a rendered row and its ETag.
template <class T>
http::Reply renderedReply(const RowCache::Entry<T>& row)
{
    return http::Reply::text(200, "application/json", row.body).header("ETag", etag(row.entity->meta));
}

// GET /<collection>/{id}: 200 with the row and its ETag. Hidden and missing rows look alike
// (404). The row's live version is read first; a row already rendered at that version is
// answered from ctx.rows after that one statement (outside a transaction: one statement is
// its own snapshot; a crew's visibility check may read its crew and street after it, which
// is no worse than checking just before or after the read). Otherwise one read transaction
// reads the version again and renders the row of that snapshot.
template <class Repo, class Visible = Everyone>
Result<http::Reply> getEntity(ApiContext& ctx, const http::ApiRequest& request, Visible visible = {})
{
    auto id = pathId(request);
    if (!id) return id.error();
    auto answer = [&](store::Tx& tx, const RowCache::EntryPtr<EntityOf<Repo>>& row) -> Result<http::Reply> {
        if (!row || !visible(tx, *row->entity)) return notFound();
        return renderedReply(*row);
    };
    auto hit = ctx.store.latest([&](store::Tx& tx) -> std::optional<Result<http::Reply>> {
        const auto version = Repo().liveVersion(tx, *id);
        if (!version) return Result<http::Reply>(notFound());
        auto row = ctx.rows.find<EntityOf<Repo>>(*id, *version);
        if (!row) return std::nullopt;
        return answer(tx, row);
    });
    if (hit) return std::move(*hit);
    return ctx.store.read([&](store::Tx& tx) -> Result<http::Reply> {
        Repo repo;
        const auto version = repo.liveVersion(tx, *id);
        if (!version) return notFound();
        return answer(tx, renderedRow(ctx.rows, tx, repo, *id, *version));
    });
}

// A list filter as SQL conditions: Repo::where(filter), or `filter` itself when it is one.
template <class Repo, class Filter>
store::Where whereOf(const Filter& filter)
{
    if constexpr (std::is_same_v<Filter, store::Where>)
        return filter;
    else
        return Repo::where(filter);
}

// GET /<collection>: the query's problems (422) first, then one page of rows matching
// `filter` as {"items": [...], "next_cursor": "..." | null}; an empty page when `allowed` is
// false (a crew member asking for another crew's or district's rows). The page is read as
// ids and versions; when every row is already rendered at its version that one statement
// answers (outside a transaction, like getEntity). Otherwise one read transaction lists the
// page again and loads the rows not rendered at their versions in one batch.
template <class Repo, class Filter>
Result<http::Reply> listEntities(ApiContext& ctx, const http::ApiRequest& request, QueryReader& query,
                                 const Filter& filter, bool allowed = true)
{
    using T = EntityOf<Repo>;
    using Rows = std::vector<RowCache::EntryPtr<T>>;
    auto page = pageRequest(request);
    if (auto status = query.finish(); !status) return status.error();
    if (!page) return page.error();
    if (!allowed) return pageReply(Rows{}, {});
    const store::Where where = whereOf<Repo>(filter);
    auto hit = ctx.store.latest([&](store::Tx& tx) -> std::optional<Result<http::Reply>> {
        auto versions = Repo().listVersions(tx, where, *page);
        if (!versions) return Result<http::Reply>(versions.error());
        Rows rows;
        for (const auto& item : versions->items) {
            rows.push_back(ctx.rows.find<T>(item.id, item.rowVersion));
            if (!rows.back()) return std::nullopt;
        }
        return Result<http::Reply>(pageReply(rows, versions->nextCursor));
    });
    if (hit) return std::move(*hit);
    return ctx.store.read([&](store::Tx& tx) -> Result<http::Reply> {
        Repo repo;
        auto versions = repo.listVersions(tx, where, *page);
        if (!versions) return versions.error();
        Rows rows = renderedRows(ctx.rows, tx, repo, versions->items);
        for (const auto& row : rows)
            if (!row) throw std::logic_error("listEntities: a listed row vanished inside its read transaction");
        return pageReply(rows, versions->nextCursor);
    });
}

// POST /<collection>: the body decoded as a new row (server-owned and `notAllowed` members
// refused, `defaults` filled in), `prepare(tx, row)` (references, server-set fields), insert;
// 201 with the row, its ETag and Location /api/v1/<collection>/<id>.
template <class Repo, class Prepare = NoRule>
Result<http::Reply> createEntity(store::Store& store, const Json& body, std::string_view collection,
                                 std::initializer_list<std::string_view> notAllowed = {}, Prepare prepare = {},
                                 const Json& defaults = Json::object())
{
    auto decoded = decodeNew<EntityOf<Repo>>(body, store.ids().next(), notAllowed, defaults);
    if (!decoded) return decoded.error();
    auto created = store.write([&](store::Tx& tx) -> Result<EntityOf<Repo>> {
        if (auto status = prepare(tx, *decoded); !status) return status.error();
        return Repo().insert(tx, std::move(*decoded));
    });
    if (!created) return created.error();
    auto reply = entityReply(201, *created);
    reply.header("Location", std::string(kApiPrefix) + "/" + std::string(collection) + "/" + created->id.toString());
    return reply;
}

template <class Repo, class Prepare = NoRule>
Result<http::Reply> createEntity(store::Store& store, const http::ApiRequest& request, std::string_view collection,
                                 std::initializer_list<std::string_view> notAllowed = {}, Prepare prepare = {})
{
    auto body = bodyObject(request);
    if (!body) return body.error();
    return createEntity<Repo>(store, *body, collection, notAllowed, std::move(prepare));
}

// PATCH /<collection>/{id} with `body`: If-Match required (428), the row read (404) and its
// version checked (412) before anything about the body, the merge patch applied with
// `readOnly` members refused, `prepare(tx, current, updated)`, update; 200 with the row.
template <class Repo, class Prepare = NoRule>
Result<http::Reply> patchEntity(store::Store& store, const http::ApiRequest& request, const Json& body,
                                std::initializer_list<std::string_view> readOnly = {}, Prepare prepare = {})
{
    auto id = pathId(request);
    if (!id) return id.error();
    auto version = ifMatchVersion(request);
    if (!version) return version.error();
    auto updated = store.write([&](store::Tx& tx) -> Result<EntityOf<Repo>> {
        auto current = loadVisible<Repo>(tx, *id, Everyone{});
        if (!current) return current.error();
        if (current->meta.rowVersion != *version)
            return Error::of(std::string(codes::VersionConflict), {{"expected", std::to_string(*version)},
                                                                   {"actual", std::to_string(current->meta.rowVersion)}});
        auto patched = applyPatch(*current, body, readOnly);
        if (!patched) return patched.error();
        if (auto status = prepare(tx, *current, *patched); !status) return status.error();
        return Repo().update(tx, std::move(*patched), *version);
    });
    if (!updated) return updated.error();
    return entityReply(200, *updated);
}

template <class Repo, class Prepare = NoRule>
Result<http::Reply> patchEntity(store::Store& store, const http::ApiRequest& request,
                                std::initializer_list<std::string_view> readOnly = {}, Prepare prepare = {})
{
    // The id and If-Match answer before the body does (404, 428), as in the overload above.
    if (auto id = pathId(request); !id) return id.error();
    if (auto version = ifMatchVersion(request); !version) return version.error();
    auto body = bodyObject(request);
    if (!body) return body.error();
    return patchEntity<Repo>(store, request, *body, readOnly, std::move(prepare));
}

// DELETE /<collection>/{id}: If-Match required; soft delete; 204.
template <class Repo>
Result<http::Reply> deleteEntity(store::Store& store, const http::ApiRequest& request)
{
    auto id = pathId(request);
    if (!id) return id.error();
    auto version = ifMatchVersion(request);
    if (!version) return version.error();
    auto deleted = store.write([&](store::Tx& tx) -> Result<RowMeta> {
        auto meta = Repo().softDelete(tx, *id, *version);
        if (!meta && meta.error().code == codes::NotFound) return notFound();
        return meta;
    });
    if (!deleted) return deleted.error();
    return http::Reply::noContent();
}

} // namespace yanghu::api
