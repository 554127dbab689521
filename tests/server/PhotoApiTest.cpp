// SPDX-License-Identifier: MIT
// /api/v1/photos/{sha256} over the real server on both back ends: uploads in one chunk and in
// many, refused chunks and offsets and their resumption, a wrong final hash, a server killed
// in the middle of an upload (fault test 10, server side), two clients uploading one photo at
// once, downloads whole, by range and conditional, and the limits.
#include "ApiFixture.h"

#include "store/Sql.h"

#include <Poco/DigestEngine.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace yanghu;
using namespace yanghu::servertest;

namespace {

constexpr std::size_t kMiB = 1024 * 1024;

// SHA-256 by Poco's implementation, independent of the server's (libsodium).
std::string sha256(const std::string& bytes)
{
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string randomBytes(std::size_t n, std::uint64_t seed)
{
    std::mt19937_64 random(seed);
    std::string bytes(n, '\0');
    for (auto& b : bytes) b = static_cast<char>(random() & 0xff);
    return bytes;
}

std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class PhotoApi : public ApiTest {
protected:
    static std::string path(const std::string& sha) { return "/api/v1/photos/" + sha; }

    HttpResponse put(HttpClient& c, const std::string& user, const std::string& sha, std::uint64_t offset,
                     std::uint64_t total, const std::string& chunk, const std::map<std::string, std::string>& extra = {})
    {
        std::map<std::string, std::string> headers{{"Authorization", "Bearer " + token(user)},
                                                   {"Content-Type", "application/octet-stream"},
                                                   {"Upload-Offset", std::to_string(offset)},
                                                   {"Upload-Length", std::to_string(total)}};
        for (const auto& [k, v] : extra) headers[k] = v;
        return c.request("PUT", path(sha), chunk, headers);
    }
    HttpResponse put(const std::string& sha, std::uint64_t offset, std::uint64_t total, const std::string& chunk,
                     const std::map<std::string, std::string>& extra = {})
    {
        return put(client(), "crew_a", sha, offset, total, chunk, extra);
    }
    HttpResponse head(const std::string& sha, const std::string& user = "crew_a")
    {
        return client().request("HEAD", path(sha), {}, {{"Authorization", "Bearer " + token(user)}});
    }
    HttpResponse get(const std::string& sha, std::map<std::string, std::string> headers = {})
    {
        headers["Authorization"] = "Bearer " + token("dispatcher");
        return client().request("GET", path(sha), {}, headers);
    }

    // Uploads `bytes` in chunks of `chunk` bytes, each from the offset the server last gave
    // (a 409 included). The answers, in order.
    std::vector<HttpResponse> upload(HttpClient& c, const std::string& user, const std::string& bytes, std::size_t chunk,
                                     const std::map<std::string, std::string>& extra = {})
    {
        const std::string sha = sha256(bytes);
        std::vector<HttpResponse> answers;
        std::uint64_t offset = 0;
        for (int guard = 0; guard < 100000; ++guard) {
            const std::size_t n = std::min<std::size_t>(chunk, bytes.size() - offset);
            answers.push_back(put(c, user, sha, offset, bytes.size(), bytes.substr(offset, n), extra));
            const auto& r = answers.back();
            if (r.status != 204 && r.status != 409) break;
            offset = std::stoull(r.header("upload-offset"));
        }
        return answers;
    }
    std::vector<HttpResponse> upload(const std::string& bytes, std::size_t chunk, const std::map<std::string, std::string>& extra = {})
    {
        return upload(client(), "crew_a", bytes, chunk, extra);
    }

    std::filesystem::path storedFile(const std::string& sha) const { return photoDir() / sha.substr(0, 2) / sha; }
    // Files left in partial/ (uploads in progress, their type records and locks).
    std::vector<std::string> partialFiles() const
    {
        std::vector<std::string> names;
        for (const auto& e : std::filesystem::directory_iterator(photoDir() / "partial")) names.push_back(e.path().filename());
        return names;
    }
    // Every complete file in the store, as "ab/<sha>".
    std::vector<std::string> storedFiles() const
    {
        std::vector<std::string> names;
        for (const auto& dir : std::filesystem::directory_iterator(photoDir())) {
            if (!dir.is_directory() || dir.path().filename() == "partial") continue;
            for (const auto& f : std::filesystem::directory_iterator(dir.path()))
                names.push_back(dir.path().filename().string() + "/" + f.path().filename().string());
        }
        return names;
    }
    // The photo table: sha256 -> "size|content_type|uploaded_by|created_at".
    std::map<std::string, std::string> photoRows()
    {
        auto session = m_db->session();
        std::map<std::string, std::string> rows;
        for (const auto& r : store::sql::query(
                 session, "SELECT sha256, size_bytes, content_type, uploaded_by, created_at FROM photo", {},
                 {store::SqlType::Text, store::SqlType::Int, store::SqlType::Text, store::SqlType::Text, store::SqlType::Int}))
            rows[std::get<std::string>(r[0])] = std::to_string(std::get<std::int64_t>(r[1])) + "|" +
                                                std::get<std::string>(r[2]) + "|" + std::get<std::string>(r[3]) + "|" +
                                                std::to_string(std::get<std::int64_t>(r[4]));
        return rows;
    }

    // Stored exactly once with exactly these bytes, nothing left over from its upload.
    void expectStoredOnce(const std::string& bytes, const std::string& type)
    {
        const std::string sha = sha256(bytes);
        const auto rows = photoRows();
        ASSERT_EQ(rows.size(), 1u);
        ASSERT_EQ(rows.count(sha), 1u);
        EXPECT_EQ(rows.at(sha).substr(0, rows.at(sha).find('|', rows.at(sha).find('|') + 1)),
                  std::to_string(bytes.size()) + "|" + type);
        EXPECT_EQ(storedFiles(), std::vector<std::string>{sha.substr(0, 2) + "/" + sha});
        EXPECT_TRUE(readFile(storedFile(sha)) == bytes) << "the stored file differs from the upload";
        EXPECT_TRUE(partialFiles().empty()) << ::testing::PrintToString(partialFiles());
        auto whole = get(sha);
        ASSERT_EQ(whole.status, 200);
        EXPECT_TRUE(whole.body == bytes) << "GET answered other bytes (" << whole.body.size() << " of " << bytes.size() << ")";
        EXPECT_EQ(whole.header("content-type"), type);
    }
};

TEST_P(PhotoApi, OneChunkIsStoredAndServedWithItsTypeAndCacheHeaders)
{
    const std::string bytes = randomBytes(100'000, 1);
    const std::string sha = sha256(bytes);
    auto created = put(sha, 0, bytes.size(), bytes, {{"Photo-Content-Type", "image/png"}});
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.header("location"), "/api/v1/photos/" + sha);
    EXPECT_EQ(created.header("etag"), "\"" + sha + "\"");
    EXPECT_EQ(created.header("upload-offset"), "100000");
    EXPECT_EQ(created.json(), (nlohmann::json{{"sha256", sha}, {"size_bytes", 100000}, {"content_type", "image/png"}}));
    expectStoredOnce(bytes, "image/png");
    EXPECT_NE(photoRows().at(sha).find("|" + users.at("crew_a").id.toString() + "|"), std::string::npos)
        << "uploaded_by is the caller: " << photoRows().at(sha);

    auto h = head(sha, "supervisor");
    EXPECT_EQ(h.status, 200);
    EXPECT_EQ(h.header("content-length"), "100000");
    EXPECT_EQ(h.header("content-type"), "image/png");
    EXPECT_EQ(h.header("etag"), "\"" + sha + "\"");
    EXPECT_TRUE(h.body.empty());
    auto g = get(sha);
    EXPECT_EQ(g.header("accept-ranges"), "bytes");
    EXPECT_EQ(g.header("cache-control"), "private, max-age=31536000, immutable");
    EXPECT_EQ(g.header("etag"), "\"" + sha + "\"");

    // The same photo again, by another user: 200, nothing written twice.
    const auto before = photoRows();
    const auto written = std::filesystem::last_write_time(storedFile(sha));
    auto again = put(client(), "dispatcher", sha, 0, bytes.size(), bytes);
    EXPECT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.header("location"), "/api/v1/photos/" + sha);
    EXPECT_EQ(again.json()["content_type"], "image/png");
    EXPECT_EQ(photoRows(), before);
    EXPECT_EQ(std::filesystem::last_write_time(storedFile(sha)), written);
    EXPECT_TRUE(partialFiles().empty());
}

TEST_P(PhotoApi, ManyChunksEachAcknowledgedWithTheOffsetHeldAndTheDefaultType)
{
    const std::string bytes = randomBytes(kMiB + 123, 2);
    const std::string sha = sha256(bytes);
    const std::size_t chunk = 100'000;
    std::uint64_t offset = 0;
    while (offset + chunk < bytes.size()) {
        const std::string piece = bytes.substr(offset, chunk);
        auto r = put(sha, offset, bytes.size(), piece, {{"Chunk-SHA256", sha256(piece)}});
        ASSERT_EQ(r.status, 204) << "at " << offset << ": " << r.body;
        offset += chunk;
        EXPECT_EQ(r.header("upload-offset"), std::to_string(offset));
        auto h = head(sha);
        EXPECT_EQ(h.status, 404);
        EXPECT_EQ(h.header("upload-offset"), std::to_string(offset));
        EXPECT_EQ(get(sha).status, 404) << "an unfinished upload is not served";
    }
    auto last = put(sha, offset, bytes.size(), bytes.substr(offset), {{"Chunk-SHA256", sha256(bytes.substr(offset))}});
    ASSERT_EQ(last.status, 201) << last.body;
    expectStoredOnce(bytes, "image/jpeg");
}

TEST_P(PhotoApi, AChunkNotMatchingItsHashIsRefusedAndTheBytesBeforeItAreKept)
{
    const std::string bytes = randomBytes(300'000, 3);
    const std::string sha = sha256(bytes);
    ASSERT_EQ(put(sha, 0, bytes.size(), bytes.substr(0, 100'000), {{"Photo-Content-Type", "image/webp"}}).status, 204);
    std::string damaged = bytes.substr(100'000, 100'000);
    damaged[500] = static_cast<char>(damaged[500] ^ 0x01);
    auto refused = put(sha, 100'000, bytes.size(), damaged, {{"Chunk-SHA256", sha256(bytes.substr(100'000, 100'000))}});
    EXPECT_EQ(refused.status, 422);
    EXPECT_EQ(refused.json()["code"], "chunk_hash_mismatch");
    EXPECT_EQ(refused.json()["params"]["actual"], sha256(damaged));
    EXPECT_EQ(head(sha).header("upload-offset"), "100000");
    // A Chunk-SHA256 that is no hash at all is a field error.
    auto malformed = put(sha, 100'000, bytes.size(), bytes.substr(100'000, 100'000), {{"Chunk-SHA256", "abc"}});
    EXPECT_EQ(malformed.status, 422);
    EXPECT_EQ(malformed.json()["errors"][0]["field"], "Chunk-SHA256");
    // The same chunk sent right (upper-case hex is fine) goes on from there.
    std::string upper = sha256(bytes.substr(100'000, 100'000));
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    ASSERT_EQ(put(sha, 100'000, bytes.size(), bytes.substr(100'000, 100'000), {{"Chunk-SHA256", upper}}).status, 204);
    ASSERT_EQ(put(sha, 200'000, bytes.size(), bytes.substr(200'000)).status, 201);
    expectStoredOnce(bytes, "image/webp");
}

TEST_P(PhotoApi, AChunkAtTheWrongOffsetIs409WithTheOffsetToResumeFrom)
{
    const std::string bytes = randomBytes(250'000, 4);
    const std::string sha = sha256(bytes);
    ASSERT_EQ(put(sha, 0, bytes.size(), bytes.substr(0, 100'000)).status, 204);
    for (std::uint64_t wrong : {std::uint64_t{0}, std::uint64_t{50'000}, std::uint64_t{100'001}}) {
        auto r = put(sha, wrong, bytes.size(), bytes.substr(wrong, 1000));
        EXPECT_EQ(r.status, 409) << wrong;
        EXPECT_EQ(r.json()["code"], "upload_offset_mismatch");
        EXPECT_EQ(r.header("upload-offset"), "100000");
        EXPECT_EQ(r.json()["params"]["upload_offset"], "100000");
    }
    EXPECT_EQ(head(sha).header("upload-offset"), "100000") << "a refused chunk changes nothing";
    const auto answers = upload(bytes, 100'000); // starts at 0, is sent to 100000 by the 409
    ASSERT_EQ(answers.front().status, 409);
    ASSERT_EQ(answers.back().status, 201) << answers.back().body;
    EXPECT_EQ(answers.size(), 3u);
    expectStoredOnce(bytes, "image/jpeg");
}

TEST_P(PhotoApi, AFileNotMatchingItsHashIsDiscardedAndNothingIsStored)
{
    const std::string bytes = randomBytes(200'000, 5);
    const std::string claimed = sha256(randomBytes(200'000, 6));
    ASSERT_EQ(put(claimed, 0, bytes.size(), bytes.substr(0, 150'000)).status, 204);
    auto last = put(claimed, 150'000, bytes.size(), bytes.substr(150'000));
    EXPECT_EQ(last.status, 422);
    EXPECT_EQ(last.json()["code"], "hash_mismatch");
    EXPECT_EQ(last.json()["params"]["expected"], claimed);
    EXPECT_EQ(last.json()["params"]["actual"], sha256(bytes));
    auto h = head(claimed);
    EXPECT_EQ(h.status, 404);
    EXPECT_EQ(h.header("upload-offset"), "0");
    EXPECT_TRUE(photoRows().empty());
    EXPECT_TRUE(storedFiles().empty());
    EXPECT_TRUE(partialFiles().empty()) << ::testing::PrintToString(partialFiles());
}

// Fault test 10, server side: the server is killed (SIGKILL) again and again during an upload:
// with a chunk's body half sent, or right after a whole chunk was sent and before its answer
// was read. Each time, after a restart, HEAD names an offset the upload resumes from; the
// photo ends stored once with the right bytes.
TEST_P(PhotoApi, AnUploadCutByKilledServersResumesAndIsStoredOnceWithTheRightBytes)
{
    const std::uint64_t seed = std::random_device{}();
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937_64 random(seed);
    const std::string bytes = randomBytes(3 * kMiB + random() % 100'000, seed);
    const std::string sha = sha256(bytes);
    std::uint64_t acknowledged = 0; // bytes the server confirmed
    int kills = 0;
    while (true) {
        // Until the sixth kill, a chunk takes at most a quarter of what is left, so the upload
        // cannot finish before; then the rest goes in normal chunks.
        const std::uint64_t remaining = bytes.size() - acknowledged;
        const std::size_t wanted = 50'000 + random() % 600'000;
        const std::size_t chunk = kills < 6 ? std::max<std::size_t>(1, std::min<std::size_t>(remaining / 4, wanted))
                                            : std::min<std::size_t>(remaining, wanted);
        const std::string piece = bytes.substr(acknowledged, chunk);
        const int mode = kills < 6 ? static_cast<int>(random() % 3) : 2; // 0, 1: kill; 2: a normal chunk
        if (mode == 2) {
            auto r = put(sha, acknowledged, bytes.size(), piece, {{"Photo-Content-Type", "image/png"}});
            if (r.status == 201) break;
            ASSERT_EQ(r.status, 204) << r.body;
            acknowledged = std::stoull(r.header("upload-offset"));
            continue;
        }
        Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", m_server->port()));
        const std::string headers = "PUT " + path(sha) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                                    token("crew_a") + "\r\nContent-Type: application/octet-stream\r\nUpload-Offset: " +
                                    std::to_string(acknowledged) + "\r\nUpload-Length: " + std::to_string(bytes.size()) +
                                    "\r\nPhoto-Content-Type: image/png\r\nContent-Length: " + std::to_string(chunk) + "\r\n\r\n";
        const std::size_t sent = mode == 0 ? random() % chunk : chunk; // mode 0: cut inside the body
        const std::string out = headers + piece.substr(0, sent);
        socket.sendBytes(out.data(), static_cast<int>(out.size()));
        m_server->kill();
        ++kills;
        restartServer();
        auto h = head(sha);
        ASSERT_EQ(h.status, 404) << "not complete yet";
        const std::uint64_t held = std::stoull(h.header("upload-offset"));
        if (mode == 0)
            EXPECT_EQ(held, acknowledged) << "a chunk whose body never arrived whole is not kept";
        else
            EXPECT_TRUE(held >= acknowledged && held <= acknowledged + chunk) << held;
        EXPECT_EQ(readFile(photoDir() / "partial" / sha), bytes.substr(0, held)) << "the partial file is the upload's prefix";
        acknowledged = held;
    }
    EXPECT_EQ(kills, 6);
    expectStoredOnce(bytes, "image/png");
}

TEST_P(PhotoApi, RangesAndConditionalRequests)
{
    const std::string bytes = randomBytes(10'000, 7);
    const std::string sha = sha256(bytes);
    ASSERT_EQ(put(sha, 0, bytes.size(), bytes).status, 201);
    struct Case {
        std::string range;
        std::uint64_t first, count;
    };
    for (const auto& c : {Case{"bytes=0-99", 0, 100}, Case{"bytes=5000-5999", 5000, 1000}, Case{"bytes=-500", 9500, 500},
                          Case{"bytes=9990-", 9990, 10}, Case{"bytes=0-20000", 0, 10000}, Case{"bytes=-20000", 0, 10000},
                          Case{"bytes=9999-9999", 9999, 1}}) {
        auto r = get(sha, {{"Range", c.range}});
        EXPECT_EQ(r.status, 206) << c.range;
        EXPECT_TRUE(r.body == bytes.substr(c.first, c.count)) << c.range;
        EXPECT_EQ(r.header("content-range"),
                  "bytes " + std::to_string(c.first) + "-" + std::to_string(c.first + c.count - 1) + "/10000")
            << c.range;
        EXPECT_EQ(r.header("content-length"), std::to_string(c.count)) << c.range;
        EXPECT_EQ(r.header("content-type"), "image/jpeg");
    }
    for (const std::string range : {"bytes=10000-", "bytes=20000-30000", "bytes=-0"}) {
        auto r = get(sha, {{"Range", range}});
        EXPECT_EQ(r.status, 416) << range;
        EXPECT_EQ(r.header("content-range"), "bytes */10000") << range;
        EXPECT_EQ(r.json()["code"], "range_not_satisfiable") << range;
    }
    // Several ranges, malformed ones, and an If-Range for another version: the whole file.
    for (const std::string range : {"bytes=0-1,5-6", "bytes=abc", "bytes=5-2", "items=0-5"}) {
        auto r = get(sha, {{"Range", range}});
        EXPECT_EQ(r.status, 200) << range;
        EXPECT_TRUE(r.body == bytes) << range;
    }
    auto otherVersion = get(sha, {{"Range", "bytes=0-9"}, {"If-Range", "\"other\""}});
    EXPECT_EQ(otherVersion.status, 200);
    EXPECT_EQ(get(sha, {{"Range", "bytes=0-9"}, {"If-Range", "\"" + sha + "\""}}).status, 206);

    auto notModified = get(sha, {{"If-None-Match", "\"" + sha + "\""}});
    EXPECT_EQ(notModified.status, 304);
    EXPECT_TRUE(notModified.body.empty());
    EXPECT_EQ(notModified.header("etag"), "\"" + sha + "\"");
    EXPECT_EQ(get(sha, {{"If-None-Match", "\"x\", W/\"" + sha + "\""}}).status, 304);
    EXPECT_EQ(get(sha, {{"If-None-Match", "*"}}).status, 304);
    auto changed = get(sha, {{"If-None-Match", "\"" + std::string(64, '0') + "\""}});
    EXPECT_EQ(changed.status, 200);
    EXPECT_TRUE(changed.body == bytes);
}

TEST_P(PhotoApi, EveryPhotoRouteNeedsAToken)
{
    const std::string bytes = randomBytes(1000, 8);
    const std::string sha = sha256(bytes);
    ASSERT_EQ(put(sha, 0, bytes.size(), bytes).status, 201);
    for (const std::string method : {"HEAD", "GET", "PUT"}) {
        std::map<std::string, std::string> headers{{"Upload-Offset", "0"}, {"Upload-Length", "1000"}};
        if (method == "PUT") headers["Content-Type"] = "application/octet-stream";
        auto r = client().request(method, path(sha), method == "PUT" ? bytes : std::string(), headers);
        EXPECT_EQ(r.status, 401) << method;
        EXPECT_EQ(r.header("www-authenticate"), "Bearer") << method;
        if (method != "HEAD") {
            EXPECT_NE(r.body.find("\"unauthorized\""), std::string::npos) << method;
            EXPECT_EQ(r.body.find(bytes), std::string::npos) << method;
        }
    }
}

TEST_P(PhotoApi, AChunkOverTheChunkLimitIs413AndTheSamePhotoInTwoChunksIsStored)
{
    const std::string bytes = randomBytes(5 * kMiB, 9);
    const std::string sha = sha256(bytes);
    auto tooLarge = put(sha, 0, bytes.size(), bytes);
    EXPECT_EQ(tooLarge.status, 413);
    EXPECT_EQ(tooLarge.json()["code"], "body_too_large");
    EXPECT_EQ(tooLarge.json()["params"]["max_bytes"], std::to_string(4 * kMiB));
    auto h = head(sha);
    EXPECT_EQ(h.status, 404);
    EXPECT_EQ(h.header("upload-offset"), "0");
    const auto answers = upload(bytes, 4 * kMiB);
    ASSERT_EQ(answers.size(), 2u);
    EXPECT_EQ(answers[0].status, 204);
    EXPECT_EQ(answers[1].status, 201) << answers[1].body;
    expectStoredOnce(bytes, "image/jpeg");

    // A whole photo over photos.max_bytes (50 MiB) is refused at its first chunk.
    auto photoTooLarge = put(sha256("x"), 0, 50 * kMiB + 1, "x");
    EXPECT_EQ(photoTooLarge.status, 413);
    EXPECT_EQ(photoTooLarge.json()["code"], "photo_too_large");
    EXPECT_EQ(photoTooLarge.json()["params"]["max_bytes"], std::to_string(50 * kMiB));
}

TEST_P(PhotoApi, TheSamePhotoUploadedByTwoClientsAtOnceIsStoredOnce)
{
    const std::string bytes = randomBytes(2 * kMiB + 77, 10);
    std::vector<HttpResponse> answers[2];
    std::thread clients[2];
    const std::string uploaders[2] = {"crew_a", "dispatcher"};
    for (int i = 0; i < 2; ++i)
        clients[i] = std::thread([&, i] {
            HttpClient own(m_server->port());
            answers[i] = upload(own, uploaders[i], bytes, 64 * 1024 + static_cast<std::size_t>(i) * 1000);
        });
    for (auto& t : clients) t.join();
    std::multiset<int> finals;
    for (const auto& a : answers) {
        ASSERT_FALSE(a.empty());
        finals.insert(a.back().status);
        for (const auto& r : a) EXPECT_TRUE(r.status == 204 || r.status == 409 || r.status == 200 || r.status == 201) << r.body;
    }
    EXPECT_EQ(finals, (std::multiset<int>{200, 201})) << "one client stored it, the other found it stored";
    expectStoredOnce(bytes, "image/jpeg");
}

TEST_P(PhotoApi, MalformedUploadsAreRefusedWithTheHeaderNamed)
{
    const std::string bytes = randomBytes(1000, 11);
    const std::string sha = sha256(bytes);
    auto missing = client().request("PUT", path(sha), bytes,
                                    {{"Authorization", "Bearer " + token("crew_a")}, {"Content-Type", "application/octet-stream"}});
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(missing.json()["errors"].size(), 2u);
    EXPECT_EQ(missing.json()["errors"][0]["field"], "Upload-Offset");
    EXPECT_EQ(missing.json()["errors"][0]["code"], "required");
    auto negative = put(sha, 0, bytes.size(), bytes, {{"Upload-Offset", "-1"}});
    EXPECT_EQ(negative.status, 422);
    EXPECT_EQ(negative.json()["errors"][0]["code"], "invalid_format");
    auto type = put(sha, 0, bytes.size(), bytes, {{"Photo-Content-Type", "image/gif"}});
    EXPECT_EQ(type.status, 422);
    EXPECT_EQ(type.json()["errors"][0]["field"], "Photo-Content-Type");
    EXPECT_EQ(type.json()["errors"][0]["code"], "invalid_enum");
    auto pastEnd = put(sha, 0, 500, bytes);
    EXPECT_EQ(pastEnd.status, 422);
    EXPECT_EQ(pastEnd.json()["errors"][0]["field"], "body");
    auto json = put(sha, 0, bytes.size(), bytes, {{"Content-Type", "application/json"}});
    EXPECT_EQ(json.status, 415);
    EXPECT_EQ(json.json()["params"]["expected"], "application/octet-stream");
    std::string upper = sha;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    EXPECT_EQ(put(upper, 0, bytes.size(), bytes).status, 404);
    EXPECT_EQ(put("abc", 0, bytes.size(), bytes).status, 404);
    EXPECT_EQ(get(upper).status, 404);
    EXPECT_TRUE(photoRows().empty());
    EXPECT_TRUE(partialFiles().empty()) << ::testing::PrintToString(partialFiles());
    // The JSON routes still take only JSON.
    auto notJson = client().request("POST", "/api/v1/defect-reports", "x",
                                    {{"Authorization", "Bearer " + token("crew_a")}, {"Content-Type", "application/octet-stream"}});
    EXPECT_EQ(notJson.status, 415);
    EXPECT_EQ(notJson.json()["params"]["expected"], "application/json");
}

TEST_P(PhotoApi, AnUploadWhoseBytesAllArrivedIsFinishedByAnEmptyChunk)
{
    // The last chunk was written but its answer lost, and the server stopped before storing
    // (simulated: the partial file already holds every byte).
    const std::string bytes = randomBytes(40'000, 12);
    const std::string sha = sha256(bytes);
    ASSERT_EQ(put(sha, 0, bytes.size(), bytes.substr(0, 30'000)).status, 204);
    m_server->kill();
    std::ofstream(photoDir() / "partial" / sha, std::ios::binary | std::ios::app) << bytes.substr(30'000);
    restartServer();
    EXPECT_EQ(head(sha).header("upload-offset"), "40000");
    auto done = put(sha, 40'000, bytes.size(), "");
    EXPECT_EQ(done.status, 201) << done.body;
    expectStoredOnce(bytes, "image/jpeg");
}

TEST_P(PhotoApi, AServerWhosePhotoDirectoryCannotBeCreatedDoesNotStart)
{
    m_server->kill();
    try {
        ServerProcess refused(m_scratch->url(), {"--photos-dir", "/dev/null/photos"});
        FAIL() << "the server started";
    } catch (const std::runtime_error& e) {
        EXPECT_TRUE(std::string(e.what()).find("photos.dir /dev/null/photos: cannot create it") != std::string::npos) << e.what();
    }
}

YANGHU_API_BOTH_BACKENDS(PhotoApi);

} // namespace
