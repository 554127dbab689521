// SPDX-License-Identifier: MIT
#include "yanghu/core/wire/JsonText.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <string>

namespace {

using Json = nlohmann::json;
using yanghu::wire::toJsonText;

TEST(JsonText, WritesTheSameTextAsDumpForDocumentsWithoutFloats)
{
    const Json doc = Json::parse(R"({"街道":"中山路 12号","b":[1,-2,18446744073709551615,true,false,null],
        "esc":"quote \" back \\ nl \n cr \r tab \t bell \u0007 del \u007f","empty":{},"list":[],
        "nested":{"z":[{"a":"雨水井"}]}})");
    EXPECT_EQ(toJsonText(doc), doc.dump());
}

TEST(JsonText, EscapesEveryControlCharacterLikeDump)
{
    std::string all;
    for (int c = 0; c < 0x20; ++c) all += static_cast<char>(c);
    const Json doc = all;
    EXPECT_EQ(toJsonText(doc), doc.dump());
}

TEST(JsonText, KeepsFloatsFloatsAndParsesBackToTheSameValue)
{
    for (double d : {0.0, -0.0, 1.0, 100.0, 0.1, -71.1234567, 42.373611, 1e20, 1e-7, 123456789012345.0,
                     std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min()}) {
        const std::string text = toJsonText(Json(d));
        const Json back = Json::parse(text);
        ASSERT_TRUE(back.is_number_float()) << text;
        EXPECT_EQ(back.get<double>(), d) << text;
        EXPECT_EQ(std::signbit(back.get<double>()), std::signbit(d)) << text;
    }
}

TEST(JsonText, WritesNonFiniteFloatsAsNullLikeDump)
{
    EXPECT_EQ(toJsonText(Json(std::nan(""))), "null");
    EXPECT_EQ(toJsonText(Json(std::numeric_limits<double>::infinity())), "null");
    EXPECT_EQ(toJsonText(Json(std::numeric_limits<double>::infinity())), Json(INFINITY).dump());
}

TEST(JsonText, RefusesInvalidUtf8InValuesAndKeys)
{
    EXPECT_THROW(toJsonText(Json(std::string("ok \xC3"))), Json::type_error);
    EXPECT_THROW(toJsonText(Json(std::string("\xED\xA0\x80"))), Json::type_error); // a surrogate
    Json obj = Json::object();
    obj[std::string("\xFF")] = 1;
    EXPECT_THROW(toJsonText(obj), Json::type_error);
}

TEST(JsonText, RandomDocumentsRoundTripThroughParse)
{
    std::mt19937_64 rng(20261129);
    const std::string pieces[] = {"a", "路", "\"", "\\", "\n", "\x01", "井盖", " ", "/", "😀", "é"};
    auto text = [&] {
        std::string s;
        for (int n = static_cast<int>(rng() % 8); n > 0; --n) s += pieces[rng() % std::size(pieces)];
        return s;
    };
    std::function<Json(int)> make = [&](int depth) -> Json {
        switch (depth > 3 ? rng() % 5 : rng() % 7) {
        case 0: return nullptr;
        case 1: return static_cast<std::int64_t>(rng()) >> (rng() % 60);
        case 2: return std::ldexp(static_cast<double>(rng() % 1000003) - 500000.0, static_cast<int>(rng() % 80) - 40);
        case 3: return text();
        case 4: return (rng() & 1) != 0;
        case 5: {
            Json a = Json::array();
            for (int n = static_cast<int>(rng() % 5); n > 0; --n) a.push_back(make(depth + 1));
            return a;
        }
        default: {
            Json o = Json::object();
            for (int n = static_cast<int>(rng() % 5); n > 0; --n) o[text()] = make(depth + 1);
            return o;
        }
        }
    };
    for (int i = 0; i < 2000; ++i) {
        const Json doc = make(0);
        const std::string written = toJsonText(doc);
        EXPECT_EQ(Json::parse(written), doc) << written;
    }
}

} // namespace
