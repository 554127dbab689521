// SPDX-License-Identifier: MIT
#pragma once

#include "store/Store.h"

#include "yanghu/core/Result.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

// Photos of defects and repairs: content-addressed by SHA-256, uploaded in resumable chunks
// before the rows that name them, stored once (DESIGN §5).
//
// Layout under the photo directory:
//   <dir>/ab/<sha256>             a complete file whose hash was checked ("ab": its first two
//                                 hex digits); never changed or removed once there
//   <dir>/partial/<sha256>        an upload in progress: exactly the bytes received so far
//   <dir>/partial/<sha256>.type   its Photo-Content-Type, written before its first byte
//   <dir>/partial/<sha256>.lock   flock'd while a chunk of that hash is handled
// The .type and .lock files are removed with the upload they belong to.
//
// Invariants:
//  * A `photo` row exists only for a file already renamed into <dir>/ab/ (rename first, row
//    second): a row always has its file, unless the disk lost it (then the photo counts as
//    not stored and may be uploaded again).
//  * The upload offset is the partial file's size. A chunk is read whole and checked before a
//    byte of it is written, then written at that offset and fdatasync'd before it is
//    acknowledged: a process killed mid-write leaves a prefix of that chunk, which is still
//    the client's bytes at their offsets, so the size is a correct offset to resume from.
//    (After a power loss the file system may keep a tail it never wrote; the hash of the whole
//    file, checked before anything is stored, then fails and the upload starts again.)
//  * Chunks of one hash are handled one at a time (flock on its .lock file, which works across
//    threads and server processes sharing the directory), so two clients uploading the same
//    photo interleave cleanly: each chunk either continues the file or gets the offset to
//    continue from, and the photo is stored once.
namespace yanghu::photos {

struct PhotoSettings {
    std::filesystem::path dir;                       // empty: defaultDirectory(db URL)
    std::size_t maxChunkBytes = 4u * 1024 * 1024;    // one PUT's body (413 body_too_large above)
    std::uint64_t maxPhotoBytes = 50u * 1024 * 1024; // Upload-Length (413 photo_too_large above)
};

// photos.dir when none is configured: next to a SQLite database file as "<file>.photos";
// "photos" in the working directory with PostgreSQL (several server processes on one
// PostgreSQL must be given one shared directory).
std::filesystem::path defaultDirectory(const std::string& dbUrl);

// The media types a photo is stored as; the first is the default.
inline constexpr std::array<std::string_view, 3> kPhotoTypes{"image/jpeg", "image/png", "image/webp"};

// 64 lower-case hex digits.
bool isSha256Hex(std::string_view text);
// SHA-256 of `bytes`, 64 lower-case hex digits.
std::string sha256Hex(std::string_view bytes);

struct Photo {
    std::string sha256;
    std::uint64_t sizeBytes = 0;
    std::string contentType;
};

// One PUT of an upload, its headers already parsed.
struct Chunk {
    std::string sha256;                        // of the whole file (isSha256Hex)
    std::uint64_t offset = 0;                  // Upload-Offset: where `bytes` start
    std::uint64_t length = 0;                  // Upload-Length: the whole file
    std::string_view bytes;                    // the body
    std::optional<std::string> chunkSha256;    // Chunk-SHA256, lower-cased
    std::optional<std::string> contentType;    // Photo-Content-Type, one of kPhotoTypes
};

enum class ChunkOutcome {
    Accepted,      // kept; the upload goes on from `offset`
    Stored,        // this chunk completed the file; it is stored now
    AlreadyStored, // the photo was stored before this chunk; nothing was written
};

struct ChunkAnswer {
    ChunkOutcome outcome = ChunkOutcome::Accepted;
    std::uint64_t offset = 0; // bytes the server holds of this photo now
    Photo photo;              // when stored
};

// Fills up to `max` bytes of `buffer` with the next bytes of a file; 0 on error.
using Reader = std::function<std::size_t(char* buffer, std::size_t max)>;

// The photo directory and the `photo` table together. Thread-safe; owned by the server
// runtime, outlives every request.
class PhotoStore {
public:
    // Creates <dir> and <dir>/partial and checks that they can be written; throws
    // std::runtime_error naming the directory and the reason otherwise.
    PhotoStore(PhotoSettings settings, store::Store& store);

    const PhotoSettings& settings() const { return m_settings; }

    // The photo when it is stored (its row, and its file on disk).
    std::optional<Photo> find(const std::string& sha256);
    // Bytes of an unfinished upload kept so far (0 when none).
    std::uint64_t uploadOffset(const std::string& sha256) const;
    // A stored photo's bytes from `offset`, read as they are sent. Errors: not_found when its
    // file is gone, photo_store_failed when it cannot be opened.
    Result<Reader> read(const Photo& photo, std::uint64_t offset) const;

    // Takes one chunk (see the invariants above). Errors: photo_too_large (413),
    // validation_failed (422: a body past Upload-Length), chunk_hash_mismatch (422, nothing
    // of the chunk kept), upload_offset_mismatch (409, params upload_offset: the bytes held),
    // hash_mismatch (422, the whole upload discarded), photo_store_failed (503, a disk error;
    // the bytes before the chunk are kept). `userId` is recorded as the uploader.
    Result<ChunkAnswer> put(const Chunk& chunk, const std::string& userId);

private:
    std::filesystem::path storedPath(const std::string& sha256) const;
    std::filesystem::path partialPath(const std::string& sha256, std::string_view suffix = {}) const;
    std::optional<Photo> findRow(const std::string& sha256);
    // The steps of put(), run while the hash's lock is held.
    Result<ChunkAnswer> putLocked(const Chunk& chunk, const std::string& userId);
    Result<ChunkAnswer> complete(const Chunk& chunk, const std::string& userId);
    std::optional<ChunkAnswer> adopt(const Chunk& chunk, const std::string& userId);
    std::string recordedType(const Chunk& chunk) const;
    Photo insertRow(const std::string& sha256, std::uint64_t size, const std::string& contentType,
                    const std::string& userId);

    PhotoSettings m_settings;
    store::Store& m_store;
};

} // namespace yanghu::photos
