// SPDX-License-Identifier: MIT
#include "photos/PhotoStore.h"

#include "http/HttpCodes.h"
#include "store/Sql.h"

#include "yanghu/core/rules/ErrorCodes.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <system_error>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace yanghu::photos {

namespace fs = std::filesystem;

namespace {

// A failed system call on the photo directory. `what` names the step, never an absolute path:
// it reaches the client as the problem's detail.
[[noreturn]] void fail(const std::string& what) { throw std::system_error(errno, std::generic_category(), what); }

// An owned file descriptor.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd() { reset(); }
    Fd(Fd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    Fd& operator=(Fd&& other) noexcept
    {
        if (this != &other) {
            reset();
            m_fd = std::exchange(other.m_fd, -1);
        }
        return *this;
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }

private:
    void reset()
    {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
    }
    int m_fd = -1;
};

Fd openFile(const fs::path& path, int flags, const std::string& what)
{
    int fd = -1;
    do
        fd = ::open(path.c_str(), flags | O_CLOEXEC, 0640);
    while (fd < 0 && errno == EINTR);
    if (fd < 0) fail(what);
    return Fd(fd);
}

void syncFile(int fd, const std::string& what)
{
    if (::fsync(fd) != 0) fail(what);
}

// Makes a change of a directory's entries (a new file, a rename) durable.
void syncDirectory(const fs::path& dir, const std::string& what)
{
    const Fd fd = openFile(dir, O_RDONLY | O_DIRECTORY, what);
    syncFile(fd.get(), what);
}

void writeAt(int fd, std::string_view bytes, std::uint64_t offset, const std::string& what)
{
    while (!bytes.empty()) {
        const ssize_t n = ::pwrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(what);
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
        offset += static_cast<std::uint64_t>(n);
    }
}

std::optional<std::uint64_t> fileSize(const fs::path& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return static_cast<std::uint64_t>(st.st_size);
}

void removeFile(const fs::path& path, const std::string& what)
{
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) fail(what);
}

std::string hex(const std::array<unsigned char, crypto_hash_sha256_BYTES>& digest)
{
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> text{};
    sodium_bin2hex(text.data(), text.size(), digest.data(), digest.size());
    return std::string(text.data(), crypto_hash_sha256_BYTES * 2);
}

std::string sha256OfFile(const fs::path& path, const std::string& what)
{
    const Fd fd = openFile(path, O_RDONLY, what);
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::vector<unsigned char> buffer(1024 * 1024);
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(what);
        }
        if (n == 0) break;
        crypto_hash_sha256_update(&state, buffer.data(), static_cast<unsigned long long>(n));
    }
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&state, digest.data());
    return hex(digest);
}

std::optional<Photo> selectPhoto(store::Tx& tx, const std::string& sha256)
{
    const auto rows = store::sql::query(tx.session(), "SELECT size_bytes, content_type FROM photo WHERE sha256 = ?",
                                        {sha256}, {store::SqlType::Int, store::SqlType::Text});
    if (rows.empty()) return std::nullopt;
    return Photo{sha256, static_cast<std::uint64_t>(std::get<std::int64_t>(rows[0][0])), std::get<std::string>(rows[0][1])};
}

bool isPhotoType(std::string_view type) { return std::find(kPhotoTypes.begin(), kPhotoTypes.end(), type) != kPhotoTypes.end(); }

// partial/<sha>.lock, flock'd. The file is removed, while held, once the upload it guards is
// stored or discarded. A waiter that then gets the lock holds it on a file the path no longer
// names, so it checks and locks the path anew: two holders never overlap, and no lock file
// outlives its upload.
class HashLock {
public:
    explicit HashLock(fs::path path) : m_path(std::move(path))
    {
        for (;;) {
            Fd fd = openFile(m_path, O_RDWR | O_CREAT, "open the upload's lock file");
            int rc = 0;
            do
                rc = ::flock(fd.get(), LOCK_EX);
            while (rc != 0 && errno == EINTR);
            if (rc != 0) fail("lock the upload");
            struct stat held {}, named {};
            if (::fstat(fd.get(), &held) != 0) fail("lock the upload");
            if (::stat(m_path.c_str(), &named) == 0 && named.st_ino == held.st_ino && named.st_dev == held.st_dev) {
                m_fd = std::move(fd);
                return;
            }
        }
    }
    // The upload is over (stored or discarded): no lock file is left for it.
    void removeFile() { photos::removeFile(m_path, "remove the upload's lock file"); }

private:
    fs::path m_path;
    Fd m_fd; // closing it releases the lock
};

} // namespace

fs::path defaultDirectory(const std::string& dbUrl)
{
    if (dbUrl.rfind("sqlite:", 0) == 0) return fs::path(dbUrl.substr(7) + ".photos");
    return fs::path("photos");
}

bool isSha256Hex(std::string_view text)
{
    return text.size() == 64 &&
           std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string sha256Hex(std::string_view bytes)
{
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return hex(digest);
}

PhotoStore::PhotoStore(PhotoSettings settings, store::Store& store) : m_settings(std::move(settings)), m_store(store)
{
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not initialise");
    if (m_settings.dir.empty()) throw std::runtime_error("photos.dir is empty");
    std::error_code ec;
    fs::create_directories(m_settings.dir / "partial", ec);
    if (ec) throw std::runtime_error("photos.dir " + m_settings.dir.string() + ": cannot create it: " + ec.message());
    for (const auto& dir : {m_settings.dir, m_settings.dir / "partial"}) {
        const fs::path probe = dir / (".write-test-" + std::to_string(::getpid()));
        const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0 || ::close(fd) != 0 || ::unlink(probe.c_str()) != 0)
            throw std::runtime_error("photos.dir " + dir.string() + " is not writable: " + std::strerror(errno));
    }
}

fs::path PhotoStore::storedPath(const std::string& sha256) const { return m_settings.dir / sha256.substr(0, 2) / sha256; }

fs::path PhotoStore::partialPath(const std::string& sha256, std::string_view suffix) const
{
    return m_settings.dir / "partial" / (sha256 + std::string(suffix));
}

std::optional<Photo> PhotoStore::findRow(const std::string& sha256)
{
    return m_store.latest([&](store::Tx& tx) { return selectPhoto(tx, sha256); });
}

std::optional<Photo> PhotoStore::find(const std::string& sha256)
{
    auto row = findRow(sha256);
    if (!row || !fileSize(storedPath(sha256))) return std::nullopt; // a lost file: not stored
    return row;
}

std::uint64_t PhotoStore::uploadOffset(const std::string& sha256) const { return fileSize(partialPath(sha256)).value_or(0); }

Result<Reader> PhotoStore::read(const Photo& photo, std::uint64_t offset) const
{
    const int fd = ::open(storedPath(photo.sha256).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return Error::of(std::string(codes::NotFound));
        return Error::of(std::string(http::codes::PhotoStoreFailed), {{"detail", std::string("open: ") + std::strerror(errno)}});
    }
    auto file = std::make_shared<Fd>(fd);
    return Reader([file, position = offset](char* buffer, std::size_t max) mutable -> std::size_t {
        for (;;) {
            const ssize_t n = ::pread(file->get(), buffer, max, static_cast<off_t>(position));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return 0;
            position += static_cast<std::uint64_t>(n);
            return static_cast<std::size_t>(n);
        }
    });
}

Result<ChunkAnswer> PhotoStore::put(const Chunk& chunk, const std::string& userId)
{
    if (chunk.length > m_settings.maxPhotoBytes)
        return Error::of(std::string(http::codes::PhotoTooLarge), {{"max_bytes", std::to_string(m_settings.maxPhotoBytes)}});
    if (chunk.length == 0)
        return Error::validation({FieldError{"Upload-Length", std::string(codes::OutOfRange),
                                             {{"min", "1"}, {"max", std::to_string(m_settings.maxPhotoBytes)}, {"value", "0"}}}});
    if (chunk.offset > chunk.length)
        return Error::validation({FieldError{"Upload-Offset", std::string(codes::OutOfRange),
                                             {{"min", "0"}, {"max", std::to_string(chunk.length)}, {"value", std::to_string(chunk.offset)}}}});
    if (chunk.bytes.size() > chunk.length - chunk.offset)
        return Error::validation(
            {FieldError{"body", std::string(codes::TooLong), {{"max", std::to_string(chunk.length - chunk.offset)}}}});
    if (chunk.chunkSha256) {
        const std::string actual = sha256Hex(chunk.bytes);
        if (actual != *chunk.chunkSha256)
            return Error::of(std::string(http::codes::ChunkHashMismatch), {{"expected", *chunk.chunkSha256}, {"actual", actual}});
    }
    try {
        HashLock lock(partialPath(chunk.sha256, ".lock"));
        auto answer = putLocked(chunk, userId);
        if (!fileSize(partialPath(chunk.sha256))) {
            // No upload of this hash goes on (stored, discarded, or none was started): its
            // records go with it. After an exception they stay, for the next attempt.
            removeFile(partialPath(chunk.sha256, ".type"), "remove the content type");
            removeFile(partialPath(chunk.sha256, ".type.tmp"), "remove the content type");
            lock.removeFile();
        }
        return answer;
    } catch (const std::system_error& e) {
        return Error::of(std::string(http::codes::PhotoStoreFailed), {{"detail", e.what()}});
    }
}

Result<ChunkAnswer> PhotoStore::putLocked(const Chunk& chunk, const std::string& userId)
{
    const fs::path partial = partialPath(chunk.sha256);
    if (fileSize(storedPath(chunk.sha256))) {
        if (auto row = findRow(chunk.sha256)) return ChunkAnswer{ChunkOutcome::AlreadyStored, row->sizeBytes, *row};
        // In place without its row: the process died, or the database failed, between the
        // rename and the insert. The file is checked again and its row written now.
        if (auto adopted = adopt(chunk, userId)) return *adopted;
    }
    std::uint64_t held = fileSize(partial).value_or(0);
    if (held > chunk.length) {
        // Longer than the whole file: kept for a client that declared another length for this
        // hash, so not a prefix of this file (or that client's is not). Dropped; the hash
        // check at the end decides whose bytes were right.
        removeFile(partial, "remove the partial file");
        held = 0;
    }
    if (chunk.offset != held)
        return Error::of(std::string(http::codes::UploadOffsetMismatch), {{"upload_offset", std::to_string(held)}});
    if (held == 0 && !chunk.bytes.empty()) {
        // The first chunk: its content type is recorded before any of its bytes, so a partial
        // file always has one.
        const fs::path type = partialPath(chunk.sha256, ".type");
        const fs::path temp = partialPath(chunk.sha256, ".type.tmp");
        {
            const Fd fd = openFile(temp, O_WRONLY | O_CREAT | O_TRUNC, "record the content type");
            writeAt(fd.get(), chunk.contentType.value_or(std::string(kPhotoTypes[0])), 0, "record the content type");
            syncFile(fd.get(), "record the content type");
        }
        if (::rename(temp.c_str(), type.c_str()) != 0) fail("record the content type");
    }
    if (!chunk.bytes.empty()) {
        const bool created = !fileSize(partial);
        const Fd fd = openFile(partial, O_WRONLY | O_CREAT, "open the partial file");
        try {
            writeAt(fd.get(), chunk.bytes, held, "write the partial file");
            if (::fdatasync(fd.get()) != 0) fail("sync the partial file");
        } catch (const std::system_error&) {
            // Disk full or an I/O error: back to the bytes acknowledged before this chunk.
            if (::ftruncate(fd.get(), static_cast<off_t>(held)) == 0) (void)::fdatasync(fd.get());
            throw;
        }
        if (created) syncDirectory(partial.parent_path(), "sync the partial directory");
        held += chunk.bytes.size();
    }
    if (held < chunk.length) return ChunkAnswer{ChunkOutcome::Accepted, held, {}};
    return complete(chunk, userId);
}

Result<ChunkAnswer> PhotoStore::complete(const Chunk& chunk, const std::string& userId)
{
    const fs::path partial = partialPath(chunk.sha256);
    const std::string actual = sha256OfFile(partial, "read the partial file");
    if (actual != chunk.sha256) {
        removeFile(partial, "remove the partial file");
        return Error::of(std::string(http::codes::HashMismatch), {{"expected", chunk.sha256}, {"actual", actual}});
    }
    {
        const Fd fd = openFile(partial, O_RDONLY, "sync the partial file");
        syncFile(fd.get(), "sync the partial file");
    }
    const fs::path stored = storedPath(chunk.sha256);
    std::error_code ec;
    if (fs::create_directory(stored.parent_path(), ec)) syncDirectory(m_settings.dir, "sync the photo directory");
    if (ec) throw std::system_error(ec, "create the photo's directory");
    if (::rename(partial.c_str(), stored.c_str()) != 0) fail("move the photo into place");
    syncDirectory(stored.parent_path(), "sync the photo's directory");
    syncDirectory(partial.parent_path(), "sync the partial directory");
    const Photo photo = insertRow(chunk.sha256, chunk.length, recordedType(chunk), userId);
    return ChunkAnswer{ChunkOutcome::Stored, photo.sizeBytes, photo};
}

std::optional<ChunkAnswer> PhotoStore::adopt(const Chunk& chunk, const std::string& userId)
{
    const fs::path stored = storedPath(chunk.sha256);
    if (sha256OfFile(stored, "read the stored photo") != chunk.sha256) {
        // Not this photo after all (damaged on disk): removed, and uploaded again.
        removeFile(stored, "remove a damaged photo");
        syncDirectory(stored.parent_path(), "sync the photo's directory");
        return std::nullopt;
    }
    const Photo photo = insertRow(chunk.sha256, fileSize(stored).value_or(0), recordedType(chunk), userId);
    removeFile(partialPath(chunk.sha256), "remove the partial file");
    return ChunkAnswer{ChunkOutcome::Stored, photo.sizeBytes, photo};
}

std::string PhotoStore::recordedType(const Chunk& chunk) const
{
    // The first chunk's Photo-Content-Type, as recorded; the default when that record is gone.
    std::array<char, 64> buffer{};
    const int fd = ::open(partialPath(chunk.sha256, ".type").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        const Fd owned(fd);
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n > 0 && isPhotoType(std::string_view(buffer.data(), static_cast<std::size_t>(n))))
            return std::string(buffer.data(), static_cast<std::size_t>(n));
    }
    return chunk.contentType.value_or(std::string(kPhotoTypes[0]));
}

Photo PhotoStore::insertRow(const std::string& sha256, std::uint64_t size, const std::string& contentType,
                            const std::string& userId)
{
    // Two server processes with separate photo directories on one database may both get here
    // for one hash: the first row stays, the second insert does nothing.
    auto written = m_store.write([&](store::Tx& tx) -> Result<Photo> {
        store::sql::execute(tx.session(),
                            "INSERT INTO photo (sha256, size_bytes, content_type, uploaded_by, created_at) "
                            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                            {sha256, static_cast<std::int64_t>(size), contentType, userId, tx.nowMs()});
        return *selectPhoto(tx, sha256);
    });
    return std::move(written).value(); // always ok: failures throw (the pipeline answers 503/500)
}

} // namespace yanghu::photos
