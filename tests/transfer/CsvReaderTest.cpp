// SPDX-License-Identifier: MIT
#include "transfer/CsvReader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

using yanghu::transfer::CsvReader;

namespace {

struct Rec {
    int line;
    std::vector<std::string> fields;
};

std::vector<Rec> readAll(CsvReader& r)
{
    std::vector<Rec> out;
    while (r.next() == CsvReader::Status::Record) out.push_back(Rec{r.line(), {r.fields().begin(), r.fields().end()}});
    return out;
}

std::vector<Rec> readAll(std::string_view text)
{
    CsvReader r(text);
    return readAll(r);
}

} // namespace

TEST(CsvReader, StripsUtf8BomAndReadsCrlfRecords)
{
    auto recs = readAll("\xEF\xBB\xBFid,name\r\n1,a\r\n2,b\r\n");
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs[0].fields, (std::vector<std::string>{"id", "name"}));
    EXPECT_EQ(recs[2].fields, (std::vector<std::string>{"2", "b"}));
    EXPECT_EQ(recs[2].line, 3);
}

TEST(CsvReader, ReadsLfAndLastLineWithoutNewline)
{
    auto recs = readAll("a,b\n1,2");
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[1].fields, (std::vector<std::string>{"1", "2"}));
}

TEST(CsvReader, UnquotesFieldsWithDoubledQuotesAndCommas)
{
    auto recs = readAll("\"say \"\"hi\"\"\",\"a,b\",\"\",plain\n");
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_EQ(recs[0].fields, (std::vector<std::string>{"say \"hi\"", "a,b", "", "plain"}));
}

TEST(CsvReader, KeepsEmbeddedNewlinesAndCountsPhysicalLines)
{
    auto recs = readAll("h1,h2\r\n\"line one\r\nline two\",x\r\nnext,y\r\n");
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs[1].fields[0], "line one\r\nline two");
    EXPECT_EQ(recs[1].line, 2);
    EXPECT_EQ(recs[2].line, 4); // the quoted field spanned lines 2 and 3
}

TEST(CsvReader, TrailingEmptyFieldsAreFields)
{
    auto recs = readAll("a,,\n");
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_EQ(recs[0].fields, (std::vector<std::string>{"a", "", ""}));
}

TEST(CsvReader, SkipsEmptyLinesButCountsThem)
{
    auto recs = readAll("a\n\n\nb\n");
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[1].line, 4);
}

TEST(CsvReader, ReportsUnterminatedQuoteWithTheLineOfItsRecord)
{
    CsvReader r(std::string_view("a,b\n1,2\n3,\"open\n4,5\n"));
    EXPECT_EQ(r.next(), CsvReader::Status::Record);
    EXPECT_EQ(r.next(), CsvReader::Status::Record);
    EXPECT_EQ(r.next(), CsvReader::Status::Broken);
    EXPECT_EQ(r.error().line, 3);
    EXPECT_EQ(r.error().code, "invalid_format");
    EXPECT_EQ(r.error().params.at("expected"), "closing_quote");
    EXPECT_EQ(r.next(), CsvReader::Status::Broken); // stays broken
}

TEST(CsvReader, ReportsWrongFieldCountAndContinues)
{
    CsvReader r(std::string_view("a,b,c\n1,2\n4,5,6\n"));
    ASSERT_EQ(r.next(), CsvReader::Status::Record);
    r.expectFieldCount(3);
    EXPECT_EQ(r.next(), CsvReader::Status::BadRecord);
    EXPECT_EQ(r.error().line, 2);
    EXPECT_EQ(r.error().params.at("count"), "2");
    EXPECT_EQ(r.error().params.at("expected_count"), "3");
    EXPECT_EQ(r.next(), CsvReader::Status::Record);
    EXPECT_EQ(r.fields()[2], "6");
    EXPECT_EQ(r.next(), CsvReader::Status::End);
}

TEST(CsvReader, PassesChineseUtf8Through)
{
    auto recs = readAll("街道,编号\n\"太行东街, 北侧\",YS-00412\n");
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].fields[0], "街道");
    EXPECT_EQ(recs[1].fields[0], "太行东街, 北侧");
}

TEST(CsvReader, StreamInputGivesTheSameRecordsAcrossChunkBoundaries)
{
    // Long enough that records and a quoted field cross the 64 KiB read chunks.
    std::string text = "\xEF\xBB\xBFn,text\r\n";
    for (int i = 0; i < 5000; ++i)
        text += std::to_string(i) + ",\"quoted, \"\"x\"\"\r\nsecond line " + std::to_string(i) + "\"\r\n";
    std::istringstream in(text);
    CsvReader fromStream(in);
    auto a = readAll(fromStream);
    auto b = readAll(text);
    ASSERT_EQ(a.size(), 5001u);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].fields, b[i].fields) << i;
        EXPECT_EQ(a[i].line, b[i].line) << i;
    }
    EXPECT_EQ(a[4000].line, 2 * 3999 + 2);
    EXPECT_EQ(a[4000].fields[1], "quoted, \"x\"\r\nsecond line 3999");
}

TEST(CsvReader, AcceptsLoneCarriageReturnLineEnds)
{
    auto recs = readAll("a\rb\r");
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[1].line, 2);
}
