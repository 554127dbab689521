// SPDX-License-Identifier: MIT
// Sync benchmarks (issue 4) against the real yanghu-server of this build on loopback and the
// real client code (Replica, SyncSession), with references measured in the same run.
//
// Set-up, once per process and untimed: `yanghu-admin demo-city` into a temp dir, the server
// started on it (tests/server ServerProcess: 127.0.0.1, an ephemeral port), the dispatcher
// (dispatcher1) and one crew member (crew03-1) signed in, and one first download per user
// whose replica rows become the references' input.
//
// Cases (real time; rows/s = items_per_second):
//   BM_InitialSync/<user>/page:N   a first download into a FRESH replica file (made and bound
//                                  to the user with the timer paused): SyncSession::run() with
//                                  pull pages of N rows (500 is the client's default).
//   BM_InsertQtSql/<user>          the reference: the same rows (every column of replica_row,
//                                  body JSON text included, in the order they were pulled)
//                                  inserted into a FRESH replica file (same DDL, indexes and
//                                  PRAGMAs: the Replica opens and migrates it) through the same
//                                  Qt Sql QSQLITE connection, one prepared INSERT, one
//                                  BEGIN IMMEDIATE ... COMMIT. Values are QVariants built before
//                                  timing, as a caller of the driver holds them.
//   BM_InsertSqlite3/<user>        context: the same through the sqlite3 C API (prepare once,
//                                  bind/step/reset, UTF-8 text made before timing), same file
//                                  shape, synchronous=FULL like the replica.
//   BM_OneRowCrewToDispatcher      a crew member appends a note to one of its orders offline
//                                  (untimed), then timed: the crew's push (SyncSession::push)
//                                  and the dispatcher's incremental pull (SyncSession::pull).
//                                  Checked after each iteration (untimed): the dispatcher's
//                                  replica holds the note; the crew then pulls (untimed) so its
//                                  outbox is settled. Notes rotate over up to 20 orders so no
//                                  order's body grows past a few notes. p50/p99/max in ms.
// After the runs a summary block prints every figure and the ratios sync/QtSql and
// sync/sqlite3 (from the runs' rows/s), against the goals (>= 50k rows/s, >= 0.2 of
// the Qt Sql insert) and PowerSync's published ~27.6k rows/s initial sync.
#include "ServerProcess.h"

#include "replica/Replica.h"
#include "replica/Sql.h"
#include "sync/Login.h"
#include "sync/SyncSession.h"

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

#ifndef YANGHU_ADMIN_EXE
#error "YANGHU_ADMIN_EXE must name the yanghu-admin binary"
#endif

namespace {

using namespace yanghu;
using namespace yanghu::client;

enum class Who { Dispatcher, Crew };
constexpr int kWho = 2;
const char* const kUsernames[kWho] = {"dispatcher1", "crew03-1"};
const char* const kPasswords[kWho] = {"demo-dispatcher", "demo-crew"};
const char* const kWhoNames[kWho] = {"dispatcher", "crew"};

// replica_row's columns in DDL order (migrations/client/0001_replica.sql).
constexpr int kColumns = 14;
const QString kColumnList = QStringLiteral("entity, id, row_version, deleted, out_of_scope, fresh, body, server_body, "
                                           "crew_id, day, status, street_id, asset_id, kind");
const QString kInsert = QStringLiteral("INSERT INTO replica_row (") + kColumnList +
                        QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

// One replica_row row as a Qt caller binds it and as UTF-8 / integers for the C API.
using QtRow = std::array<QVariant, kColumns>;
struct RawValue {
    bool null = false;
    bool integer = false;
    std::int64_t number = 0;
    std::string text;
};
using RawRow = std::array<RawValue, kColumns>;

// The demo city on a running server, and what the first downloads brought. Owned by main().
struct City {
    QTemporaryDir dir;
    std::unique_ptr<servertest::ServerProcess> server;
    QUrl url;
    std::array<LoginAnswer, kWho> login;
    std::array<std::vector<QtRow>, kWho> qtRows;
    std::array<std::vector<RawRow>, kWho> rawRows;
    std::array<std::int64_t, kWho> pulled{}; // rows the first download's pages carried
    int serial = 0;

    QString newReplicaPath() { return dir.filePath(QStringLiteral("r%1.replica").arg(++serial)); }
};
City* g_city = nullptr;

void removeReplicaFiles(const QString& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) QFile::remove(path + QLatin1String(suffix));
    QDir(path + QStringLiteral(".photos")).removeRecursively();
}

std::string describeError(const Error& e)
{
    std::string out = e.code;
    for (const auto& [k, v] : e.params) out += " " + k + "=" + v;
    return out;
}

// A fresh replica bound to `who`; throws when it cannot be made (set-up, not measured).
std::unique_ptr<Replica> freshReplica(Who who, QString* pathOut = nullptr)
{
    const QString path = g_city->newReplicaPath();
    auto r = Replica::open(path);
    if (!r) throw std::runtime_error("replica open: " + describeError(r.error()));
    if (auto b = (*r)->bindUser(g_city->login[static_cast<int>(who)].user); !b)
        throw std::runtime_error("bindUser: " + describeError(b.error()));
    if (pathOut) *pathOut = path;
    return std::move(*r);
}

SyncReport download(Replica& replica, Who who, int pageLimit)
{
    SyncOptions options;
    options.pageLimit = pageLimit;
    return SyncSession(replica, g_city->url, g_city->login[static_cast<int>(who)].token, options).run();
}

// Generates the city, starts the server, signs both users in and downloads once per user.
void startCity()
{
    g_city = new City();
    if (!g_city->dir.isValid()) throw std::runtime_error("no temp dir");
    const QString db = g_city->dir.filePath(QStringLiteral("city.db"));
    QProcess admin;
    admin.start(QStringLiteral(YANGHU_ADMIN_EXE), {QStringLiteral("--db"), QStringLiteral("sqlite:") + db, QStringLiteral("demo-city")});
    if (!admin.waitForFinished(600000) || admin.exitCode() != 0)
        throw std::runtime_error("yanghu-admin demo-city failed: " + admin.readAllStandardError().toStdString());
    g_city->server = std::make_unique<servertest::ServerProcess>("sqlite:" + db.toStdString());
    g_city->url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(g_city->server->port()));
    std::fprintf(stderr, "sync bench: demo city %s, yanghu-server on %s\n", db.toStdString().c_str(),
                 g_city->url.toString().toStdString().c_str());
    for (int w = 0; w < kWho; ++w) {
        auto answer = client::login(g_city->url, QString::fromLatin1(kUsernames[w]), QString::fromLatin1(kPasswords[w]));
        if (!answer) throw std::runtime_error(std::string("login ") + kUsernames[w] + ": " + describeError(answer.error()));
        g_city->login[static_cast<std::size_t>(w)] = *answer;

        QString path;
        auto replica = freshReplica(static_cast<Who>(w), &path);
        const SyncReport report = download(*replica, static_cast<Who>(w), 500);
        if (!report.ok || !report.pullComplete)
            throw std::runtime_error(std::string("first download as ") + kUsernames[w] + ": " + describeError(report.error));
        // In pull order (rowid: the replica inserted them as the pages came).
        auto q = sql::run(replica->database(), QStringLiteral("SELECT ") + kColumnList + QStringLiteral(" FROM replica_row ORDER BY rowid"));
        if (!q) throw std::runtime_error("read replica rows: " + describeError(q.error()));
        g_city->pulled[static_cast<std::size_t>(w)] = report.rowsPulled;
        auto& qt = g_city->qtRows[static_cast<std::size_t>(w)];
        auto& raw = g_city->rawRows[static_cast<std::size_t>(w)];
        while (q->next()) {
            QtRow row;
            RawRow rawRow;
            for (int c = 0; c < kColumns; ++c) {
                const QVariant v = q->value(c);
                row[static_cast<std::size_t>(c)] = v;
                RawValue& rv = rawRow[static_cast<std::size_t>(c)];
                rv.null = v.isNull();
                rv.integer = v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int;
                if (rv.integer) rv.number = v.toLongLong();
                else if (!rv.null) rv.text = v.toString().toStdString();
            }
            qt.push_back(std::move(row));
            raw.push_back(std::move(rawRow));
        }
        std::fprintf(stderr, "sync bench: %s downloads %lld rows in %d pages of 500 (%zu in replica_row)\n", kUsernames[w],
                     static_cast<long long>(report.rowsPulled), report.pages, qt.size());
        replica.reset();
        removeReplicaFiles(path);
    }
}

// ---------------------------------------------------------------------------------------------

void BM_InitialSync(benchmark::State& state, Who who)
{
    const int pageLimit = static_cast<int>(state.range(0));
    std::int64_t rows = 0;
    int pages = 0;
    for (auto _ : state) {
        state.PauseTiming();
        QString path;
        auto replica = freshReplica(who, &path);
        state.ResumeTiming();
        const SyncReport report = download(*replica, who, pageLimit);
        state.PauseTiming();
        if (!report.ok || !report.pullComplete) {
            state.SkipWithError(("sync failed: " + describeError(report.error)).c_str());
            break;
        }
        // The replica must end as the first download left it. (Rows pulled may differ with the
        // page size: a crew's later pages repeat the few rows that come with its orders.)
        const auto kept = sql::scalar(replica->database(), QStringLiteral("SELECT COUNT(*) FROM replica_row"));
        if (!kept || *kept != static_cast<std::int64_t>(g_city->qtRows[static_cast<std::size_t>(who)].size())) {
            state.SkipWithError("the download left another number of rows than the first one");
            break;
        }
        // Items: the rows the replica holds (what the references insert); pages may carry a
        // row more than once when it changed during the download.
        rows += static_cast<std::int64_t>(g_city->qtRows[static_cast<std::size_t>(who)].size());
        pages = report.pages;
        replica.reset();
        removeReplicaFiles(path);
        state.ResumeTiming();
    }
    state.SetItemsProcessed(rows);
    state.counters["rows"] = static_cast<double>(g_city->qtRows[static_cast<std::size_t>(who)].size());
    state.counters["pulled"] = static_cast<double>(g_city->pulled[static_cast<std::size_t>(who)]);
    state.counters["pages"] = pages;
}

void BM_InsertQtSql(benchmark::State& state, Who who)
{
    const auto& rows = g_city->qtRows[static_cast<std::size_t>(who)];
    for (auto _ : state) {
        state.PauseTiming();
        QString path;
        auto replica = freshReplica(who, &path);
        std::string failed;
        {
            // The replica's own connection; query and handle released before it closes.
            QSqlDatabase db = replica->database();
            QSqlQuery query(db);
            state.ResumeTiming();
            bool ok = query.exec(QStringLiteral("BEGIN IMMEDIATE")) && query.prepare(kInsert);
            for (const auto& row : rows) {
                if (!ok) break;
                for (int c = 0; c < kColumns; ++c) query.bindValue(c, row[static_cast<std::size_t>(c)]);
                ok = query.exec();
            }
            ok = ok && QSqlQuery(db).exec(QStringLiteral("COMMIT"));
            state.PauseTiming();
            if (!ok) failed = "Qt Sql insert failed: " + query.lastError().text().toStdString();
        }
        replica.reset();
        if (!failed.empty()) {
            state.SkipWithError(failed.c_str());
            break;
        }
        removeReplicaFiles(path);
        state.ResumeTiming();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows.size()));
    state.counters["rows"] = static_cast<double>(rows.size());
}

void BM_InsertSqlite3(benchmark::State& state, Who who)
{
    const auto& rows = g_city->rawRows[static_cast<std::size_t>(who)];
    for (auto _ : state) {
        state.PauseTiming();
        QString path;
        freshReplica(who, &path).reset(); // the migrated, empty file; its connection closed
        sqlite3* db = nullptr;
        sqlite3_stmt* insert = nullptr;
        bool ok = sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK &&
                  sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON",
                               nullptr, nullptr, nullptr) == SQLITE_OK;
        const QByteArray sql = kInsert.toUtf8();
        state.ResumeTiming();
        ok = ok && sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK &&
             sqlite3_prepare_v2(db, sql.constData(), -1, &insert, nullptr) == SQLITE_OK;
        for (const auto& row : rows) {
            if (!ok) break;
            for (int c = 0; c < kColumns; ++c) {
                const RawValue& v = row[static_cast<std::size_t>(c)];
                if (v.null) sqlite3_bind_null(insert, c + 1);
                else if (v.integer) sqlite3_bind_int64(insert, c + 1, v.number);
                else sqlite3_bind_text(insert, c + 1, v.text.data(), static_cast<int>(v.text.size()), SQLITE_STATIC);
            }
            ok = sqlite3_step(insert) == SQLITE_DONE && sqlite3_reset(insert) == SQLITE_OK;
        }
        ok = ok && sqlite3_finalize(insert) == SQLITE_OK && sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
        state.PauseTiming();
        const std::string message = db ? sqlite3_errmsg(db) : "cannot open";
        if (!ok) sqlite3_finalize(insert);
        sqlite3_close(db);
        removeReplicaFiles(path);
        if (!ok) {
            state.SkipWithError(("sqlite3 insert failed: " + message).c_str());
            break;
        }
        state.ResumeTiming();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows.size()));
    state.counters["rows"] = static_cast<double>(rows.size());
}

// ---------------------------------------------------------------------------------------------

bool holdsNote(Replica& replica, const std::string& orderId, const std::string& noteId)
{
    auto row = replica.row("work_order", orderId);
    if (!row || !*row) return false;
    for (const auto& note : (**row).value("notes", Json::array()))
        if (note.value("id", std::string()) == noteId) return true;
    return false;
}

void BM_OneRowCrewToDispatcher(benchmark::State& state)
{
    QString officePath;
    QString crewPath;
    auto office = freshReplica(Who::Dispatcher, &officePath);
    auto crew = freshReplica(Who::Crew, &crewPath);
    if (!download(*office, Who::Dispatcher, 2000).ok || !download(*crew, Who::Crew, 2000).ok) {
        state.SkipWithError("first downloads failed");
        return;
    }
    const QString crewToken = g_city->login[static_cast<int>(Who::Crew)].token;
    const QString officeToken = g_city->login[static_cast<int>(Who::Dispatcher)].token;
    SyncSession crewSync(*crew, g_city->url, crewToken);
    SyncSession officeSync(*office, g_city->url, officeToken);

    // One round trip (untimed parts outside `timed`); the elapsed seconds or an error.
    int notes = 0;
    auto roundTrip = [&](const std::string& orderId, double* seconds) -> std::string {
        auto edit = crew->appendLine("work_order", orderId, "notes",
                                     {{"text", "bench 同步延迟 " + std::to_string(++notes)}});
        if (!edit) return "appendLine: " + describeError(edit.error());
        const std::string noteId = edit->fields["notes"][0]["id"].get<std::string>();
        const auto start = std::chrono::steady_clock::now();
        const SyncReport pushed = crewSync.push();
        const SyncReport pulled = officeSync.pull();
        *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!pushed.ok || pushed.acknowledged != 1 || pushed.refused != 0)
            return "push: acknowledged " + std::to_string(pushed.acknowledged) + ", refused " +
                   std::to_string(pushed.refused) + " " + describeError(pushed.error);
        if (!pulled.ok) return "dispatcher pull: " + describeError(pulled.error);
        if (!holdsNote(*office, orderId, noteId)) return "the dispatcher's replica lacks the note";
        if (const SyncReport settled = crewSync.pull(); !settled.ok) return "crew pull: " + describeError(settled.error);
        return {};
    };

    // The crew's orders that take a note (tried once each, untimed), up to 20.
    std::vector<std::string> orders;
    for (const char* status : {"in_progress", "scheduled", "completed"}) {
        auto list = crew->rows("work_order", RowFilter{.status = std::string(status)});
        if (!list) continue;
        for (const auto& order : *list) {
            if (orders.size() >= 20) break;
            double ignored = 0;
            const std::string id = order["id"].get<std::string>();
            if (roundTrip(id, &ignored).empty()) orders.push_back(id);
        }
    }
    if (orders.empty()) {
        state.SkipWithError("no order of the crew took a note");
        return;
    }

    std::vector<double> ms;
    for (auto _ : state) {
        double seconds = 0;
        const std::string failed = roundTrip(orders[ms.size() % orders.size()], &seconds);
        if (!failed.empty()) {
            state.SkipWithError(failed.c_str());
            break;
        }
        state.SetIterationTime(seconds);
        ms.push_back(seconds * 1000.0);
    }
    if (!ms.empty()) {
        std::sort(ms.begin(), ms.end());
        auto at = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * static_cast<double>(ms.size())))]; };
        state.counters["p50_ms"] = at(0.50);
        state.counters["p99_ms"] = at(0.99);
        state.counters["max_ms"] = ms.back();
        state.counters["orders"] = static_cast<double>(orders.size());
    }
    office.reset();
    crew.reset();
    removeReplicaFiles(officePath);
    removeReplicaFiles(crewPath);
}

// ---------------------------------------------------------------------------------------------

// Google Benchmark's table, then the summary block (scripts/bench-sync prints it as is).
class SummaryReporter : public benchmark::ConsoleReporter {
public:
    SummaryReporter() : ConsoleReporter(::isatty(STDOUT_FILENO) ? OO_Defaults : OO_Tabular) {}

    void ReportRuns(const std::vector<Run>& runs) override
    {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& run : runs) {
            if (run.error_occurred || run.iterations == 0 || run.run_type != Run::RT_Iteration) continue;
            Figures& f = m_runs[run.benchmark_name()];
            f.seconds = run.GetAdjustedRealTime() / benchmark::GetTimeUnitMultiplier(run.time_unit);
            for (const auto& [name, counter] : run.counters) f.counters[name] = counter.value;
        }
    }

    void Finalize() override
    {
        ConsoleReporter::Finalize();
        auto find = [this](const std::string& prefix) -> const Figures* {
            for (const auto& [name, f] : m_runs)
                if (name.rfind(prefix, 0) == 0) return &f;
            return nullptr;
        };
        auto rate = [&](const std::string& prefix) {
            const Figures* f = find(prefix);
            return f ? f->counters.at("items_per_second") : 0.0;
        };
        std::printf("\n=== sync bench summary (real time; rows/s from each run's mean) ===\n");
        for (const char* who : kWhoNames) {
            const double qt = rate(std::string("BM_InsertQtSql/") + who);
            const double raw = rate(std::string("BM_InsertSqlite3/") + who);
            for (const auto& [name, f] : m_runs) {
                if (name.rfind(std::string("BM_InitialSync/") + who + "/", 0) != 0) continue;
                const double r = f.counters.at("items_per_second");
                const std::string label = name.substr(15, name.find("/iterations") - 15);
                std::printf("initial sync %-20s %7.0f rows in %6.3f s: %8.0f rows/s", label.c_str(),
                            f.counters.at("rows"), f.seconds, r);
                if (qt > 0) std::printf(", x%.3f of Qt Sql insert", r / qt);
                if (raw > 0) std::printf(", x%.3f of sqlite3 insert", r / raw);
                std::printf(" (goals >= 50000 rows/s: %s, >= 0.2 of Qt Sql: %s)\n", r >= 50000 ? "met" : "NOT met",
                            qt > 0 && r / qt >= 0.2 ? "met" : "NOT met");
            }
            if (qt > 0) std::printf("reference %-10s Qt Sql QSQLITE insert:    %8.0f rows/s\n", who, qt);
            if (raw > 0) std::printf("reference %-10s sqlite3 C API insert:     %8.0f rows/s\n", who, raw);
        }
        std::printf("anchor: PowerSync initial sync ~27600 rows/s (published, desktop)\n");
        if (const Figures* f = find("BM_OneRowCrewToDispatcher")) {
            std::printf("one row crew -> dispatcher (push + pull, loopback): p50 %.2f ms, p99 %.2f ms, max %.2f ms, mean %.2f ms\n",
                        f->counters.at("p50_ms"), f->counters.at("p99_ms"), f->counters.at("max_ms"), f->seconds * 1000.0);
        }
    }

private:
    struct Figures {
        double seconds = 0; // mean per iteration
        std::map<std::string, double> counters;
    };
    std::map<std::string, Figures> m_runs;
};

} // namespace

// Fixed iteration counts: each iteration is one whole download or insert into a fresh file.
BENCHMARK_CAPTURE(BM_InitialSync, dispatcher, Who::Dispatcher)
    ->ArgName("page")->Arg(500)->Arg(2000)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_InitialSync, crew, Who::Crew)
    ->ArgName("page")->Arg(500)->Arg(2000)->Iterations(5)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_InsertQtSql, dispatcher, Who::Dispatcher)->Iterations(5)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_InsertQtSql, crew, Who::Crew)->Iterations(5)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_InsertSqlite3, dispatcher, Who::Dispatcher)->Iterations(5)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_InsertSqlite3, crew, Who::Crew)->Iterations(5)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_OneRowCrewToDispatcher)->Iterations(200)->Unit(benchmark::kMillisecond)->UseManualTime();

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    QCoreApplication app(argc, argv); // the sync's QNetworkAccessManager needs one
    try {
        startCity();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sync bench: set-up failed: %s\n", e.what());
        delete g_city;
        return 1;
    }
    SummaryReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    delete g_city;
    return 0;
}
