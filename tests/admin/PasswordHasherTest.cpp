// SPDX-License-Identifier: MIT
#include "auth/PasswordHasher.h"

#include <gtest/gtest.h>

using yanghu::server::PasswordHasher;

TEST(PasswordHasher, VerifiesTheRightPasswordOnly)
{
    PasswordHasher hasher{PasswordHasher::Cost::Minimal};
    std::string h = hasher.hash("井盖-demo-2026");
    EXPECT_EQ(h.rfind("$argon2id$", 0), 0u) << h;
    EXPECT_TRUE(hasher.verify("井盖-demo-2026", h));
    EXPECT_FALSE(hasher.verify("井盖-demo-2027", h));
    EXPECT_FALSE(hasher.verify("", h));
    EXPECT_FALSE(hasher.verify("anything", ""));
}

TEST(PasswordHasher, SaltsEveryHashAndVerifiesAcrossCosts)
{
    PasswordHasher cheap{PasswordHasher::Cost::Minimal};
    PasswordHasher interactive{PasswordHasher::Cost::Interactive};
    std::string a = cheap.hash("secret");
    std::string b = cheap.hash("secret");
    EXPECT_NE(a, b);
    // Parameters live in the hash string, so any hasher verifies any cost.
    EXPECT_TRUE(interactive.verify("secret", a));
    EXPECT_TRUE(cheap.verify("secret", interactive.hash("secret")));
}
