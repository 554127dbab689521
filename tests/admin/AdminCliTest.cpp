// SPDX-License-Identifier: MIT
#include "admin/AdminCli.h"
#include "auth/PasswordHasher.h"
#include "demo/DemoCity.h"
#include "store/Sql.h"
#include "auth/SessionStore.h"
#include "store/Store.h"
#include "store/AssetRepository.h"
#include "store/CrewRepository.h"
#include "store/ProgrammeRepository.h"
#include "store/StreetRepository.h"
#include "store/UserRepository.h"
#include "store/WorkOrderRepository.h"
#include "planning/Planning.h"
#include "Samples.h"
#include "TestDatabase.h"

#include "yanghu/core/Time.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

using namespace yanghu;
using store::test::Backend;
using store::test::ScratchDatabase;

namespace {

struct CliRun {
    int code;
    std::string out;
    std::string err;
};

class AdminCli : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override
    {
        m_scratch = std::make_unique<ScratchDatabase>(GetParam());
        if (!m_scratch->skipReason().empty()) GTEST_SKIP() << m_scratch->skipReason();
        m_dir = std::filesystem::temp_directory_path() / ("yanghu-admin-" + std::to_string(::getpid()) + "-" +
                                                          ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override
    {
        if (!m_dir.empty()) std::filesystem::remove_all(m_dir);
    }

    CliRun admin(std::vector<std::string> args, const std::string& stdinText = {})
    {
        args.insert(args.begin(), {"--db", m_scratch->url()});
        return adminRaw(args, stdinText);
    }
    CliRun adminRaw(const std::vector<std::string>& args, const std::string& stdinText = {})
    {
        std::istringstream in(stdinText);
        std::ostringstream out, err;
        admin::AdminIo io{in, out, err, m_clock, /*cheapHashes=*/true};
        int code = admin::runAdmin(args, io);
        return {code, out.str(), err.str()};
    }
    std::int64_t count(const std::string& sqlText)
    {
        auto db = m_scratch->open();
        auto session = db->session();
        auto rows = store::sql::query(session, sqlText, {}, {store::SqlType::Int});
        return std::get<std::int64_t>(rows.at(0).at(0));
    }
    std::string dataFile(const char* name) { return std::string(YANGHU_TEST_DATA_DIR) + "/" + name; }

    std::unique_ptr<ScratchDatabase> m_scratch;
    std::filesystem::path m_dir;
    ManualClock m_clock{Instant{std::chrono::sys_days{std::chrono::year{2026} / 5 / 20}}};
};

TEST_P(AdminCli, UsageErrorsExitWithTwoAndNameTheProblem)
{
    EXPECT_EQ(adminRaw({}).code, admin::ExitUsage);
    CliRun unknown = admin({"frobnicate"});
    EXPECT_EQ(unknown.code, admin::ExitUsage);
    EXPECT_NE(unknown.err.find("unknown command 'frobnicate'"), std::string::npos);
    CliRun badScale = admin({"demo-city", "--scale", "x"});
    EXPECT_EQ(badScale.code, admin::ExitUsage);
    EXPECT_NE(badScale.err.find("--scale"), std::string::npos);
    CliRun badNow = admin({"demo-city", "--now", "tomorrow"});
    EXPECT_EQ(badNow.code, admin::ExitUsage);
    EXPECT_NE(badNow.err.find("--now 'tomorrow'"), std::string::npos) << badNow.err;
    EXPECT_EQ(admin({"import", "assets"}).code, admin::ExitUsage);
    EXPECT_EQ(admin({"user", "add", "someone", "--role", "boss", "--password", "12345678"}).code, admin::ExitUsage);
    CliRun help = adminRaw({"help", "backup"});
    EXPECT_EQ(help.code, admin::ExitOk);
    EXPECT_NE(help.out.find("usage: yanghu-admin [--db URL] backup FILE"), std::string::npos);
}

TEST_P(AdminCli, RefusesADatabaseWithANewerSchemaAndLeavesItUntouched)
{
    ASSERT_EQ(admin({"migrate"}).code, admin::ExitOk);
    {
        auto db = m_scratch->open();
        auto session = db->session();
        store::sql::execute(session, "INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'future', 0)");
    }
    CliRun run = admin({"crew", "add", "C-77"});
    EXPECT_EQ(run.code, admin::ExitFailed);
    EXPECT_NE(run.err.find("schema version 9999, newer than this yanghu-admin knows"), std::string::npos) << run.err;
    EXPECT_EQ(count("SELECT COUNT(*) FROM crew"), 0);
}

TEST_P(AdminCli, DemoCityFillsAnEmptyDatabaseAndRefusesASecondRun)
{
    // Its "now" where the user says (scripts/run: today), so tonight has planned work.
    CliRun run = admin({"demo-city", "--seed", "7", "--now", "2027-03-01T02:00:00Z"});
    ASSERT_EQ(run.code, admin::ExitOk) << run.err;
    demo::DemoOptions options;
    options.seed = 7;
    options.now = *parseInstant("2027-03-01T02:00:00Z");
    demo::DemoCity expected = demo::generateDemoCity(options);
    EXPECT_EQ(count("SELECT COUNT(*) FROM asset"), static_cast<std::int64_t>(expected.assets.size()));
    EXPECT_GE(count("SELECT COUNT(*) FROM asset WHERE kind = 'storm_inlet'"), 12000);
    EXPECT_EQ(count("SELECT COUNT(*) FROM work_order"), static_cast<std::int64_t>(expected.workOrders.size()));
    EXPECT_EQ(count("SELECT COUNT(*) FROM defect_report"), static_cast<std::int64_t>(expected.defects.size()));
    EXPECT_EQ(count("SELECT COUNT(*) FROM app_user"), static_cast<std::int64_t>(expected.users.size()));
    EXPECT_NE(run.out.find("dispatcher1"), std::string::npos);
    EXPECT_GT(count("SELECT COUNT(*) FROM work_order WHERE status = 'scheduled' AND shift_date >= '2027-03-01'"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM work_order WHERE shift_date > '2027-03-20'"), 0);

    // The printed demo password really logs in.
    auto db = m_scratch->open();
    UuidGenerator ids{m_clock, 1};
    store::Store st{*db, m_clock, ids};
    auto user = st.read([](store::Tx& tx) { return store::UserRepository{}.findByUsername(tx, "dispatcher1"); });
    ASSERT_TRUE(user.ok());
    EXPECT_TRUE(server::PasswordHasher{}.verify("demo-dispatcher", user->passwordHash));

    std::int64_t logBefore = count("SELECT COUNT(*) FROM change_log");
    CliRun again = admin({"demo-city"});
    EXPECT_EQ(again.code, admin::ExitFailed);
    EXPECT_NE(again.err.find("only writes into an empty database"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM change_log"), logBefore);
}

TEST_P(AdminCli, ImportingTheSameRealFileTwiceCreatesNoDuplicates)
{
    CliRun first = admin({"import", "assets", dataFile("cambridge_catchbasins.csv")});
    ASSERT_EQ(first.code, admin::ExitOk) << first.err;
    EXPECT_NE(first.out.find("5457 read, 5434 accepted, 23 rejected"), std::string::npos) << first.out;
    EXPECT_NE(first.out.find("5434 inserted, 0 updated, 0 unchanged"), std::string::npos) << first.out;
    EXPECT_NE(first.err.find("source_id: duplicate"), std::string::npos);

    CliRun second = admin({"import", "assets", dataFile("cambridge_catchbasins.csv")});
    ASSERT_EQ(second.code, admin::ExitOk) << second.err;
    EXPECT_NE(second.out.find("0 inserted, 0 updated, 5434 unchanged"), std::string::npos) << second.out;
    EXPECT_EQ(count("SELECT COUNT(*) FROM asset"), 5434);
    EXPECT_EQ(count("SELECT COUNT(*) FROM change_log"), 5434);
}

TEST_P(AdminCli, ABrokenFileIsRefusedWholeAndWritesNothing)
{
    auto path = (m_dir / "broken.csv").string();
    std::ofstream(path, std::ios::binary) << "\xEF\xBB\xBFsource_id,lon,lat\r\nA1,114.5,36.6\r\n\"A2,114.5,36.6\r\n";
    CliRun run = admin({"import", "assets", path, "--kind", "storm_inlet"});
    EXPECT_EQ(run.code, admin::ExitFailed);
    EXPECT_NE(run.err.find("nothing was written"), std::string::npos) << run.err;
    EXPECT_EQ(count("SELECT COUNT(*) FROM asset"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM change_log"), 0);

    CliRun missing = admin({"import", "assets", (m_dir / "nope.csv").string()});
    EXPECT_EQ(missing.code, admin::ExitFailed);
    EXPECT_NE(missing.err.find("cannot read"), std::string::npos);
}

TEST_P(AdminCli, CrewsAndUsersAreCreatedListedAndPasswordsChanged)
{
    ASSERT_EQ(admin({"crew", "add", "C-09", "--name", "井盖夜班", "--district", "丛台区", "--skills", "manhole,paving"}).code,
              admin::ExitOk);
    EXPECT_EQ(admin({"crew", "add", "C-09"}).code, admin::ExitFailed); // duplicate code
    CliRun crews = admin({"crew", "list"});
    EXPECT_NE(crews.out.find("井盖夜班"), std::string::npos);
    EXPECT_NE(crews.out.find("manhole,paving"), std::string::npos);

    CliRun add = admin({"user", "add", "wang.li", "--role", "field_crew", "--crew", "C-09", "--name", "王力", "--password-stdin"},
                    "first-pass-1\n");
    ASSERT_EQ(add.code, admin::ExitOk) << add.err;
    EXPECT_EQ(admin({"user", "add", "wang.li", "--role", "dispatcher", "--password", "another-1"}).code, admin::ExitFailed);
    CliRun noCrew = admin({"user", "add", "zhao", "--role", "field_crew", "--password", "long-enough"});
    EXPECT_EQ(noCrew.code, admin::ExitFailed);
    EXPECT_NE(noCrew.err.find("crew_id: required"), std::string::npos) << noCrew.err;
    CliRun shortPw = admin({"user", "add", "zhao", "--role", "dispatcher", "--password-stdin"}, "short\n");
    EXPECT_EQ(shortPw.code, admin::ExitFailed);

    CliRun list = admin({"user", "list"});
    EXPECT_NE(list.out.find("wang.li"), std::string::npos);
    EXPECT_NE(list.out.find("C-09"), std::string::npos);
    EXPECT_NE(list.out.find("王力"), std::string::npos);

    auto db = m_scratch->open();
    UuidGenerator ids{m_clock, 1};
    store::Store st{*db, m_clock, ids};
    // A session signed in with the old password ends with the change.
    server::SessionStore sessions(st, std::chrono::hours(12), std::chrono::milliseconds(0));
    auto before = st.read([](store::Tx& tx) { return store::UserRepository{}.findByUsername(tx, "wang.li"); });
    ASSERT_TRUE(before.ok());
    auto issued = st.write([&](store::Tx& tx) -> Result<server::SessionStore::Issued> {
        return sessions.issue(tx, before->id, "127.0.0.1");
    });
    ASSERT_TRUE(issued.ok());
    ASSERT_TRUE(sessions.authenticate(issued->token).ok());

    ASSERT_EQ(admin({"user", "passwd", "wang.li", "--password-stdin"}, "second-pass-2\r\n").code, admin::ExitOk);
    EXPECT_FALSE(sessions.authenticate(issued->token).ok());
    auto user = st.read([](store::Tx& tx) { return store::UserRepository{}.findByUsername(tx, "wang.li"); });
    ASSERT_TRUE(user.ok());
    server::PasswordHasher hasher;
    EXPECT_TRUE(hasher.verify("second-pass-2", user->passwordHash));
    EXPECT_FALSE(hasher.verify("first-pass-1", user->passwordHash));
    EXPECT_EQ(admin({"user", "passwd", "nobody", "--password", "whatever-1"}).code, admin::ExitFailed);
}

TEST_P(AdminCli, ExportedCsvAndGeoJsonImportBackIntoAnotherDatabase)
{
    ASSERT_EQ(admin({"import", "assets", dataFile("cambridge_pedestrian_ramps.geojson")}).code, admin::ExitOk);
    auto csv = (m_dir / "ramps.csv").string();
    auto geojson = (m_dir / "ramps.geojson").string();
    ASSERT_EQ(admin({"export", "assets", "--format", "csv", "--out", csv}).code, admin::ExitOk);
    ASSERT_EQ(admin({"export", "assets", "--out", geojson}).code, admin::ExitOk);
    EXPECT_FALSE(std::filesystem::exists(csv + ".partial"));

    for (const auto& file : {csv, geojson}) {
        ScratchDatabase other{Backend::SQLite};
        std::istringstream in;
        std::ostringstream out, err;
        admin::AdminIo io{in, out, err, m_clock, true};
        ASSERT_EQ(admin::runAdmin({"--db", other.url(), "import", "assets", file}, io), admin::ExitOk) << err.str();
        EXPECT_NE(out.str().find("4605 inserted"), std::string::npos) << out.str();
    }
}

TEST_P(AdminCli, BackupWritesAConsistentCopyAndNeverOverwrites)
{
    ASSERT_EQ(admin({"crew", "add", "C-01", "--name", "铺装一班"}).code, admin::ExitOk);
    auto target = (m_dir / "backup.db").string();
    CliRun run = admin({"backup", target});
    ASSERT_EQ(run.code, admin::ExitOk) << run.err;
    if (GetParam() == Backend::SQLite) {
        CliRun listed = adminRaw({"--db", "sqlite:" + target, "crew", "list"});
        EXPECT_NE(listed.out.find("铺装一班"), std::string::npos);
    } else {
        // pg_dump's custom format starts with its magic; pg_restore turns it back into SQL
        // that holds the crew.
        std::ifstream in(target, std::ios::binary);
        std::string magic(5, '\0');
        in.read(magic.data(), 5);
        EXPECT_EQ(magic, "PGDMP");
        std::string restored;
        if (FILE* pipe = ::popen(("pg_restore --data-only -f - '" + target + "'").c_str(), "r")) {
            char buf[4096];
            for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) restored.append(buf, n);
            ::pclose(pipe);
        }
        EXPECT_NE(restored.find("铺装一班"), std::string::npos);
    }
    EXPECT_EQ(admin({"backup", target}).code, admin::ExitFailed);
}

TEST_P(AdminCli, SyncNewEpochStartsANewHistoryForReplicas)
{
    ASSERT_EQ(admin({"migrate"}).code, admin::ExitOk);
    auto epochOf = [&](const CliRun& run) {
        const std::string marker = "new sync epoch ";
        const auto at = run.out.find(marker);
        return at == std::string::npos ? std::string() : run.out.substr(at + marker.size(), 32);
    };
    CliRun first = admin({"sync", "new-epoch"});
    ASSERT_EQ(first.code, admin::ExitOk) << first.err;
    CliRun second = admin({"sync", "new-epoch"});
    ASSERT_EQ(second.code, admin::ExitOk) << second.err;
    EXPECT_EQ(epochOf(first).size(), 32u);
    EXPECT_NE(epochOf(first), epochOf(second));
    EXPECT_EQ(admin({"sync", "new-epoch", "extra"}).code, admin::ExitUsage);
}

TEST_P(AdminCli, PlanPrintsTheNightsApplySchedulesAndAStalePlanWritesNothing)
{
    ASSERT_EQ(admin({"demo-city"}).code, admin::ExitOk);
    const std::vector<std::string> plan{"plan", "--from", "2026-05-21", "--nights", "3", "--iterations", "20000",
                                        "--seconds", "120", "--closure", "23:00-05:00", "--pools", "jetter=2"};
    const std::int64_t logBefore = count("SELECT COUNT(*) FROM change_log");
    CliRun dry = admin(plan);
    ASSERT_EQ(dry.code, admin::ExitOk) << dry.err;
    EXPECT_NE(dry.out.find("plan for 3 nights from 2026-05-21"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("night of 2026-05-21"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("nothing written"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM change_log"), logBefore) << "a plan without --apply wrote something";
    // The same options give the same plan (bounded by iterations; only the time taken differs),
    // also with searches side by side (the default is one per core).
    const auto untimed = [](const std::string& text) { return text.substr(0, text.find(" iterations")); };
    EXPECT_EQ(untimed(admin(plan).out), untimed(dry.out));
    std::vector<std::string> threeSearches = plan;
    threeSearches.insert(threeSearches.end(), {"--threads", "3"});
    CliRun three = admin(threeSearches);
    ASSERT_EQ(three.code, admin::ExitOk) << three.err;
    EXPECT_NE(three.out.find("(the best of 3 searches)"), std::string::npos) << three.out;
    EXPECT_EQ(untimed(admin(threeSearches).out), untimed(three.out));

    // "plan for 3 nights from 2026-05-21: P of T orders placed"
    const auto of = dry.out.find(" of ");
    const auto colon = dry.out.find(": ");
    ASSERT_NE(of, std::string::npos);
    const std::int64_t placed = std::stoll(dry.out.substr(colon + 2, of - colon - 2));
    ASSERT_GT(placed, 0);

    std::vector<std::string> apply = plan;
    apply.push_back("--apply");
    CliRun applied = admin(apply);
    ASSERT_EQ(applied.code, admin::ExitOk) << applied.err;
    EXPECT_NE(applied.out.find("applied: "), std::string::npos);
    // Exactly the planned orders are scheduled in the window (work the plan left out went back to
    // ready), each with a crew, times and a route order; every write is in the change log.
    const std::string window = "status = 'scheduled' AND shift_date BETWEEN '2026-05-21' AND '2026-05-23'";
    EXPECT_EQ(count("SELECT COUNT(*) FROM work_order WHERE " + window), placed) << applied.out;
    EXPECT_EQ(count("SELECT COUNT(*) FROM work_order WHERE " + window +
                    " AND (crew_id IS NULL OR planned_start IS NULL OR planned_end IS NULL OR route_order IS NULL)"),
              0);
    EXPECT_GT(count("SELECT COUNT(*) FROM change_log"), logBefore);

    CliRun unknownCrew = admin({"plan", "--crews", "C-99"});
    EXPECT_EQ(unknownCrew.code, admin::ExitFailed);
    EXPECT_NE(unknownCrew.err.find("no crew has the code 'C-99'"), std::string::npos) << unknownCrew.err;
    EXPECT_EQ(admin({"plan", "--nights", "40"}).code, admin::ExitUsage);
    EXPECT_EQ(admin({"plan", "--closure", "late"}).code, admin::ExitUsage);
    EXPECT_EQ(admin({"plan", "--threads", "0"}).code, admin::ExitUsage);

    // The demo's flood-season programme is done by the demo's "now"; its sidewalk renewal still
    // has whole-night segments, which cannot fit a night with the drive out and back.
    CliRun forecast = admin({"programme", "forecast", "PG-2026-01", "--from", "2026-03-01", "--seconds", "1"});
    ASSERT_EQ(forecast.code, admin::ExitOk) << forecast.err;
    const std::string inlets =
        std::to_string(count("SELECT COUNT(*) FROM asset WHERE kind = 'storm_inlet' AND status = 'in_service'"));
    EXPECT_NE(forecast.out.find(": " + inlets + " assets, " + inlets + " done; 0 night-sized jobs"), std::string::npos)
        << forecast.out;
    EXPECT_NE(forecast.out.find("91 nights from 2026-03-01"), std::string::npos) << forecast.out;
    EXPECT_NE(forecast.out.find("nothing left to do"), std::string::npos) << forecast.out;
    CliRun renewal = admin({"programme", "forecast", "PG-2026-02", "--from", "2026-05-21", "--seconds", "1"});
    ASSERT_EQ(renewal.code, admin::ExitOk) << renewal.err;
    const std::string open = std::to_string(
        count("SELECT COUNT(*) FROM work_order o JOIN programme p ON p.id = o.programme_id WHERE p.code = "
              "'PG-2026-02' AND o.status IN ('draft', 'ready', 'scheduled', 'in_progress', 'on_hold')"));
    EXPECT_NE(renewal.out.find("(" + open + " open orders, 0 new batches)"), std::string::npos) << renewal.out;
    EXPECT_NE(renewal.out.find(" left out: it takes 8 h and "), std::string::npos) << renewal.out;
    EXPECT_EQ(admin({"programme", "forecast", "PG-NONE"}).code, admin::ExitFailed);
    EXPECT_EQ(admin({"programme", "forecast", "PG-2026-01", "--from", "2026-07-01"}).code, admin::ExitFailed);

    // A plan computed, then an order it places edited by someone else: applying writes nothing.
    auto db = m_scratch->open();
    UuidGenerator ids{m_clock, 1};
    store::Store st{*db, m_clock, ids};
    planning::PlanRequest request;
    request.from = Date{std::chrono::year{2026}, std::chrono::month{5}, std::chrono::day{24}};
    request.nights = 2;
    request.options.maxIterations = 2000;
    request.options.timeLimitMs = 1e9;
    auto outcome = planning::computePlan(st, request);
    ASSERT_TRUE(outcome.ok());
    ASSERT_FALSE(outcome->assignments.empty());
    const Uuid edited = outcome->assignments.begin()->first;
    auto changed = st.write([&](store::Tx& tx) -> Result<WorkOrder> {
        store::WorkOrderRepository repo;
        auto order = repo.get(tx, edited);
        if (!order) return order.error();
        order->title += " (改)";
        const auto version = order->meta.rowVersion;
        return repo.update(tx, std::move(*order), version);
    });
    ASSERT_TRUE(changed.ok());
    const std::int64_t logBeforeStale = count("SELECT COUNT(*) FROM change_log");
    const rules::Actor dispatcher{Uuid{}, Role::Dispatcher, std::nullopt};
    auto stale = st.write([&](store::Tx& tx) { return planning::applyPlan(tx, *outcome, dispatcher); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "plan_stale");
    EXPECT_EQ(stale.error().params.at("count"), "1");
    EXPECT_NE(stale.error().params.at("orders").find(changed->number), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM change_log"), logBeforeStale) << "a stale plan wrote something";
}

// Break out before pour: two crews could do both on the first night side by side, and the pour
// is due first, yet the pour starts only once the break-out has ended. An order that follows
// one on hold stays out of the plan and says why.
TEST_P(AdminCli, PlanPutsAnOrderAfterTheOneItFollowsAndHoldsBackOneThatWaits)
{
    using namespace std::chrono;
    ASSERT_EQ(admin({"migrate"}).code, admin::ExitOk);
    auto db = m_scratch->open();
    UuidGenerator ids{m_clock, 1};
    store::Store st{*db, m_clock, ids};
    auto written = st.write([&](store::Tx& tx) -> Status {
        for (const char* code : {"C-01", "C-02"})
            if (auto crew = store::CrewRepository{}.insert(tx, store::test::sampleCrew(code)); !crew) return crew.error();
        auto cover = store::AssetRepository{}.insert(tx, store::test::sampleInlet("YS-000001"));
        if (!cover) return cover.error();
        const struct {
            const char* number;
            const char* title;
            unsigned dueDay;
            WorkOrderStatus status;
        } orders[] = {{"WO-2026-000101", "破除下沉井圈", 23, WorkOrderStatus::Ready},
                      {"WO-2026-000102", "浇筑井圈混凝土", 21, WorkOrderStatus::Ready},
                      {"WO-2026-000103", "更换井盖（待料）", 21, WorkOrderStatus::OnHold},
                      {"WO-2026-000104", "恢复路面", 21, WorkOrderStatus::Ready}};
        for (const auto& o : orders) {
            WorkOrder w;
            w.number = o.number;
            w.title = o.title;
            w.type = WorkType::Repair;
            w.assetIds = {cover->id};
            w.estimatedMinutes = 300;
            w.requiredSkills = {"manhole"};
            w.dueDate = year{2026} / 5 / day{o.dueDay};
            w.status = o.status;
            if (o.status == WorkOrderStatus::OnHold) w.holdReason = "等待井盖到货";
            if (auto stored = store::WorkOrderRepository{}.insert(tx, std::move(w)); !stored) return stored.error();
        }
        return success();
    });
    ASSERT_TRUE(written.ok()) << written.error().code;
    CliRun follows = admin({"order", "follows", "WO-2026-000102", "WO-2026-000101"});
    ASSERT_EQ(follows.code, admin::ExitOk) << follows.err;
    EXPECT_EQ(follows.out, "WO-2026-000102 follows WO-2026-000101: no plan starts it before WO-2026-000101 has ended\n");
    ASSERT_EQ(admin({"order", "follows", "WO-2026-000104", "WO-2026-000103"}).code, admin::ExitOk);
    // Never a cycle, never an unknown order; neither writes anything.
    const std::int64_t logBefore = count("SELECT COUNT(*) FROM change_log");
    CliRun cycle = admin({"order", "follows", "WO-2026-000101", "WO-2026-000102"});
    EXPECT_EQ(cycle.code, admin::ExitFailed);
    EXPECT_NE(cycle.err.find("cycle: WO-2026-000101 → WO-2026-000102 → WO-2026-000101; nothing written"),
              std::string::npos)
        << cycle.err;
    CliRun itself = admin({"order", "follows", "WO-2026-000101", "WO-2026-000101"});
    EXPECT_EQ(itself.code, admin::ExitFailed);
    EXPECT_NE(itself.err.find("cycle: WO-2026-000101 → WO-2026-000101; nothing written"), std::string::npos)
        << itself.err;
    CliRun unknown = admin({"order", "follows", "WO-2026-000101", "WO-2026-999999"});
    EXPECT_EQ(unknown.code, admin::ExitFailed);
    EXPECT_NE(unknown.err.find("no work order has the number 'WO-2026-999999'"), std::string::npos) << unknown.err;
    EXPECT_EQ(admin({"order", "follows", "WO-2026-000101"}).code, admin::ExitUsage);
    EXPECT_EQ(count("SELECT COUNT(*) FROM change_log"), logBefore);

    CliRun applied = admin({"plan", "--from", "2026-05-21", "--nights", "3", "--iterations", "5000", "--seconds",
                            "120", "--apply"});
    ASSERT_EQ(applied.code, admin::ExitOk) << applied.err;
    EXPECT_NE(applied.out.find("2 of 3 orders placed, 1 unplaced"), std::string::npos) << applied.out;
    EXPECT_NE(applied.out.find("WO-2026-000104  P3  恢复路面: it must follow WO-2026-000103, which is not planned"),
              std::string::npos)
        << applied.out;
    const auto planned = [&](const char* column, const char* number) {
        return count(std::string("SELECT ") + column + " FROM work_order WHERE number = '" + number +
                     "' AND status = 'scheduled'");
    };
    EXPECT_GE(planned("planned_start", "WO-2026-000102"), planned("planned_end", "WO-2026-000101")) << applied.out;
    EXPECT_EQ(count("SELECT COUNT(*) FROM work_order WHERE number = 'WO-2026-000104' AND status = 'ready'"), 1);

    // Another pair: the break-out still to plan, its pour already scheduled for crew C-02 at
    // 22:30 on the first night, too early for any break-out. Planning crew C-01 alone leaves the
    // break-out out, so the pour goes back to ready as well. A plan computed before the pour
    // changed is stale, although the pour is not one of its orders.
    auto pair = st.write([&](store::Tx& tx) -> Status {
        auto c02 = store::sql::query(tx.session(), "SELECT id FROM crew WHERE code = 'C-02'", {}, {store::SqlType::Text});
        auto cover = store::sql::query(tx.session(), "SELECT id FROM asset", {}, {store::SqlType::Text});
        WorkOrder breakOut;
        breakOut.number = "WO-2026-000105";
        breakOut.title = "破除人行道";
        breakOut.assetIds = {*Uuid::parse(std::get<std::string>(cover.at(0).at(0)))};
        breakOut.estimatedMinutes = 120;
        breakOut.requiredSkills = {"manhole"};
        breakOut.status = WorkOrderStatus::Ready;
        auto first = store::WorkOrderRepository{}.insert(tx, breakOut);
        if (!first) return first.error();
        WorkOrder pour = breakOut;
        pour.number = "WO-2026-000106";
        pour.title = "浇筑人行道";
        pour.status = WorkOrderStatus::Scheduled;
        pour.followsId = first->id;
        const Date night = year{2026} / 5 / 21;
        pour.assignment = Assignment{*Uuid::parse(std::get<std::string>(c02.at(0).at(0))), night,
                                     CityTime{}.at(night, 22 * 60 + 30), CityTime{}.at(night, 24 * 60 + 30), 1};
        if (auto second = store::WorkOrderRepository{}.insert(tx, pour); !second) return second.error();
        return success();
    });
    ASSERT_TRUE(pair.ok()) << pair.error().code;
    planning::PlanRequest request;
    request.from = year{2026} / 5 / 21;
    request.nights = 2;
    request.crewCodes = {"C-01"};
    request.options.maxIterations = 2000;
    request.options.timeLimitMs = 1e9;
    auto outcome = planning::computePlan(st, request);
    ASSERT_TRUE(outcome.ok());
    auto touched = st.write([&](store::Tx& tx) -> Status {
        store::WorkOrderRepository repo;
        auto rows = store::sql::query(tx.session(), "SELECT id FROM work_order WHERE number = 'WO-2026-000106'", {},
                                      {store::SqlType::Text});
        auto pour = repo.get(tx, *Uuid::parse(std::get<std::string>(rows.at(0).at(0))));
        if (!pour) return pour.error();
        pour->description = "混凝土 C30";
        const auto version = pour->meta.rowVersion;
        if (auto updated = repo.update(tx, std::move(*pour), version); !updated) return updated.error();
        return success();
    });
    ASSERT_TRUE(touched.ok());
    const rules::Actor dispatcher{Uuid{}, Role::Dispatcher, std::nullopt};
    auto stale = st.write([&](store::Tx& tx) { return planning::applyPlan(tx, *outcome, dispatcher); });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, "plan_stale");
    EXPECT_EQ(stale.error().params.at("orders"), "WO-2026-000106");

    CliRun alone = admin({"plan", "--from", "2026-05-21", "--nights", "2", "--crews", "C-01", "--iterations", "2000",
                          "--seconds", "120", "--apply"});
    ASSERT_EQ(alone.code, admin::ExitOk) << alone.err;
    EXPECT_NE(alone.out.find("WO-2026-000105  P3  破除人行道: "), std::string::npos) << alone.out;
    EXPECT_EQ(count("SELECT COUNT(*) FROM work_order WHERE number = 'WO-2026-000106' AND status = 'ready' AND "
                    "crew_id IS NULL"),
              1)
        << alone.out;
    EXPECT_EQ(count("SELECT COUNT(*) FROM work_order WHERE number = 'WO-2026-000105' AND status = 'ready'"), 1);
}

TEST_P(AdminCli, ProgrammeBatchCreatesNumberedOrdersOnceAndTheForecastCountsThem)
{
    ASSERT_EQ(admin({"migrate"}).code, admin::ExitOk);
    {
        // Two streets of inlets 40 m apart (one minute's creep at 15 km/h): 30 on one, 10 on the
        // other. At 12 minutes an inlet and 30 of set-up, a 300-minute batch holds 20 inlets.
        auto db = m_scratch->open();
        UuidGenerator ids{m_clock, 7};
        store::Store st{*db, m_clock, ids};
        auto written = st.write([&](store::Tx& tx) -> Status {
            store::StreetRepository streets;
            store::AssetRepository assets;
            const std::vector<std::pair<std::string, int>> plan{{"太行东街", 30}, {"中华北大街", 10}};
            for (std::size_t s = 0; s < plan.size(); ++s) {
                auto street = streets.insert(tx, store::test::sampleStreet(plan[s].first));
                if (!street) return street.error();
                for (int i = 0; i < plan[s].second; ++i) {
                    Asset inlet = store::test::sampleInlet("YS-" + std::to_string(s) + "-" + std::to_string(100 + i),
                                                           street->id);
                    inlet.chainageFromM = 40.0 * i;
                    inlet.chainageToM = 40.0 * i + 0.5;
                    inlet.geometry = {{114.48 + 0.00044 * i, 36.61 + 0.01 * static_cast<double>(s)}};
                    if (auto a = assets.insert(tx, std::move(inlet)); !a) return a.error();
                }
            }
            if (auto crew = store::CrewRepository{}.insert(tx, store::test::sampleCrew("C-01")); !crew)
                return crew.error();
            Programme programme;
            programme.code = "PG-T";
            programme.name = "汛前清掏";
            programme.assetKind = AssetKind::StormInlet;
            programme.districts = {"丛台区"};
            programme.deadline = Date{std::chrono::year{2026} / 6 / 1};
            if (auto p = store::ProgrammeRepository{}.insert(tx, std::move(programme)); !p) return p.error();
            return success();
        });
        ASSERT_TRUE(written.ok()) << written.error().code;
    }
    const std::string ofProgramme =
        "SELECT COUNT(*) FROM work_order o JOIN programme p ON p.id = o.programme_id WHERE p.code = 'PG-T'";

    const std::int64_t logBefore = count("SELECT COUNT(*) FROM change_log");
    CliRun dry = admin({"programme", "batch", "PG-T"});
    ASSERT_EQ(dry.code, admin::ExitOk) << dry.err;
    EXPECT_NE(dry.out.find("PG-T 汛前清掏: 40 assets, 0 done, 0 in 0 open orders, 40 to batch"), std::string::npos)
        << dry.out;
    EXPECT_NE(dry.out.find("3 batches"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("  20 assets  289 min  太行东街"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("nothing written"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM change_log"), logBefore) << "a dry run wrote something";

    CliRun applied = admin({"programme", "batch", "PG-T", "--apply"});
    ASSERT_EQ(applied.code, admin::ExitOk) << applied.err;
    EXPECT_NE(applied.out.find("created 3 work orders, WO-2026-"), std::string::npos) << applied.out;
    EXPECT_EQ(count(ofProgramme + " AND o.status = 'ready' AND o.number LIKE 'WO-2026-______'"), 3);
    EXPECT_EQ(count("SELECT COUNT(DISTINCT a.asset_id) FROM work_order_asset a JOIN work_order o ON o.id = "
                    "a.work_order_id JOIN programme p ON p.id = o.programme_id WHERE p.code = 'PG-T'"),
              40);
    EXPECT_EQ(count(ofProgramme + " AND o.title = '汛前清掏 太行东街 1/2' AND o.estimated_minutes = 289 AND "
                                  "o.type = 'cleaning' AND o.traffic_impact = 'lane_closure' AND o.due_date = '2026-06-01'"),
              1);
    EXPECT_EQ(count(ofProgramme + " AND o.title = '汛前清掏 中华北大街'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM change_log") - logBefore, 3) << "one change per order created";

    // Running it again batches nothing: every asset is in an open order.
    CliRun again = admin({"programme", "batch", "PG-T", "--apply"});
    ASSERT_EQ(again.code, admin::ExitOk) << again.err;
    EXPECT_NE(again.out.find("40 in 3 open orders, 0 to batch"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("nothing to batch"), std::string::npos) << again.out;
    EXPECT_EQ(count(ofProgramme), 3);

    // Done work counts as done; cancelled work is batched again; the forecast plans what is left.
    {
        auto db = m_scratch->open();
        auto session = db->session();
        store::sql::execute(session, "UPDATE work_order SET status = 'completed' WHERE title = '汛前清掏 太行东街 1/2'");
        store::sql::execute(session, "UPDATE work_order SET status = 'cancelled' WHERE title = '汛前清掏 中华北大街'");
    }
    CliRun left = admin({"programme", "batch", "PG-T"});
    ASSERT_EQ(left.code, admin::ExitOk) << left.err;
    EXPECT_NE(left.out.find("40 assets, 20 done, 10 in 1 open orders, 10 to batch"), std::string::npos) << left.out;
    CliRun forecast = admin({"programme", "forecast", "PG-T", "--from", "2026-05-20", "--seconds", "1"});
    ASSERT_EQ(forecast.code, admin::ExitOk) << forecast.err;
    EXPECT_NE(forecast.out.find("40 assets, 20 done; 2 night-sized jobs to plan (1 open orders, 1 new batches)"),
              std::string::npos)
        << forecast.out;
    EXPECT_NE(forecast.out.find("crews: C-01; 12 nights from 2026-05-20"), std::string::npos) << forecast.out;
    EXPECT_NE(forecast.out.find("finishes on the night of 2026-05-2"), std::string::npos) << forecast.out;
    // Inlet batches close a lane: with a one-hour closure window neither job fits, and the forecast
    // says why (it used to plan them as if nothing closed).
    CliRun narrow = admin(
        {"programme", "forecast", "PG-T", "--from", "2026-05-20", "--seconds", "1", "--closure", "23:00-00:00"});
    ASSERT_EQ(narrow.code, admin::ExitOk) << narrow.err;
    EXPECT_NE(narrow.out.find("does not finish before the deadline: 0 of 2 jobs fit"), std::string::npos)
        << narrow.out;
    EXPECT_NE(narrow.out.find("2 left out: its closure takes "), std::string::npos) << narrow.out;
    EXPECT_NE(narrow.out.find("the closure window is 1 h\n"), std::string::npos) << narrow.out;
    EXPECT_EQ(admin({"programme", "forecast", "PG-T", "--closure", "night"}).code, admin::ExitUsage);

    // A closed programme shows what is left but gets no new orders.
    {
        auto db = m_scratch->open();
        auto session = db->session();
        store::sql::execute(session, "UPDATE programme SET status = 'closed' WHERE code = 'PG-T'");
    }
    CliRun closed = admin({"programme", "batch", "PG-T", "--apply"});
    EXPECT_EQ(closed.code, admin::ExitFailed);
    EXPECT_NE(closed.err.find("programme PG-T is closed; nothing written"), std::string::npos) << closed.err;
    EXPECT_EQ(count(ofProgramme), 3);

    CliRun unknown = admin({"programme", "batch", "PG-NONE"});
    EXPECT_EQ(unknown.code, admin::ExitFailed);
    EXPECT_NE(unknown.err.find("no programme has the code 'PG-NONE'"), std::string::npos) << unknown.err;
    EXPECT_EQ(admin({"programme", "batch"}).code, admin::ExitUsage);
    EXPECT_EQ(admin({"programme", "batch", "PG-T", "--batch-minutes", "5"}).code, admin::ExitUsage);
}

} // namespace

YANGHU_BOTH_BACKENDS(AdminCli);
