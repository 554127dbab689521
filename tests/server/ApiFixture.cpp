// SPDX-License-Identifier: MIT
#include "ApiFixture.h"

#include "auth/PasswordHasher.h"
#include "store/AssetRepository.h"
#include "store/CrewRepository.h"
#include "store/DefectReportRepository.h"
#include "store/Migrator.h"
#include "store/Sql.h"
#include "store/StreetRepository.h"
#include "store/UserRepository.h"
#include "store/WorkOrderRepository.h"

#include <chrono>
#include <string_view>

#include <unistd.h>

namespace yanghu::servertest {

using namespace std::chrono;

namespace {

Street makeStreet(const std::string& name, const std::string& district, double lon)
{
    Street s;
    s.name = name;
    s.district = district;
    s.centreline = {{lon, 36.61}, {lon + 0.01, 36.61}};
    s.lengthM = 890;
    return s;
}

Asset makeAsset(AssetKind kind, const std::string& code, const Street& street, double lon)
{
    Asset a;
    a.kind = kind;
    a.code = code;
    a.streetId = street.id;
    a.side = StreetSide::Left;
    a.chainageFromM = 10;
    a.chainageToM = 10;
    a.geometry = {{lon, 36.61}};
    a.status = AssetStatus::InService;
    a.attributes = defaultAttributes(kind);
    return a;
}

Crew makeCrew(const std::string& code, const std::string& district)
{
    Crew c;
    c.code = code;
    c.name = "养护" + code + "班";
    c.district = district;
    c.skills = {"inlet_cleaning", "manhole"};
    c.equipment = {"vactor_truck"};
    c.size = 4;
    c.depotName = district + "养护站";
    c.depot = GeoPoint{114.47, 36.62};
    return c;
}

WorkOrder makeOrder(const std::string& number, const Asset& asset, const Crew& crew)
{
    WorkOrder w;
    w.number = number;
    w.title = "清掏雨水口 " + asset.code;
    w.type = WorkType::Cleaning;
    w.assetIds = {asset.id};
    w.priority = 2;
    w.estimatedMinutes = 45;
    w.status = WorkOrderStatus::Scheduled;
    w.assignment.crewId = crew.id;
    w.assignment.shiftDate = year{2026} / 5 / 21;
    return w;
}

} // namespace

void ApiTest::SetUp()
{
    m_scratch = std::make_unique<store::test::ScratchDatabase>(GetParam());
    if (!m_scratch->skipReason().empty()) GTEST_SKIP() << m_scratch->skipReason();
    m_db = m_scratch->open();
    auto migrated = store::Migrator(*m_db, m_clock).migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.error().code;
    m_store = std::make_unique<store::Store>(*m_db, m_clock, m_ids);

    const server::PasswordHasher hasher(server::PasswordHasher::Cost::Minimal);
    auto seeded = m_store->write([&](store::Tx& tx) -> Status {
        streetA = makeStreet("太行东街", "丛台区", 114.48);
        streetB = makeStreet("人民路", "邯山区", 114.50);
        std::vector<Street> streets{streetA, streetB};
        store::StreetRepository().insertMany(tx, streets);
        streetA = streets[0];
        streetB = streets[1];
        std::vector<Crew> crews{makeCrew("C-01", "丛台区"), makeCrew("C-02", "邯山区")};
        store::CrewRepository().insertMany(tx, crews);
        crewA = crews[0];
        crewB = crews[1];
        std::vector<Asset> assets{makeAsset(AssetKind::StormInlet, "YS-A1", streetA, 114.481),
                                  makeAsset(AssetKind::StormInlet, "YS-A2", streetA, 114.482),
                                  makeAsset(AssetKind::StormInlet, "YS-B1", streetB, 114.501),
                                  makeAsset(AssetKind::Manhole, "MH-A1", streetA, 114.483)};
        store::AssetRepository().insertMany(tx, assets);
        inletA1 = assets[0];
        inletA2 = assets[1];
        inletB1 = assets[2];
        manholeA1 = assets[3];
        std::vector<User> list;
        auto user = [&](const std::string& name, Role role, std::optional<Uuid> crew) {
            User u;
            u.username = name;
            u.displayName = name;
            u.role = role;
            u.crewId = crew;
            u.passwordHash = hasher.hash("pw-" + name);
            list.push_back(u);
        };
        user("admin", Role::Admin, std::nullopt);
        user("dispatcher", Role::Dispatcher, std::nullopt);
        user("supervisor", Role::Supervisor, std::nullopt);
        user("crew_a", Role::FieldCrew, crewA.id);
        user("crew_b", Role::FieldCrew, crewB.id);
        store::UserRepository().insertMany(tx, list);
        for (const auto& u : list) users[u.username] = u;
        std::vector<WorkOrder> orders{makeOrder("WO-2026-000001", inletA1, crewA), makeOrder("WO-2026-000002", inletB1, crewB)};
        store::WorkOrderRepository().insertMany(tx, orders);
        woA = orders[0];
        woB = orders[1];
        DefectReport d;
        d.category = DefectCategory::CloggedInlet;
        d.severity = 3;
        d.assetId = inletA1.id;
        d.location = GeoPoint{114.481, 36.61};
        d.description = "雨水口堵塞";
        d.reportedAt = m_clock.now();
        d.reportedBy = users["crew_a"].id;
        std::vector<DefectReport> defects{d};
        store::DefectReportRepository().insertMany(tx, defects);
        defectA = defects[0];
        return success();
    });
    ASSERT_TRUE(seeded.ok()) << seeded.error().code;
    restartServer();
}

void ApiTest::restartServer(const std::map<std::string, std::string>& env, const std::vector<std::string>& extraArgs)
{
    m_client.reset();
    std::vector<std::string> args;
    if (GetParam() == Backend::PostgreSQL) {
        if (m_pgPhotoDir.empty())
            m_pgPhotoDir = std::filesystem::temp_directory_path() /
                           ("yanghu-photos-" + std::to_string(::getpid()) + "-" + m_ids.next().toString());
        args = {"--photos-dir", m_pgPhotoDir.string()};
    }
    args.insert(args.end(), extraArgs.begin(), extraArgs.end());
    m_server = std::make_unique<ServerProcess>(m_scratch->url(), args, env);
    m_client = std::make_unique<HttpClient>(m_server->port());
    m_tokens.clear();
    for (const auto& [name, u] : users) m_tokens[name] = m_client->login(name, "pw-" + name);
}

void ApiTest::TearDown()
{
    if (HasFailure() && m_server) std::cerr << "---- yanghu-server log ----\n" << m_server->log() << "---- end ----\n";
    m_client.reset();
    m_server.reset();
    m_store.reset();
    m_db.reset();
    m_scratch.reset();
    if (!m_pgPhotoDir.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(m_pgPhotoDir, ignored);
    }
}

std::filesystem::path ApiTest::photoDir() const
{
    if (!m_pgPhotoDir.empty()) return m_pgPhotoDir;
    return std::filesystem::path(m_scratch->url().substr(std::string_view("sqlite:").size()) + ".photos");
}

std::string ApiTest::databaseDigest()
{
    // Every table's full content, each value as text, rows in primary-key order: equal digests
    // mean equal data. Sessions are left out (the test's own logins write them).
    const bool sqlite = m_db->dialect() == store::Dialect::SQLite;
    auto session = m_db->session();
    const auto tables = store::sql::query(
        session,
        sqlite ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
               : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name",
        {}, {store::SqlType::Text});
    std::string digest;
    for (const auto& t : tables) {
        const auto& table = std::get<std::string>(t[0]);
        if (table == "auth_session") continue;
        const auto columns = store::sql::query(
            session,
            sqlite ? "SELECT name FROM pragma_table_info(?) ORDER BY cid"
                   : "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND "
                     "table_name = ? ORDER BY ordinal_position",
            {table}, {store::SqlType::Text});
        std::string select;
        std::vector<store::SqlType> types;
        for (const auto& c : columns) {
            select += (select.empty() ? "" : ", ") + std::string("CAST(") + std::get<std::string>(c[0]) + " AS TEXT)";
            types.push_back(store::SqlType::Text);
        }
        digest += "[" + table + "]\n";
        for (const auto& row : store::sql::query(session, "SELECT " + select + " FROM " + table + " ORDER BY 1", {}, types)) {
            for (const auto& v : row) digest += (std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : "NULL") + "|";
            digest += "\n";
        }
    }
    return digest;
}

std::set<std::string> fieldErrors(const HttpResponse& r)
{
    std::set<std::string> out;
    const auto body = r.json(); // kept: a range-for over a member of a temporary would dangle
    for (const auto& e : body["errors"]) out.insert(e["field"].get<std::string>() + ":" + e["code"].get<std::string>());
    return out;
}

} // namespace yanghu::servertest
