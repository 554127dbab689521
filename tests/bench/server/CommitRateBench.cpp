// SPDX-License-Identifier: MIT
// SQLite's own commit rate: the ceiling for any write route that is "one real transaction".
//
// BM_CommitSingleRowUpdate: per iteration BEGIN IMMEDIATE; UPDATE one row (status text,
// row_version + 1, updated_at) by primary key; COMMIT — prepared statements through the sqlite3
// C API, no other work. The database is a fresh file in $TMPDIR (default /tmp) with the PRAGMAs
// of store::Database (WAL, synchronous NORMAL, foreign_keys ON, 32 MiB cache), holding
// kRows rows whose `body` column is about the size of a work order's JSON, so the updated page
// looks like the server's. With synchronous=NORMAL a WAL commit does not fsync (only checkpoints
// do), so this measures the commit path itself, as the server sees it on the same disk.
//
// items_per_second = commits per second (real time). scripts/bench-server runs this in the same
// run as its wrk transition benchmark and prints transitions/commits.
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include <unistd.h>

namespace {

namespace fs = std::filesystem;

constexpr int kRows = 1000;

void check(int rc, sqlite3* db, const char* what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

void exec(sqlite3* db, const char* sql)
{
    check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql);
}

using Db = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
using Statement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

Statement prepare(sqlite3* db, const char* sql)
{
    sqlite3_stmt* s = nullptr;
    check(sqlite3_prepare_v2(db, sql, -1, &s, nullptr), db, sql);
    return Statement(s, &sqlite3_finalize);
}

void stepOnce(sqlite3_stmt* s, sqlite3* db, const char* what)
{
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

// A private directory under $TMPDIR, removed with everything in it when the scope ends.
class ScratchDir {
public:
    ScratchDir()
    {
        std::string pattern = (fs::temp_directory_path() / "yanghu-commit-bench.XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        m_path = pattern;
    }
    ~ScratchDir()
    {
        std::error_code ignored;
        fs::remove_all(m_path, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

Db openDatabase(const fs::path& file)
{
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open(file.c_str(), &raw);
    Db db(raw, &sqlite3_close);
    check(rc, raw, "open");
    exec(raw, "PRAGMA foreign_keys = ON");
    exec(raw, "PRAGMA busy_timeout = 10000");
    exec(raw, "PRAGMA synchronous = NORMAL");
    exec(raw, "PRAGMA cache_size = -32768");
    exec(raw, "PRAGMA journal_mode = WAL");
    exec(raw, "CREATE TABLE bench_row (id INTEGER PRIMARY KEY, status TEXT NOT NULL, row_version INTEGER NOT NULL, "
              "updated_at INTEGER NOT NULL, body TEXT NOT NULL)");
    auto insert = prepare(raw, "INSERT INTO bench_row (id, status, row_version, updated_at, body) VALUES (?, 'ready', 1, 0, ?)");
    const std::string body(1200, 'x');
    exec(raw, "BEGIN");
    for (int i = 1; i <= kRows; ++i) {
        sqlite3_bind_int(insert.get(), 1, i);
        sqlite3_bind_text(insert.get(), 2, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
        stepOnce(insert.get(), raw, "insert");
    }
    exec(raw, "COMMIT");
    return db;
}

void BM_CommitSingleRowUpdate(benchmark::State& state)
{
    ScratchDir dir;
    Db db = openDatabase(dir.path() / "commit.db");
    sqlite3* raw = db.get();
    auto begin = prepare(raw, "BEGIN IMMEDIATE");
    auto update = prepare(raw, "UPDATE bench_row SET status = ?, row_version = row_version + 1, updated_at = ? WHERE id = ?");
    auto commit = prepare(raw, "COMMIT");

    std::int64_t n = 0;
    for (auto _ : state) {
        stepOnce(begin.get(), raw, "begin");
        sqlite3_bind_text(update.get(), 1, (n & 1) ? "ready" : "scheduled", -1, SQLITE_STATIC);
        sqlite3_bind_int64(update.get(), 2, n);
        sqlite3_bind_int(update.get(), 3, static_cast<int>(n % kRows) + 1);
        stepOnce(update.get(), raw, "update");
        if (sqlite3_changes(raw) != 1) {
            state.SkipWithError("the UPDATE changed no row");
            break;
        }
        stepOnce(commit.get(), raw, "commit");
        ++n;
    }
    state.SetItemsProcessed(state.iterations());
    // Close statements before the database (the unique_ptrs would go in reverse order anyway;
    // explicit so the WAL is checkpointed and removed before the directory goes).
    begin.reset();
    update.reset();
    commit.reset();
    db.reset();
}
BENCHMARK(BM_CommitSingleRowUpdate)->UseRealTime()->MinTime(2.0)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
