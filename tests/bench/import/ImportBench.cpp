// SPDX-License-Identifier: MIT
// Asset import throughput against a plain sqlite3 insert loop of the same rows, in one run.
//
// Input: 12,000 storm inlets in the Cambridge catch-basin CSV format (BOM, CRLF), built once
// at start-up from tests/data/cambridge_catchbasins.csv: its accepted rows are replicated with
// unique FACILITYIDs and coordinates shifted by a few metres per copy.
//
// Cases (items/s = asset rows per second; each iteration writes into a FRESH migrated SQLite
// file in a temp dir, created and migrated with the timer paused):
//   BM_ImportThroughStore  parse (transfer::importAssets) + AssetRepository::upsertBySourceId
//                          in one Store::write transaction
//   BM_UpsertOnly          the same with the assets parsed before timing (store cost alone)
//   BM_RawSqlite3Insert    the reference: the same parsed assets as the same column values the
//                          store binds (JSON text included), sqlite3_prepare_v2 once,
//                          bind/step/reset per row, one BEGIN IMMEDIATE/COMMIT, same PRAGMAs as
//                          store::Database (WAL, synchronous NORMAL, foreign_keys ON), into the
//                          migrated asset table (same DDL and indexes). encode:0 encodes the
//                          values before timing (pure sqlite3: THE reference for the ratios);
//                          encode:1 encodes inside the loop as the store must; change_log:1 also
//                          writes one change_log row per asset as the store does (context).
//   BM_ReimportSameFile    a second import (parse + upsert) of the same rows into a DB that
//                          holds them: every row is found by source id (moved:0 identical file
//                          -> all unchanged; moved:1 coordinates moved 5 m -> all updated);
//                          never a duplicate (checked after each iteration).
// After the runs the ratios import/raw and upsert/raw are printed (from the mean real time).
#include "store/AssetRepository.h"
#include "store/Database.h"
#include "store/Migrator.h"
#include "store/SqlCodec.h"
#include "store/Store.h"
#include "transfer/AssetImporter.h"

#include "yanghu/core/Clock.h"
#include "yanghu/core/Uuid.h"
#include "yanghu/core/wire/Codec.h"

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

#ifndef YANGHU_TEST_DATA_DIR
#error "YANGHU_TEST_DATA_DIR must name tests/data"
#endif

namespace {

namespace fs = std::filesystem;
using namespace yanghu;

constexpr std::size_t kRows = 12000;

std::vector<std::string> splitCrlf(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find("\r\n", start);
        if (end == std::string::npos) end = text.size();
        if (end > start) lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

std::vector<std::string> splitComma(const std::string& line)
{
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (;;) {
        auto comma = line.find(',', start);
        cells.push_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return cells;
}

std::string joinComma(const std::vector<std::string>& cells)
{
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + cells[i];
    return out;
}

std::string formatCoordinate(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.8f", v);
    return buf;
}

transfer::ImportResult parse(const std::string& csv, UuidGenerator& ids)
{
    transfer::ImportOptions options(ids);
    return transfer::importAssets(std::string_view(csv), transfer::ImportFormat::Csv, options);
}

// The two input files (the second with every coordinate moved, for re-imports that update).
struct Input {
    std::string csv;
    std::string movedCsv;
};

const Input& input()
{
    static const Input built = [] {
        std::ifstream in(fs::path(YANGHU_TEST_DATA_DIR) / "cambridge_catchbasins.csv", std::ios::binary);
        if (!in) throw std::runtime_error("cannot read cambridge_catchbasins.csv");
        std::stringstream buffer;
        buffer << in.rdbuf();
        std::string text = buffer.str();
        const std::string bom = "\xEF\xBB\xBF";
        if (text.rfind(bom, 0) == 0) text.erase(0, bom.size());
        // The file has no quoted fields (checked: the one quote pair holds no comma or line
        // break), so lines and commas split it exactly.
        auto lines = splitCrlf(text);
        const auto header = splitComma(lines.at(0));
        auto column = [&header](const std::string& name) {
            for (std::size_t i = 0; i < header.size(); ++i)
                if (header[i] == name) return i;
            throw std::runtime_error("column missing: " + name);
        };
        const auto idColumn = column("FACILITYID"), xColumn = column("x"), yColumn = column("y");

        // Templates: the rows the importer accepts (the file has duplicates and gaps on purpose).
        ManualClock clock{Instant{}};
        UuidGenerator ids(clock, 1);
        const auto original = parse(bom + text, ids);
        std::set<int> rejectedLines;
        for (const auto& issue : original.issues) rejectedLines.insert(issue.lineOrFeature);
        std::vector<std::vector<std::string>> templates;
        for (std::size_t i = 1; i < lines.size(); ++i)
            if (!rejectedLines.contains(static_cast<int>(i + 1))) templates.push_back(splitComma(lines[i]));
        if (templates.empty()) throw std::runtime_error("no accepted template rows");

        auto build = [&](double movedM) {
            std::string csv = bom + lines[0] + "\r\n";
            for (std::size_t n = 0; n < kRows; ++n) {
                auto cells = templates[n % templates.size()];
                const auto copy = n / templates.size();
                cells[idColumn] += "-" + std::to_string(copy);
                // ~3 m east/north per copy (1e-5 deg lat ~ 1.1 m), plus `movedM` metres.
                const double shift = static_cast<double>(copy) * 3e-5 + movedM * 1e-5 / 1.1;
                cells[xColumn] = formatCoordinate(std::stod(cells[xColumn]) + shift);
                cells[yColumn] = formatCoordinate(std::stod(cells[yColumn]) + shift);
                csv += joinComma(cells) + "\r\n";
            }
            return csv;
        };
        Input out{build(0), build(5)};
        const auto check = parse(out.csv, ids);
        if (check.accepted != kRows) throw std::runtime_error("built CSV: " + std::to_string(check.accepted) + " accepted");
        return out;
    }();
    return built;
}

// A fresh, migrated SQLite database in its own temp dir; removed on destruction.
class FreshDatabase {
public:
    FreshDatabase()
    {
        static int counter = 0;
        m_dir = fs::temp_directory_path() / ("yanghu-import-bench-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_path = m_dir / "central.db";
        m_db = store::Database::open("sqlite:" + m_path.string());
        auto migrated = store::Migrator(*m_db, m_clock).migrate();
        if (!migrated.ok()) throw std::runtime_error("migration failed");
    }
    ~FreshDatabase()
    {
        m_db.reset();
        std::error_code ignored;
        fs::remove_all(m_dir, ignored);
    }
    FreshDatabase(const FreshDatabase&) = delete;
    FreshDatabase& operator=(const FreshDatabase&) = delete;

    store::Database& db() { return *m_db; }
    const fs::path& path() const { return m_path; }
    const Clock& clock() const { return m_clock; }

    std::int64_t countAssets()
    {
        auto session = m_db->session();
        Poco::Int64 n = 0;
        session << "SELECT COUNT(*) FROM asset", Poco::Data::Keywords::into(n), Poco::Data::Keywords::now;
        return n;
    }

private:
    SystemClock m_clock;
    fs::path m_dir;
    fs::path m_path;
    std::unique_ptr<store::Database> m_db;
};

store::UpsertCounts upsert(FreshDatabase& fresh, UuidGenerator& ids, std::vector<Asset>& assets)
{
    store::Store st(fresh.db(), fresh.clock(), ids);
    store::AssetRepository repository;
    auto counts = st.write([&](store::Tx& tx) { return repository.upsertBySourceId(tx, assets); });
    if (!counts.ok()) throw std::runtime_error("upsert failed: " + counts.error().code);
    return *counts;
}

void reportCounts(benchmark::State& state, const store::UpsertCounts& c)
{
    state.counters["inserted"] = static_cast<double>(c.inserted);
    state.counters["updated"] = static_cast<double>(c.updated);
    state.counters["unchanged"] = static_cast<double>(c.unchanged);
}

void BM_ImportThroughStore(benchmark::State& state)
{
    const auto& csv = input().csv;
    SystemClock clock;
    UuidGenerator ids(clock, 2);
    store::UpsertCounts counts;
    for (auto _ : state) {
        state.PauseTiming();
        auto fresh = std::make_unique<FreshDatabase>();
        state.ResumeTiming();
        auto parsed = parse(csv, ids);
        counts = upsert(*fresh, ids, parsed.assets);
        state.PauseTiming();
        if (counts.inserted != kRows || fresh->countAssets() != static_cast<std::int64_t>(kRows))
            state.SkipWithError("not every row was inserted");
        fresh.reset();
        state.ResumeTiming();
    }
    reportCounts(state, counts);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kRows));
}

void BM_UpsertOnly(benchmark::State& state)
{
    SystemClock clock;
    UuidGenerator ids(clock, 3);
    const auto parsed = parse(input().csv, ids);
    store::UpsertCounts counts;
    for (auto _ : state) {
        state.PauseTiming();
        auto fresh = std::make_unique<FreshDatabase>();
        auto assets = parsed.assets; // upsert writes ids and meta back
        state.ResumeTiming();
        counts = upsert(*fresh, ids, assets);
        state.PauseTiming();
        if (counts.inserted != kRows) state.SkipWithError("not every row was inserted");
        fresh.reset();
        assets.clear();
        state.ResumeTiming();
    }
    reportCounts(state, counts);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kRows));
}

// ---- the plain sqlite3 reference ---------------------------------------------------------

void check(int rc, sqlite3* db, const char* what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

void exec(sqlite3* db, const char* sql)
{
    check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql);
}

void bindText(sqlite3_stmt* s, int i, const std::string& v)
{
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

template <class V>
void bindOptionalReal(sqlite3_stmt* s, int i, const std::optional<V>& v)
{
    if (v) sqlite3_bind_double(s, i, static_cast<double>(*v));
    else sqlite3_bind_null(s, i);
}

// The field_versions every inserted asset row starts with (the store's mapped fields -> 1).
const std::string& initialFieldVersions()
{
    static const std::string text = [] {
        nlohmann::json fv = nlohmann::json::object();
        for (const char* f : {"kind", "code", "street_id", "side", "chainage_from_m", "chainage_to_m", "geometry",
                              "condition_grade", "condition_score", "status", "attributes", "extra", "source_id"})
            fv[f] = 1;
        return fv.dump();
    }();
    return text;
}

// One asset row as the store binds it: every column value, JSON text included.
struct EncodedRow {
    std::string id, kind, code, side, geometry, status, attributes, extra, sourceId;
    std::optional<std::string> streetId;
    std::optional<double> chainageFrom, chainageTo, lon, lat, conditionScore;
    std::optional<int> conditionGrade;
};

EncodedRow encode(const Asset& a, UuidGenerator& ids)
{
    EncodedRow r;
    r.id = ids.next().toString();
    r.kind = std::string(enumName(a.kind));
    r.code = a.code;
    if (a.streetId) r.streetId = a.streetId->toString();
    r.side = std::string(enumName(a.side));
    r.chainageFrom = a.chainageFromM;
    r.chainageTo = a.chainageToM;
    r.geometry = store::json::fromPoints(a.geometry).dump();
    if (!a.geometry.empty()) { // the representative point: the mean of the geometry's points
        double sumLon = 0, sumLat = 0;
        for (const auto& p : a.geometry) {
            sumLon += p.lon;
            sumLat += p.lat;
        }
        r.lon = sumLon / static_cast<double>(a.geometry.size());
        r.lat = sumLat / static_cast<double>(a.geometry.size());
    }
    r.conditionGrade = a.conditionGrade;
    r.conditionScore = a.conditionScore;
    r.status = std::string(enumName(a.status));
    r.attributes = wire::attributesToJson(a.attributes).dump();
    r.extra = a.extra.dump();
    r.sourceId = a.sourceId;
    return r;
}

// `preEncoded` rows are bound as they are; otherwise each asset is encoded inside the loop,
// as the store does.
void rawInsert(const fs::path& path, const std::vector<Asset>& assets, const std::vector<EncodedRow>& preEncoded,
               UuidGenerator& ids, bool changeLog)
{
    sqlite3* db = nullptr;
    check(sqlite3_open(path.c_str(), &db), db, "open");
    std::unique_ptr<sqlite3, decltype(&sqlite3_close)> owner(db, &sqlite3_close);
    // The same connection set-up as store::Database (journal_mode is already WAL in the file).
    exec(db, "PRAGMA foreign_keys = ON");
    exec(db, "PRAGMA busy_timeout = 10000");
    exec(db, "PRAGMA synchronous = NORMAL");
    exec(db, "PRAGMA journal_mode = WAL");

    const char* insertAsset =
        "INSERT INTO asset (id, row_version, deleted, created_at, updated_at, field_versions, kind, code, street_id, side, "
        "chainage_from_m, chainage_to_m, geometry, lon, lat, condition_grade, condition_score, status, attributes, extra, "
        "source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    const char* insertLog =
        "INSERT INTO change_log (entity, row_id, row_version, op, changed_at, tx_id) VALUES ('asset', ?, 1, 'insert', ?, ?)";
    sqlite3_stmt* s = nullptr;
    check(sqlite3_prepare_v2(db, insertAsset, -1, &s, nullptr), db, "prepare asset");
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> statement(s, &sqlite3_finalize);
    sqlite3_stmt* l = nullptr;
    check(sqlite3_prepare_v2(db, insertLog, -1, &l, nullptr), db, "prepare change_log");
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> logStatement(l, &sqlite3_finalize);

    const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    const std::string txId = ids.next().toString();
    const std::string& fv = initialFieldVersions();
    const std::size_t n = preEncoded.empty() ? assets.size() : preEncoded.size();
    exec(db, "BEGIN IMMEDIATE");
    for (std::size_t i = 0; i < n; ++i) {
        EncodedRow local;
        if (preEncoded.empty()) local = encode(assets[i], ids);
        const EncodedRow& r = preEncoded.empty() ? local : preEncoded[i];
        bindText(s, 1, r.id);
        sqlite3_bind_int64(s, 2, 1);
        sqlite3_bind_int64(s, 3, 0);
        sqlite3_bind_int64(s, 4, now);
        sqlite3_bind_int64(s, 5, now);
        bindText(s, 6, fv);
        bindText(s, 7, r.kind);
        bindText(s, 8, r.code);
        if (r.streetId) bindText(s, 9, *r.streetId);
        else sqlite3_bind_null(s, 9);
        bindText(s, 10, r.side);
        bindOptionalReal(s, 11, r.chainageFrom);
        bindOptionalReal(s, 12, r.chainageTo);
        bindText(s, 13, r.geometry);
        bindOptionalReal(s, 14, r.lon);
        bindOptionalReal(s, 15, r.lat);
        if (r.conditionGrade) sqlite3_bind_int64(s, 16, *r.conditionGrade);
        else sqlite3_bind_null(s, 16);
        bindOptionalReal(s, 17, r.conditionScore);
        bindText(s, 18, r.status);
        bindText(s, 19, r.attributes);
        bindText(s, 20, r.extra);
        bindText(s, 21, r.sourceId);
        check(sqlite3_step(s), db, "insert asset");
        sqlite3_reset(s);
        if (changeLog) {
            bindText(l, 1, r.id);
            sqlite3_bind_int64(l, 2, now);
            bindText(l, 3, txId);
            check(sqlite3_step(l), db, "insert change_log");
            sqlite3_reset(l);
        }
    }
    exec(db, "COMMIT");
}

// Args: encode (0 = values encoded before timing: the pure sqlite3 reference; 1 = JSON text,
// ids and names made inside the loop like the store), change_log (1 = one row per asset too).
void BM_RawSqlite3Insert(benchmark::State& state)
{
    SystemClock clock;
    UuidGenerator ids(clock, 4);
    const auto parsed = parse(input().csv, ids);
    const bool encodeInside = state.range(0) != 0;
    const bool changeLog = state.range(1) != 0;
    std::vector<EncodedRow> preEncoded;
    for (auto _ : state) {
        state.PauseTiming();
        auto fresh = std::make_unique<FreshDatabase>(); // migrated: the asset table of 0001_init.sql
        preEncoded.clear();
        if (!encodeInside)
            for (const auto& a : parsed.assets) preEncoded.push_back(encode(a, ids));
        state.ResumeTiming();
        rawInsert(fresh->path(), parsed.assets, preEncoded, ids, changeLog);
        state.PauseTiming();
        if (fresh->countAssets() != static_cast<std::int64_t>(kRows)) state.SkipWithError("not every row was inserted");
        fresh.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kRows));
}

void BM_ReimportSameFile(benchmark::State& state)
{
    const auto& first = input().csv;
    const auto& second = state.range(0) != 0 ? input().movedCsv : input().csv;
    SystemClock clock;
    UuidGenerator ids(clock, 5);
    store::UpsertCounts counts;
    for (auto _ : state) {
        state.PauseTiming();
        auto fresh = std::make_unique<FreshDatabase>();
        auto initial = parse(first, ids);
        upsert(*fresh, ids, initial.assets);
        state.ResumeTiming();
        auto parsed = parse(second, ids);
        counts = upsert(*fresh, ids, parsed.assets);
        state.PauseTiming();
        if (counts.inserted != 0 || counts.updated + counts.unchanged != kRows ||
            fresh->countAssets() != static_cast<std::int64_t>(kRows))
            state.SkipWithError("re-import inserted rows or lost some");
        fresh.reset();
        state.ResumeTiming();
    }
    reportCounts(state, counts);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kRows));
}

// Prints import/raw and upsert/raw after the normal table, from the runs' rows per second.
class RatioReporter : public benchmark::ConsoleReporter {
public:
    RatioReporter()
        : ConsoleReporter(::isatty(STDOUT_FILENO) ? OO_Defaults : OO_Tabular) // no colour codes in pipes and logs
    {
    }
    void ReportRuns(const std::vector<Run>& runs) override
    {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& run : runs) {
            if (run.error_occurred || run.iterations == 0 || run.run_type != Run::RT_Iteration) continue;
            const double seconds = run.GetAdjustedRealTime() / benchmark::GetTimeUnitMultiplier(run.time_unit);
            if (seconds > 0) m_rowsPerSecond[run.benchmark_name()] = static_cast<double>(kRows) / seconds;
        }
    }
    void Finalize() override
    {
        ConsoleReporter::Finalize();
        // By name prefix: the full names carry iteration and real-time suffixes.
        auto rate = [this](const std::string& prefix) {
            for (const auto& [name, value] : m_rowsPerSecond)
                if (name.rfind(prefix, 0) == 0) return value;
            return 0.0;
        };
        const double raw = rate("BM_RawSqlite3Insert/encode:0/change_log:0/");
        std::printf("\nrows/s (real time):\n");
        for (const auto& [name, value] : m_rowsPerSecond) std::printf("  %-55s %10.0f\n", name.c_str(), value);
        if (raw > 0) {
            std::printf("ratios against BM_RawSqlite3Insert/encode:0/change_log:0 (goal >= 0.5):\n");
            std::printf("  import/raw  %.3f\n", rate("BM_ImportThroughStore/") / raw);
            std::printf("  upsert/raw  %.3f\n", rate("BM_UpsertOnly/") / raw);
        }
    }

private:
    std::map<std::string, double> m_rowsPerSecond;
};

} // namespace

// Fixed iteration counts: each iteration is one whole 12k-row import; fresh files per
// iteration make the first and later ones alike. Real time: SQLite's fsyncs are work too.
BENCHMARK(BM_ImportThroughStore)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK(BM_UpsertOnly)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK(BM_RawSqlite3Insert)
    ->ArgNames({"encode", "change_log"})
    ->Args({0, 0})
    ->Args({1, 0})
    ->Args({1, 1})
    ->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK(BM_ReimportSameFile)->ArgName("moved")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    input(); // build the CSV before any timing
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
