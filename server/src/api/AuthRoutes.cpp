// SPDX-License-Identifier: MIT
#include "api/ApiContext.h"
#include "api/Common.h"
#include "store/FifoSemaphore.h"
#include "store/UserRepository.h"

#include <algorithm>
#include <thread>

namespace yanghu::api {

namespace {

// Argon2id at interactive cost takes 64 MiB and ~0.1 s of a core per check. A burst of logins
// (a shift change: every laptop at once) must not take the machine's memory, so checks run at
// most one per core at a time; the rest wait their turn, in order of arrival, for a while
// (ApiContext::loginWait).
store::FifoSemaphore& kdfSlots()
{
    static store::FifoSemaphore slots(std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 64));
    return slots;
}

// Checked against when the username is unknown, so both failures take the same time.
const std::string& decoyHash(const server::PasswordHasher& hasher)
{
    static const std::string hash = hasher.hash("yanghu decoy password, matches nothing");
    return hash;
}

// A session for `user`: {"token", "expires_at", "user"} (login and refresh answer alike).
Result<http::Reply> newSession(ApiContext& ctx, http::ApiRequest& request, const User& user)
{
    auto issued = ctx.store.write([&](store::Tx& tx) -> Result<server::SessionStore::Issued> {
        return ctx.sessions.issue(tx, user.id, request.clientAddress);
    });
    if (!issued) return issued.error();
    Json answer = {
        {"token", issued->token}, {"expires_at", formatInstant(issued->expiresAt)}, {"user", wire::toJson(user)}};
    return http::Reply::json(200, answer);
}

Result<http::Reply> login(ApiContext& ctx, http::ApiRequest& request)
{
    auto body = bodyObject(request);
    if (!body) return body.error();
    std::vector<FieldError> errors;
    std::string username, password;
    for (auto it = body->begin(); it != body->end(); ++it)
        if (it.key() != "username" && it.key() != "password")
            errors.push_back(FieldError{it.key(), std::string(codes::UnknownField), {}});
    auto readText = [&](const char* key, std::string& out, std::size_t max) {
        auto it = body->find(key);
        if (it == body->end() || it->is_null()) {
            errors.push_back(FieldError{key, std::string(codes::Required), {}});
        } else if (!it->is_string()) {
            errors.push_back(FieldError{key, std::string(codes::WrongType), {{"expected", "string"}}});
        } else if (it->get_ref<const std::string&>().size() > max) {
            errors.push_back(FieldError{key, std::string(codes::TooLong), {{"max", std::to_string(max)}}});
        } else {
            out = it->get<std::string>();
        }
    };
    readText("username", username, 100);
    readText("password", password, 1024);
    if (!errors.empty()) return Error::validation(std::move(errors));

    // The throttle is asked while holding a KDF slot and a failure is counted before the slot
    // is released, so a burst of parallel guesses cannot all pass the check before the first
    // failure is recorded: at most one guess per slot gets past a lock-out.
    Result<User> user = Error::of(std::string(codes::NotFound));
    {
        // A shift change: every laptop signs in at once. Those that would wait longer than
        // loginWait are told when to come back instead (they retry: client::login).
        store::FifoUnit slot(kdfSlots(), ctx.loginWait);
        if (!slot.held()) return Error::of(std::string(http::codes::ServiceUnavailable), {{"retry_after", "2"}});
        if (auto wait = ctx.throttle.retryAfter(username, request.clientAddress); wait.count() > 0) {
            const auto seconds = std::to_string(wait.count());
            return Error::of(std::string(http::codes::TooManyRequests), {{"retry_after", seconds}});
        }
        user = ctx.store.read([&](store::Tx& tx) { return store::UserRepository().findByUsername(tx, username); });
        const bool known = user.ok() && user->active;
        const bool verified = ctx.hasher.verify(password, known ? user->passwordHash : decoyHash(ctx.hasher));
        if (!known || !verified) {
            ctx.throttle.failed(username, request.clientAddress);
            return Error::of(std::string(http::codes::BadCredentials));
        }
        ctx.throttle.succeeded(username);
    }
    return newSession(ctx, request, *user);
}

// A new token for the caller, and the one it came with ended: a laptop that is online now and
// then never has to ask its crew for the password (a token lives auth.token_ttl_hours). The
// old token ends only once the new one is stored, so a failed refresh leaves the caller signed in.
Result<http::Reply> refresh(ApiContext& ctx, http::ApiRequest& request)
{
    auto reply = newSession(ctx, request, request.caller());
    if (reply) ctx.sessions.revoke(request.bearerToken);
    return reply;
}

} // namespace

void registerAuthRoutes(http::Router& router, ApiContext& ctx)
{
    const std::string p = kApiPrefix;
    router.add({"POST", p + "/auth/login", "auth.login", http::Access::open(),
                [&ctx](http::ApiRequest& r) { return login(ctx, r); }});
    router.add({"POST", p + "/auth/refresh", "auth.refresh", http::Access::anyUser(),
                [&ctx](http::ApiRequest& r) { return refresh(ctx, r); }});
    router.add({"POST", p + "/auth/logout", "auth.logout", http::Access::anyUser(),
                [&ctx](http::ApiRequest& r) -> Result<http::Reply> {
                    ctx.sessions.revoke(r.bearerToken);
                    return http::Reply::noContent();
                }});
    router.add({"GET", p + "/auth/me", "auth.me", http::Access::anyUser(),
                [](http::ApiRequest& r) -> Result<http::Reply> { return entityReply(200, r.caller()); }});
}

} // namespace yanghu::api
