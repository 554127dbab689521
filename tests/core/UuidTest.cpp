// SPDX-License-Identifier: MIT
#include "yanghu/core/Uuid.h"

#include <gtest/gtest.h>

#include <set>

using namespace yanghu;
using namespace std::chrono;

TEST(Uuid, ParsesAndPrintsCanonicalForm)
{
    auto u = Uuid::parse("0192F0C8-1B2A-7C3D-8E4F-0123456789AB");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->toString(), "0192f0c8-1b2a-7c3d-8e4f-0123456789ab");
    EXPECT_EQ(u->version(), 7);
    EXPECT_FALSE(u->isNil());
    EXPECT_TRUE(Uuid{}.isNil());
}

TEST(Uuid, RejectsMalformedText)
{
    for (const char* bad : {"", "0192f0c8-1b2a-7c3d-8e4f-0123456789a", "0192f0c8x1b2a-7c3d-8e4f-0123456789ab",
                            "0192f0c8-1b2a-7c3d-8e4f-0123456789ag", "{0192f0c8-1b2a-7c3d-8e4f-01234567}"})
        EXPECT_FALSE(Uuid::parse(bad)) << bad;
}

TEST(UuidGenerator, CarriesTimestampInFirst48BitsAndVersionSeven)
{
    ManualClock clock{Instant{milliseconds{0x0192f0c81b2a}}};
    UuidGenerator gen{clock, 42};
    Uuid u = gen.next();
    EXPECT_EQ(u.version(), 7);
    EXPECT_EQ(u.toString().substr(0, 13), "0192f0c8-1b2a");
    EXPECT_EQ(u.bytes()[8] & 0xc0, 0x80); // RFC 9562 variant
}

TEST(UuidGenerator, IsStrictlyMonotonicWhenClockStandsStillOrStepsBack)
{
    ManualClock clock{Instant{milliseconds{1'700'000'000'000}}};
    UuidGenerator gen{clock, 7};
    Uuid previous = gen.next();
    std::set<Uuid> seen{previous};
    for (int i = 0; i < 20'000; ++i) {
        if (i == 10'000) clock.advance(-5s);
        Uuid u = gen.next();
        ASSERT_LT(previous, u) << "at " << i;
        previous = u;
        seen.insert(u);
    }
    EXPECT_EQ(seen.size(), 20'001u);
}

TEST(UuidGenerator, SortsByCreationTimeAcrossMilliseconds)
{
    ManualClock clock{Instant{milliseconds{1'700'000'000'000}}};
    UuidGenerator gen{clock, 1};
    Uuid a = gen.next();
    clock.advance(1ms);
    Uuid b = gen.next();
    EXPECT_LT(a, b);
    EXPECT_LT(a.toString(), b.toString());
}
