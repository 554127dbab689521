// SPDX-License-Identifier: MIT
#include "auth/PasswordHasher.h"

#include <sodium.h>

#include <stdexcept>

namespace yanghu::server {
namespace {

void initSodium()
{
    // sodium_init is thread-safe and idempotent; < 0 means no usable random source.
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not initialise (no random source)");
}

} // namespace

PasswordHasher::PasswordHasher(Cost cost)
    : m_opsLimit(cost == Cost::Interactive ? crypto_pwhash_OPSLIMIT_INTERACTIVE : crypto_pwhash_OPSLIMIT_MIN),
      m_memLimit(cost == Cost::Interactive ? crypto_pwhash_MEMLIMIT_INTERACTIVE : crypto_pwhash_MEMLIMIT_MIN)
{
    initSodium();
}

std::string PasswordHasher::hash(std::string_view password) const
{
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), m_opsLimit, m_memLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("password hashing ran out of memory");
    return out;
}

bool PasswordHasher::verify(std::string_view password, const std::string& phcHash) const
{
    if (phcHash.empty()) return false;
    return crypto_pwhash_str_verify(phcHash.c_str(), password.data(), password.size()) == 0;
}

} // namespace yanghu::server
