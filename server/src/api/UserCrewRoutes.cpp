// SPDX-License-Identifier: MIT
#include "api/ApiContext.h"
#include "api/Common.h"
#include "api/EntityHandlers.h"
#include "store/CrewRepository.h"
#include "store/UserRepository.h"

namespace yanghu::api {

namespace {

using store::CrewRepository;
using store::UserRepository;

constexpr std::size_t kMinPassword = 8;
constexpr std::size_t kMaxPassword = 1024;

// Takes "password" out of `body` (it is not a field of User: only its hash is stored) and
// answers its hash; nullopt when it is absent and not `required`.
Result<std::optional<std::string>> takePasswordHash(const server::PasswordHasher& hasher, Json& body, bool required)
{
    auto it = body.find("password");
    if (it == body.end() || it->is_null()) {
        if (it != body.end()) body.erase(it);
        if (!required) return std::optional<std::string>();
        return Error::validation({FieldError{"password", std::string(codes::Required), {}}});
    }
    if (!it->is_string())
        return Error::validation({FieldError{"password", std::string(codes::WrongType), {{"expected", "string"}}}});
    const std::string password = it->get<std::string>();
    body.erase(it);
    if (password.size() < kMinPassword || password.size() > kMaxPassword)
        return Error::validation({FieldError{"password",
                                             std::string(password.size() > kMaxPassword ? codes::TooLong : codes::OutOfRange),
                                             {{"min", std::to_string(kMinPassword)}, {"max", std::to_string(kMaxPassword)}}}});
    // Hashed here, before the transaction: the KDF is slow and must not hold the write lock.
    return std::optional<std::string>(hasher.hash(password));
}

Result<http::Reply> createUser(ApiContext& ctx, const http::ApiRequest& request)
{
    auto body = bodyObject(request);
    if (!body) return body.error();
    auto hash = takePasswordHash(ctx.hasher, *body, true);
    if (!hash) return hash.error();
    return createEntity<UserRepository>(ctx.store, *body, "users", {"password_hash"},
                                        [&](store::Tx& tx, User& user) -> Status {
                                            user.passwordHash = **hash;
                                            return requireReference<CrewRepository>(tx, user.crewId, "crew_id");
                                        });
}

// A new password or a deactivation ends every session of the user in the same transaction.
Result<http::Reply> updateUser(ApiContext& ctx, const http::ApiRequest& request)
{
    if (auto id = pathId(request); !id) return id.error();
    if (auto version = ifMatchVersion(request); !version) return version.error();
    auto body = bodyObject(request);
    if (!body) return body.error();
    auto hash = takePasswordHash(ctx.hasher, *body, false);
    if (!hash) return hash.error();
    return patchEntity<UserRepository>(
        ctx.store, request, *body, {"username", "password_hash"},
        [&](store::Tx& tx, const User& current, User& updated) -> Status {
            // The wire form has no hash: the merge starts without it.
            updated.passwordHash = hash->value_or(current.passwordHash);
            if (hash->has_value() || (current.active && !updated.active)) ctx.sessions.revokeAll(tx, current.id);
            // A new role or crew must not be served from a cached session either.
            ctx.sessions.userChanged(current.id);
            return requireReference<CrewRepository>(tx, updated.crewId, "crew_id");
        });
}

Result<http::Reply> listUsers(ApiContext& ctx, const http::ApiRequest& request)
{
    QueryReader q(request);
    q.onlyKnown({"role", "crew_id"});
    const store::UserFilter filter{q.enumeration<Role>("role"), q.uuid("crew_id")};
    return listEntities<UserRepository>(ctx, request, q, filter);
}

// A crew member lists only their own crew.
Result<http::Reply> listCrews(ApiContext& ctx, const http::ApiRequest& request)
{
    QueryReader q(request);
    q.onlyKnown({"district"});
    const store::CrewFilter filter{q.text("district")};
    if (!isCrew(request.caller())) return listEntities<CrewRepository>(ctx, request, q, filter);
    store::Where own;
    own.add("id = ?", {request.caller().crewId.value_or(Uuid()).toString()});
    if (filter.district) own.add("district = ?", {*filter.district});
    return listEntities<CrewRepository>(ctx, request, q, own);
}

} // namespace

void registerUserAndCrewRoutes(http::Router& router, ApiContext& ctx)
{
    const std::string p = kApiPrefix;
    const auto admin = http::Access::only({Role::Admin});
    router.add({"GET", p + "/users", "users.list", admin, [&ctx](http::ApiRequest& r) { return listUsers(ctx, r); }});
    router.add({"POST", p + "/users", "users.create", admin, [&ctx](http::ApiRequest& r) { return createUser(ctx, r); }});
    router.add({"GET", p + "/users/{id}", "users.get", admin,
                [&ctx](http::ApiRequest& r) { return getEntity<UserRepository>(ctx, r); }});
    router.add({"PATCH", p + "/users/{id}", "users.update", admin, [&ctx](http::ApiRequest& r) { return updateUser(ctx, r); }});

    router.add({"GET", p + "/crews", "crews.list", http::Access::anyUser(),
                [&ctx](http::ApiRequest& r) { return listCrews(ctx, r); }});
    router.add({"POST", p + "/crews", "crews.create", admin,
                [&ctx](http::ApiRequest& r) { return createEntity<CrewRepository>(ctx.store, r, "crews"); }});
    router.add({"GET", p + "/crews/{id}", "crews.get", http::Access::anyUser(), [&ctx](http::ApiRequest& r) {
                    return getEntity<CrewRepository>(ctx, r, [&r](store::Tx&, const Crew& crew) {
                        return !isCrew(r.caller()) || r.caller().crewId == crew.id;
                    });
                }});
    router.add({"PATCH", p + "/crews/{id}", "crews.update", admin,
                [&ctx](http::ApiRequest& r) { return patchEntity<CrewRepository>(ctx.store, r); }});
}

} // namespace yanghu::api
