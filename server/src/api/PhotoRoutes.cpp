// SPDX-License-Identifier: MIT
// /api/v1/photos/{sha256}: resumable, content-addressed photo uploads and their downloads
// (DESIGN §5). The upload rules live in photos/PhotoStore.h; this file reads and writes HTTP.
#include "api/ApiContext.h"
#include "api/Common.h"

#include <Poco/String.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace yanghu::api {

namespace {

constexpr std::string_view kImmutable = "private, max-age=31536000, immutable";

std::string quoted(const std::string& sha256) { return "\"" + sha256 + "\""; }

std::string photoLocation(const std::string& sha256) { return std::string(kApiPrefix) + "/photos/" + sha256; }

// The {sha256} path parameter: anything but 64 lower-case hex digits is 404 like an unknown photo.
std::optional<std::string> pathHash(const http::ApiRequest& request)
{
    const auto& sha256 = request.param("sha256");
    if (!photos::isSha256Hex(sha256)) return std::nullopt;
    return sha256;
}

std::string trimmed(std::string_view text)
{
    std::string out(text);
    Poco::trimInPlace(out);
    return out;
}

// If-None-Match: "*" or a list of entity tags (weak ones compare equal too).
bool noneMatch(const std::string& header, const std::string& tag)
{
    std::string_view rest = header;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        std::string item = trimmed(rest.substr(0, comma));
        if (item.rfind("W/", 0) == 0) item.erase(0, 2);
        if (item == "*" || item == tag) return true;
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return false;
}

std::optional<std::uint64_t> decimal(std::string_view text)
{
    std::uint64_t value = 0;
    if (text.empty() || text.size() > 19) return std::nullopt;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// One byte range of a file of `size` bytes (RFC 9110 §14.1.2): "bytes=a-b", "bytes=a-" or
// "bytes=-n". `ignored` when the header is absent, malformed or asks for several ranges (the
// whole file is then sent, as RFC 9110 allows); `unsatisfiable` when it starts past the end.
struct ByteRange {
    bool ignored = true;
    bool unsatisfiable = false;
    std::uint64_t first = 0;
    std::uint64_t count = 0;
};

ByteRange byteRange(const std::string& header, std::uint64_t size)
{
    ByteRange range;
    constexpr std::string_view unit = "bytes=";
    if (header.size() <= unit.size() || Poco::icompare(header.substr(0, unit.size()), std::string(unit)) != 0) return range;
    const std::string spec = trimmed(std::string_view(header).substr(unit.size()));
    const auto dash = spec.find('-');
    if (dash == std::string::npos || spec.find(',') != std::string::npos) return range;
    const std::string fromText = trimmed(std::string_view(spec).substr(0, dash));
    const std::string toText = trimmed(std::string_view(spec).substr(dash + 1));
    const auto from = decimal(fromText);
    const auto to = decimal(toText);
    if ((!from && !fromText.empty()) || (!to && !toText.empty()) || (!from && !to)) return range;
    range.ignored = false;
    if (!from) { // the last *to bytes
        if (*to == 0 || size == 0) {
            range.unsatisfiable = true;
            return range;
        }
        range.count = std::min(*to, size);
        range.first = size - range.count;
        return range;
    }
    if (to && *to < *from) { // malformed: ignored
        range.ignored = true;
        return range;
    }
    if (*from >= size) {
        range.unsatisfiable = true;
        return range;
    }
    range.first = *from;
    range.count = (to ? std::min(*to, size - 1) : size - 1) - *from + 1;
    return range;
}

// GET and HEAD: the photo, a range of it, or 304; HEAD of a photo not stored is 404 with the
// bytes of its upload the server holds in Upload-Offset (0 when none).
Result<http::Reply> getPhoto(ApiContext& ctx, const http::ApiRequest& request)
{
    const bool head = request.method == "HEAD";
    const auto sha256 = pathHash(request);
    if (!sha256) return notFound();
    const auto photo = ctx.photos.find(*sha256);
    if (!photo) {
        if (!head) return notFound();
        return Error::of(std::string(codes::NotFound), {{"upload_offset", std::to_string(ctx.photos.uploadOffset(*sha256))}});
    }
    const std::string tag = quoted(*sha256);
    auto cached = [&](http::Reply reply) {
        reply.header("ETag", tag).header("Accept-Ranges", "bytes").header("Cache-Control", std::string(kImmutable));
        return reply;
    };
    if (const auto ifNoneMatch = request.header("If-None-Match"); !ifNoneMatch.empty() && noneMatch(ifNoneMatch, tag)) {
        http::Reply notModified;
        notModified.status = 304;
        notModified.contentType.clear();
        return cached(std::move(notModified));
    }
    // If-Range naming another version asks for the whole file; a photo has only one version.
    const auto ifRange = request.header("If-Range");
    const auto range = ifRange.empty() || trimmed(ifRange) == tag ? byteRange(request.header("Range"), photo->sizeBytes)
                                                                  : ByteRange{};
    if (range.unsatisfiable) {
        const std::string size = std::to_string(photo->sizeBytes);
        return Error::of(std::string(http::codes::RangeNotSatisfiable), {{"size", size}, {"content_range", "bytes */" + size}});
    }
    const std::uint64_t first = range.ignored ? 0 : range.first;
    const std::uint64_t count = range.ignored ? photo->sizeBytes : range.count;
    http::Reply::Stream stream{count, {}};
    if (!head) {
        auto reader = ctx.photos.read(*photo, first);
        if (!reader) return reader.error();
        stream.read = std::move(reader).value();
    }
    auto reply = cached(http::Reply::streamed(range.ignored ? 200 : 206, photo->contentType, std::move(stream)));
    if (!range.ignored)
        reply.header("Content-Range", "bytes " + std::to_string(first) + "-" + std::to_string(first + count - 1) + "/" +
                                          std::to_string(photo->sizeBytes));
    return reply;
}

// The upload headers of one chunk; every problem is reported as a field error on its header.
Result<photos::Chunk> readChunk(const http::ApiRequest& request, const std::string& sha256)
{
    photos::Chunk chunk;
    chunk.sha256 = sha256;
    chunk.bytes = request.body;
    std::vector<FieldError> errors;
    auto number = [&](const std::string& name) -> std::uint64_t {
        const std::string text = trimmed(request.header(name));
        if (text.empty()) {
            errors.push_back(FieldError{name, std::string(codes::Required), {}});
            return 0;
        }
        const auto value = decimal(text);
        if (!value) errors.push_back(FieldError{name, std::string(codes::InvalidFormat), {{"expected", "a byte count"}}});
        return value.value_or(0);
    };
    chunk.offset = number("Upload-Offset");
    chunk.length = number("Upload-Length");
    if (auto given = Poco::toLower(trimmed(request.header("Chunk-SHA256"))); !given.empty()) {
        if (photos::isSha256Hex(given))
            chunk.chunkSha256 = std::move(given);
        else
            errors.push_back(FieldError{"Chunk-SHA256", std::string(codes::InvalidFormat), {{"expected", "64 hex digits"}}});
    }
    if (auto given = request.header("Photo-Content-Type"); !given.empty()) {
        const std::string type = Poco::toLower(trimmed(std::string_view(given).substr(0, given.find(';'))));
        if (std::find(photos::kPhotoTypes.begin(), photos::kPhotoTypes.end(), type) != photos::kPhotoTypes.end())
            chunk.contentType = type;
        else
            errors.push_back(FieldError{"Photo-Content-Type", std::string(codes::InvalidEnum), {{"value", given}}});
    }
    if (!errors.empty()) return Error::validation(std::move(errors));
    return chunk;
}

// PUT: one chunk. 204 while the upload goes on, 201 when this chunk completed it, 200 when
// the photo was already stored; each with Upload-Offset, the bytes the server holds.
Result<http::Reply> putChunk(ApiContext& ctx, const http::ApiRequest& request)
{
    const auto sha256 = pathHash(request);
    if (!sha256) return notFound();
    auto chunk = readChunk(request, *sha256);
    if (!chunk) return chunk.error();
    auto answer = ctx.photos.put(*chunk, request.caller().id.toString());
    if (!answer) return answer.error();
    if (answer->outcome == photos::ChunkOutcome::Accepted)
        return http::Reply::noContent().header("Upload-Offset", std::to_string(answer->offset));
    const auto& photo = answer->photo;
    return http::Reply::json(answer->outcome == photos::ChunkOutcome::Stored ? 201 : 200,
                             {{"sha256", photo.sha256}, {"size_bytes", photo.sizeBytes}, {"content_type", photo.contentType}})
        .header("Location", photoLocation(photo.sha256))
        .header("ETag", quoted(photo.sha256))
        .header("Upload-Offset", std::to_string(answer->offset));
}

} // namespace

void registerPhotoRoutes(http::Router& router, ApiContext& ctx)
{
    const std::string path = std::string(kApiPrefix) + "/photos/{sha256}";
    auto get = [&ctx](http::ApiRequest& r) { return getPhoto(ctx, r); };
    router.add({"HEAD", path, "photos.head", http::Access::anyUser(), get});
    router.add({"GET", path, "photos.get", http::Access::anyUser(), get});
    router.add({"PUT", path, "photos.upload", http::Access::anyUser(), [&ctx](http::ApiRequest& r) { return putChunk(ctx, r); },
                http::BodyRule::of("application/octet-stream", ctx.photos.settings().maxChunkBytes)});
}

} // namespace yanghu::api
