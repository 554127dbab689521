// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace yanghu::server {

// Argon2id (libsodium crypto_pwhash) password hashes in PHC string form
// ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"): a random salt per hash; the parameters are
// stored in the string, so hashes made with other costs still verify.
class PasswordHasher {
public:
    enum class Cost {
        Interactive, // libsodium's INTERACTIVE limits (64 MiB, 2 passes): logins
        Minimal,     // the library minimum: only for tests that create many users
    };

    explicit PasswordHasher(Cost cost = Cost::Interactive);

    // Throws std::runtime_error when the KDF cannot allocate its memory.
    std::string hash(std::string_view password) const;
    bool verify(std::string_view password, const std::string& phcHash) const;

private:
    unsigned long long m_opsLimit;
    std::size_t m_memLimit;
};

} // namespace yanghu::server
