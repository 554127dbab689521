// SPDX-License-Identifier: MIT
#include "auth/SessionStore.h"

#include "http/HttpCodes.h"
#include "store/Sql.h"
#include "store/UserRepository.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace yanghu::server {

namespace {

constexpr std::size_t kMaxCached = 20000; // far above a city's signed-in users; bounds memory

std::int64_t millis(Instant t) { return t.time_since_epoch().count(); }

Error unauthorized() { return Error::of(std::string(http::codes::Unauthorized)); }

} // namespace

SessionStore::SessionStore(store::Store& store, std::chrono::minutes ttl, std::chrono::milliseconds recheck)
    : m_store(store), m_ttl(ttl), m_recheck(recheck)
{
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not initialise (no random source)");
}

std::string SessionStore::hashToken(const std::string& token)
{
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()), token.size());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

SessionStore::Issued SessionStore::issue(store::Tx& tx, const Uuid& userId, const std::string& clientAddress)
{
    std::array<unsigned char, 32> random{};
    randombytes_buf(random.data(), random.size());
    std::array<char, 64> text{};
    sodium_bin2base64(text.data(), text.size(), random.data(), random.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    Issued issued{std::string(text.data()), tx.now() + m_ttl};
    store::sql::execute(tx.session(),
                        "INSERT INTO auth_session (token_hash, user_id, created_at, expires_at, client_address) "
                        "VALUES (?, ?, ?, ?, ?)",
                        {hashToken(issued.token), userId.toString(), millis(tx.now()), millis(issued.expiresAt), clientAddress});
    return issued;
}

Result<User> SessionStore::authenticate(const std::string& token)
{
    // Tokens are 43 base64url characters; anything else is refused before hashing.
    if (token.size() != 43) return unauthorized();
    const std::string hash = hashToken(token);
    const auto steadyNow = std::chrono::steady_clock::now();
    const Instant now = m_store.clock().now();
    {
        const std::lock_guard lock(m_mutex);
        if (auto it = m_cache.find(hash); it != m_cache.end() && !m_revoked.contains(hash)) {
            if (it->second.expiresAt <= now) {
                m_cache.erase(it);
                return unauthorized();
            }
            if (steadyNow - it->second.checkedAt < m_recheck &&
                !recentlyChanged(it->second.user.id, it->second.checkedAt))
                return it->second.user;
        }
    }
    struct Session {
        User user;
        Instant expiresAt;
    };
    auto found = m_store.read([&](store::Tx& tx) -> Result<Session> {
        auto rows = store::sql::query(tx.session(),
                                      "SELECT user_id, expires_at, revoked_at FROM auth_session WHERE token_hash = ?",
                                      {hash}, {store::SqlType::Text, store::SqlType::Int, store::SqlType::Int});
        if (rows.empty()) return unauthorized();
        const auto& row = rows.front();
        if (!std::holds_alternative<std::monostate>(row[2])) return unauthorized();
        const Instant expiresAt{std::chrono::milliseconds(std::get<std::int64_t>(row[1]))};
        if (expiresAt <= now) return unauthorized();
        auto userId = Uuid::parse(std::get<std::string>(row[0]));
        if (!userId) return unauthorized();
        store::UserRepository users;
        auto user = users.get(tx, *userId);
        if (!user || !user->active) return unauthorized();
        return Session{std::move(user).value(), expiresAt};
    });
    const std::lock_guard lock(m_mutex);
    if (!found) {
        m_cache.erase(hash);
        return found.error();
    }
    if (m_cache.size() >= kMaxCached) m_cache.clear();
    // While a change of this user may still be committing, what was just read may be stale.
    if (!recentlyChanged(found->user.id, steadyNow - m_recheck) && !m_revoked.contains(hash))
        m_cache[hash] = Cached{found->user, found->expiresAt, steadyNow};
    return found->user;
}

bool SessionStore::recentlyChanged(const Uuid& userId, std::chrono::steady_clock::time_point since) const
{
    auto it = m_changed.find(userId);
    return it != m_changed.end() && it->second >= since;
}

void SessionStore::userChanged(const Uuid& userId)
{
    const auto now = std::chrono::steady_clock::now();
    const std::lock_guard lock(m_mutex);
    // Entries older than the recheck interval no longer matter.
    for (auto it = m_changed.begin(); it != m_changed.end();)
        it = now - it->second > 2 * m_recheck ? m_changed.erase(it) : std::next(it);
    m_changed[userId] = now;
    for (auto it = m_cache.begin(); it != m_cache.end();)
        it = it->second.user.id == userId ? m_cache.erase(it) : std::next(it);
}

void SessionStore::revoke(const std::string& token)
{
    const std::string hash = hashToken(token);
    {
        // Marked before the write: a concurrent check that reads the row before the logout
        // commits must not cache it.
        const auto now = std::chrono::steady_clock::now();
        const std::lock_guard lock(m_mutex);
        for (auto it = m_revoked.begin(); it != m_revoked.end();)
            it = now - it->second > 2 * m_recheck ? m_revoked.erase(it) : std::next(it);
        m_revoked[hash] = now;
        m_cache.erase(hash);
    }
    auto done = m_store.write([&](store::Tx& tx) -> Status {
        store::sql::execute(tx.session(), "UPDATE auth_session SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                            {millis(tx.now()), hash});
        return success();
    });
    (void)done;
}

void SessionStore::endAllSessions(store::Tx& tx, const Uuid& userId)
{
    store::sql::execute(tx.session(), "UPDATE auth_session SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                        {millis(tx.now()), userId.toString()});
}

void SessionStore::revokeAll(store::Tx& tx, const Uuid& userId)
{
    endAllSessions(tx, userId);
    userChanged(userId);
}

} // namespace yanghu::server
