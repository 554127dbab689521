// SPDX-License-Identifier: MIT
#pragma once

#include "store/Store.h"

#include "yanghu/core/Clock.h"
#include "yanghu/core/Result.h"
#include "yanghu/core/domain/User.h"

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace yanghu::server {

// Bearer-token sessions. A token is 256 random bits (libsodium), base64url, given to the
// client once; the database keeps only its SHA-256, so neither a database copy nor a log can
// sign anyone in. Tokens expire after `ttl` and end at logout.
//
// authenticate() is on every request's path, so verified tokens are kept in memory for
// `recheck` (default 5 s) before the database is asked again: a logout through this process
// takes effect at once, one through another server process (several behind a load balancer)
// within `recheck`. Thread-safe.
class SessionStore {
public:
    SessionStore(store::Store& store, std::chrono::minutes ttl,
                 std::chrono::milliseconds recheck = std::chrono::seconds(5));

    struct Issued {
        std::string token;
        Instant expiresAt;
    };
    // A new session for `userId`, written in the caller's transaction.
    Issued issue(store::Tx& tx, const Uuid& userId, const std::string& clientAddress);

    // The active user behind `token`; Error unauthorized when the token is unknown, expired,
    // revoked, or its user is disabled or deleted.
    Result<User> authenticate(const std::string& token);

    // Ends the session of `token` (no error when it is already over).
    void revoke(const std::string& token);
    // Ends every session of `userId` (password changed, user disabled), in the caller's tx.
    void revokeAll(store::Tx& tx, const Uuid& userId);
    // The user's row is changing (role, crew, active): their sessions are read from the
    // database again, and not cached for a while, so the change applies from its commit on.
    void userChanged(const Uuid& userId);
    // The same in the database only, for programs without a running SessionStore
    // (yanghu-admin); servers notice within their recheck interval.
    static void endAllSessions(store::Tx& tx, const Uuid& userId);

    std::chrono::minutes ttl() const { return m_ttl; }

    static std::string hashToken(const std::string& token); // SHA-256, lower-case hex

private:
    struct Cached {
        User user;
        Instant expiresAt;
        std::chrono::steady_clock::time_point checkedAt;
    };

    store::Store& m_store;
    std::chrono::minutes m_ttl;
    std::chrono::milliseconds m_recheck;
    std::mutex m_mutex;
    std::unordered_map<std::string, Cached> m_cache; // token hash -> verified session
    // Users changed recently (userChanged/revokeAll/revoke), with when: a session verified
    // before that, or while the change may still be uncommitted, is not trusted from memory.
    std::unordered_map<Uuid, std::chrono::steady_clock::time_point> m_changed;
    bool recentlyChanged(const Uuid& userId, std::chrono::steady_clock::time_point since) const;
    // Tokens logged out recently (hash -> when): never served from, or put in, the cache.
    std::unordered_map<std::string, std::chrono::steady_clock::time_point> m_revoked;
};

} // namespace yanghu::server
