// SPDX-License-Identifier: MIT
#include "admin/AdminCli.h"

#include "admin/Args.h"
#include "admin/DemoCityWriter.h"
#include "api/WorkRoutes.h"
#include "auth/PasswordHasher.h"
#include "auth/SessionStore.h"
#include "planning/Planning.h"
#include "store/AssetRepository.h"
#include "store/ChangeFeed.h"
#include "store/CrewRepository.h"
#include "store/Database.h"
#include "store/Migrator.h"
#include "store/Sql.h"
#include "store/Store.h"
#include "store/StreetRepository.h"
#include "store/UserRepository.h"
#include "store/WorkOrderRepository.h"
#include "transfer/AssetExporter.h"
#include "transfer/AssetImporter.h"
#include "Version.h"
#include "yanghu/core/Time.h"
#include "yanghu/core/rules/ErrorCodes.h"
#include "yanghu/core/rules/Shifts.h"
#include "yanghu/core/rules/Validation.h"
#include "yanghu/core/wire/Codec.h"

#include <Poco/Exception.h>
#include <Poco/Process.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <iterator>
#include <limits>
#include <thread>

namespace yanghu::admin {
namespace {

constexpr const char* defaultDb = "sqlite:data/yanghu.db";

// An expected failure of a command: printed as "yanghu-admin: <message>", exit 1.
struct Failure {
    std::string message;
};

// Core errors carry codes, not sentences; this is the command line's rendering of them.
std::string describe(const Error& error)
{
    std::ostringstream s;
    s << error.code;
    for (const auto& [k, v] : error.params) s << ' ' << k << '=' << v;
    for (const auto& f : error.fields) {
        s << "\n  " << (f.field.empty() ? "(row)" : f.field) << ": " << f.code;
        for (const auto& [k, v] : f.params) s << ' ' << k << '=' << v;
    }
    return s.str();
}

// By reference, not by value: moving a Result<std::vector<...>> into a by-value parameter
// makes GCC 12 at -O2 warn (maybe-uninitialized) about the parameter's variant storage.
template <class T>
T unwrap(Result<T>&& result)
{
    if (!result.ok()) throw Failure{describe(result.error())};
    return std::move(result).value();
}

template <class T>
T unwrap(const Result<T>& result)
{
    if (!result.ok()) throw Failure{describe(result.error())};
    return result.value();
}

// An open, migrated central database and a store over it.
struct Session {
    std::unique_ptr<store::Database> database;
    UuidGenerator ids;
    store::Store store;

    Session(const std::string& url, const Clock& clock)
        : database(open(url)), ids(clock), store(*database, clock, ids)
    {
    }
    static std::unique_ptr<store::Database> open(const std::string& url)
    {
        try {
            return store::Database::open(url);
        } catch (const std::exception& e) {
            throw Failure{e.what()};
        }
    }
};

struct Context {
    AdminIo& io;
    std::string dbUrl;
    std::vector<std::string> words; // after the command (and sub-command) names

    // Opens the database and brings its schema up to date (refusing one that is newer).
    std::unique_ptr<Session> open(bool report = false)
    {
        auto owned = std::make_unique<Session>(dbUrl, io.clock);
        Session& session = *owned;
        store::Migrator migrator{*session.database, io.clock};
        auto result = migrator.migrate();
        if (!result.ok()) {
            const Error& e = result.error();
            if (e.code == "schema_too_new")
                throw Failure{"the database " + session.database->displayUrl() + " has schema version " +
                              e.params.at("database") + ", newer than this yanghu-admin knows (" +
                              e.params.at("binary") + "); use a newer yanghu-admin"};
            throw Failure{describe(e)};
        }
        if (report) {
            if (result->applied.empty())
                io.out << "schema is current at version " << result->toVersion << "\n";
            else
                io.out << "migrated " << session.database->displayUrl() << " from version " << result->fromVersion
                       << " to " << result->toVersion << "\n";
        }
        return owned;
    }
};

struct Command {
    std::string name; // "user add"
    std::string usage;
    std::string help;
    std::function<int(Context&)> run;
};

std::string readPassword(Context& ctx, const Args& args)
{
    if (auto p = args.value("password")) return *p;
    if (!args.flag("password-stdin")) throw UsageError{"give --password-stdin (recommended) or --password"};
    std::string line;
    if (!std::getline(ctx.io.in, line)) throw Failure{"no password on standard input"};
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() < 8) throw Failure{"the password must have at least 8 characters"};
    return line;
}

constexpr const char* roleChoices = "field_crew, dispatcher, supervisor, admin";
constexpr const char* kindChoices = "sidewalk_segment, storm_inlet, manhole, pipe_segment, bridge";

// The enum named by --option, nullopt when the option is absent; a name that is not one of
// `choices` is a usage error.
template <class E>
std::optional<E> enumOption(const Args& args, const std::string& option, const char* choices)
{
    auto name = args.value(option);
    if (!name) return std::nullopt;
    auto value = enumFromName<E>(*name);
    if (!value) throw UsageError{"unknown " + option + " '" + *name + "' (" + choices + ")"};
    return value;
}

std::vector<std::string> splitList(const std::string& text)
{
    std::vector<std::string> out;
    std::stringstream s(text);
    for (std::string item; std::getline(s, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

std::optional<Crew> findCrew(store::Tx& tx, const std::string& code)
{
    store::CrewRepository repo;
    for (auto& crew : unwrap(store::listAll<Crew>(tx, repo, store::CrewFilter{})))
        if (crew.code == code) return crew;
    return std::nullopt;
}

int cmdMigrate(Context& ctx)
{
    Args args{ctx.words, {}};
    if (!args.positionals().empty()) throw UsageError{"migrate takes no arguments"};
    ctx.open(true);
    return ExitOk;
}

void printCounts(Context& ctx, store::Tx& tx, const std::string& label, const std::string& sqlText)
{
    auto rows = store::sql::query(tx.session(), sqlText, {}, {store::SqlType::Text, store::SqlType::Int});
    for (const auto& row : rows)
        ctx.io.out << "  " << std::left << std::setw(34) << (label + "." + std::get<std::string>(row[0])) << ' '
                   << std::get<std::int64_t>(row[1]) << "\n";
}

int cmdSummary(Context& ctx)
{
    Args args{ctx.words, {}};
    if (!args.positionals().empty()) throw UsageError{"summary takes no arguments"};
    auto owned = ctx.open();
    Session& s = *owned;
    ctx.io.out << "database " << s.database->displayUrl() << " (schema "
               << store::Migrator{*s.database, ctx.io.clock}.currentVersion() << ")\n";
    auto status = s.store.read([&](store::Tx& tx) -> Status {
        auto total = [&](const char* table) {
            auto rows = store::sql::query(tx.session(), std::string("SELECT COUNT(*) FROM ") + table +
                                          " WHERE deleted = 0", {}, {store::SqlType::Int});
            return std::get<std::int64_t>(rows.at(0).at(0));
        };
        for (const char* table : {"street", "crew", "app_user", "programme"})
            ctx.io.out << "  " << std::left << std::setw(34) << table << ' ' << total(table) << "\n";
        printCounts(ctx, tx, "asset", "SELECT kind, COUNT(*) FROM asset WHERE deleted = 0 GROUP BY kind ORDER BY kind");
        printCounts(ctx, tx, "defect_report",
                    "SELECT status, COUNT(*) FROM defect_report WHERE deleted = 0 GROUP BY status ORDER BY status");
        printCounts(ctx, tx, "work_order",
                    "SELECT status, COUNT(*) FROM work_order WHERE deleted = 0 GROUP BY status ORDER BY status");
        printCounts(ctx, tx, "app_user", "SELECT role, COUNT(*) FROM app_user WHERE deleted = 0 GROUP BY role ORDER BY role");
        return success();
    });
    unwrap(status);
    return ExitOk;
}

int cmdDemoCity(Context& ctx)
{
    Args args{ctx.words, {"scale", "seed", "now"}};
    if (!args.positionals().empty()) throw UsageError{"demo-city takes only --scale, --seed and --now"};
    demo::DemoOptions options;
    options.scale = static_cast<int>(args.integer("scale", 1, 1, 100));
    options.seed = static_cast<std::uint64_t>(args.integer("seed", static_cast<long long>(options.seed), 1,
                                                           std::numeric_limits<long long>::max()));
    if (auto now = args.value("now")) {
        auto at = parseInstant(*now);
        if (!at) throw UsageError{"--now '" + *now + "' is not an RFC 3339 time (2026-05-20T02:00:00Z)"};
        options.now = *at;
    }
    auto owned = ctx.open();
    Session& s = *owned;
    ctx.io.out << "generating the demo city (scale " << options.scale << ", seed " << options.seed << ")\n";
    demo::DemoCity city = demo::generateDemoCity(options);
    auto status = writeDemoCity(s.store, city, ctx.io.cheapHashes);
    if (!status.ok() && status.error().code == "not_empty")
        throw Failure{"the database already holds " + status.error().params.at("rows") + " rows in " +
                      status.error().params.at("table") + "; demo-city only writes into an empty database"};
    unwrap(std::move(status));
    ctx.io.out << demo::formatSummary(city);
    ctx.io.out << "demo logins (username / password / role):\n";
    std::set<std::string> crewShown;
    for (const auto& login : city.logins) {
        // One example per crew keeps the list readable; every crew member has the same scheme.
        if (login.role == Role::FieldCrew) {
            std::string crewPart = login.username.substr(0, login.username.find('-'));
            if (!crewShown.insert(crewPart).second) continue;
        }
        ctx.io.out << "  " << std::left << std::setw(14) << login.username << ' ' << std::setw(16) << login.password
                   << ' ' << enumName(login.role) << "\n";
    }
    return ExitOk;
}

int cmdUserAdd(Context& ctx)
{
    Args args{ctx.words, {"role", "name", "crew", "password"}, {"password-stdin"}};
    if (args.positionals().size() != 1) throw UsageError{"user add needs exactly one USERNAME"};
    auto role = enumOption<Role>(args, "role", roleChoices);
    if (!role) throw UsageError{std::string("user add needs --role (") + roleChoices + ")"};
    std::string password = readPassword(ctx, args);
    auto owned = ctx.open();
    Session& s = *owned;
    User user;
    user.id = s.ids.next();
    user.username = args.positionals()[0];
    user.displayName = args.value("name", user.username);
    user.role = *role;
    user.passwordHash = server::PasswordHasher{ctx.io.cheapHashes ? server::PasswordHasher::Cost::Minimal
                                                                  : server::PasswordHasher::Cost::Interactive}
                            .hash(password);
    auto created = s.store.write([&](store::Tx& tx) -> Result<User> {
        if (auto crewCode = args.value("crew")) {
            auto crew = findCrew(tx, *crewCode);
            if (!crew) return Error::of("not_found", {{"crew", *crewCode}});
            user.crewId = crew->id;
        }
        if (auto errors = rules::validateUser(user); !errors.empty()) return Error::validation(errors);
        store::UserRepository repo;
        if (repo.findByUsername(tx, user.username).ok())
            return Error::of("duplicate", {{"field", "username"}, {"value", user.username}});
        return repo.insert(tx, user);
    });
    User u = unwrap(std::move(created));
    ctx.io.out << "created user " << u.username << " (" << enumName(u.role) << ") " << u.id.toString() << "\n";
    return ExitOk;
}

int cmdUserList(Context& ctx)
{
    Args args{ctx.words, {"role"}};
    store::UserFilter filter;
    filter.role = enumOption<Role>(args, "role", roleChoices);
    auto owned = ctx.open();
    Session& s = *owned;
    auto status = s.store.read([&](store::Tx& tx) -> Status {
        store::UserRepository users;
        store::CrewRepository crews;
        std::map<Uuid, std::string> crewCodes;
        for (auto& c : unwrap(store::listAll<Crew>(tx, crews, store::CrewFilter{}))) crewCodes[c.id] = c.code;
        for (auto& u : unwrap(store::listAll<User>(tx, users, filter)))
            ctx.io.out << std::left << std::setw(16) << u.username << ' ' << std::setw(11) << enumName(u.role) << ' '
                       << std::setw(6) << (u.crewId ? crewCodes[*u.crewId] : "-") << ' '
                       << (u.active ? "" : "(inactive) ") << u.displayName << "\n";
        return success();
    });
    unwrap(std::move(status));
    return ExitOk;
}

int cmdUserPasswd(Context& ctx)
{
    Args args{ctx.words, {"password"}, {"password-stdin"}};
    if (args.positionals().size() != 1) throw UsageError{"user passwd needs exactly one USERNAME"};
    std::string password = readPassword(ctx, args);
    auto owned = ctx.open();
    Session& s = *owned;
    std::string hash = server::PasswordHasher{ctx.io.cheapHashes ? server::PasswordHasher::Cost::Minimal
                                                                 : server::PasswordHasher::Cost::Interactive}
                           .hash(password);
    auto updated = s.store.write([&](store::Tx& tx) -> Result<User> {
        store::UserRepository repo;
        auto user = repo.findByUsername(tx, args.positionals()[0]);
        if (!user.ok()) return user.error();
        User u = user.value();
        u.passwordHash = hash;
        // Whoever knew the old password may hold a token: every session ends with it.
        server::SessionStore::endAllSessions(tx, u.id);
        return repo.update(tx, u, u.meta.rowVersion);
    });
    unwrap(std::move(updated));
    ctx.io.out << "password changed for " << args.positionals()[0] << "\n";
    return ExitOk;
}

int cmdCrewAdd(Context& ctx)
{
    Args args{ctx.words, {"name", "district", "skills", "equipment", "size", "depot"}};
    if (args.positionals().size() != 1) throw UsageError{"crew add needs exactly one CODE"};
    auto owned = ctx.open();
    Session& s = *owned;
    Crew crew;
    crew.id = s.ids.next();
    crew.code = args.positionals()[0];
    crew.name = args.value("name", crew.code);
    crew.district = args.value("district", "");
    crew.skills = splitList(args.value("skills", ""));
    crew.equipment = splitList(args.value("equipment", ""));
    crew.size = static_cast<int>(args.integer("size", 4, 1, 50));
    crew.depotName = args.value("depot", "");
    auto created = s.store.write([&](store::Tx& tx) -> Result<Crew> {
        if (auto errors = rules::validateCrew(crew); !errors.empty()) return Error::validation(errors);
        if (findCrew(tx, crew.code)) return Error::of("duplicate", {{"field", "code"}, {"value", crew.code}});
        return store::CrewRepository{}.insert(tx, crew);
    });
    Crew c = unwrap(std::move(created));
    ctx.io.out << "created crew " << c.code << " " << c.name << " " << c.id.toString() << "\n";
    return ExitOk;
}

int cmdCrewList(Context& ctx)
{
    Args args{ctx.words, {"district"}};
    store::CrewFilter filter;
    if (auto d = args.value("district")) filter.district = *d;
    auto owned = ctx.open();
    Session& s = *owned;
    auto status = s.store.read([&](store::Tx& tx) -> Status {
        store::CrewRepository repo;
        for (auto& c : unwrap(store::listAll<Crew>(tx, repo, filter))) {
            std::string skills;
            for (const auto& k : c.skills) skills += (skills.empty() ? "" : ",") + k;
            ctx.io.out << std::left << std::setw(8) << c.code << ' ' << std::setw(3) << c.size << ' ' << std::setw(10)
                       << c.district << ' ' << std::setw(28) << skills << ' ' << c.name << "\n";
        }
        return success();
    });
    unwrap(std::move(status));
    return ExitOk;
}

transfer::ImportFormat formatFor(const std::string& path)
{
    auto ext = std::filesystem::path(path).extension().string();
    for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return (ext == ".geojson" || ext == ".json") ? transfer::ImportFormat::GeoJson : transfer::ImportFormat::Csv;
}

void printIssue(std::ostream& out, const transfer::ImportIssue& issue)
{
    out << "  " << (issue.lineOrFeature == 0 ? std::string("file") : "#" + std::to_string(issue.lineOrFeature)) << ' '
        << (issue.field.empty() ? "(row)" : issue.field) << ": " << issue.code;
    for (const auto& [k, v] : issue.params) out << ' ' << k << '=' << v;
    out << "\n";
}

int cmdImportAssets(Context& ctx)
{
    Args args{ctx.words, {"kind", "map", "max-issues"}, {"dry-run"}};
    if (args.positionals().size() != 1) throw UsageError{"import assets needs exactly one FILE"};
    const std::string path = args.positionals()[0];
    auto owned = ctx.open();
    Session& s = *owned;
    transfer::ImportOptions options{s.ids};
    options.kind = enumOption<AssetKind>(args, "kind", kindChoices);
    if (auto mapPath = args.value("map")) {
        std::ifstream mapFile(*mapPath, std::ios::binary);
        if (!mapFile) throw Failure{"cannot read the mapping file " + *mapPath};
        std::stringstream text;
        text << mapFile.rdbuf();
        auto json = wire::parse(text.str());
        if (!json.ok()) throw Failure{"the mapping file " + *mapPath + " is not valid JSON: " + describe(json.error())};
        options.mapping = json.value();
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) throw Failure{"cannot read " + path};
    auto streets = s.store.read([&](store::Tx& tx) -> Result<std::vector<Street>> {
        store::StreetRepository repo;
        return store::listAll<Street>(tx, repo, store::StreetFilter{});
    });
    for (const auto& street : unwrap(std::move(streets))) options.streetIdsByName[street.name] = street.id;

    transfer::ImportResult result = transfer::importAssets(file, formatFor(path), options);
    if (result.fileError) {
        ctx.io.err << "yanghu-admin: " << path << " was not imported; nothing was written:\n";
        printIssue(ctx.io.err, *result.fileError);
        return ExitFailed;
    }
    auto maxIssues = static_cast<std::size_t>(args.integer("max-issues", 50, 0, 1'000'000));
    for (std::size_t i = 0; i < result.issues.size() && i < maxIssues; ++i) printIssue(ctx.io.err, result.issues[i]);
    if (result.issues.size() > maxIssues)
        ctx.io.err << "  ... and " << result.issues.size() - maxIssues << " more (--max-issues N shows more)\n";
    ctx.io.out << path << " (mapping " << result.mappingName << "): " << result.read << " read, " << result.accepted
               << " accepted, " << result.rejected << " rejected\n";
    if (args.flag("dry-run")) {
        ctx.io.out << "dry run: nothing written\n";
        return ExitOk;
    }
    auto counts = s.store.write([&](store::Tx& tx) { return store::AssetRepository{}.upsertBySourceId(tx, result.assets); });
    auto c = unwrap(std::move(counts));
    ctx.io.out << "written in one transaction: " << c.inserted << " inserted, " << c.updated << " updated, "
               << c.unchanged << " unchanged\n";
    return ExitOk;
}

int cmdExportAssets(Context& ctx)
{
    Args args{ctx.words, {"format", "out", "kind"}};
    if (!args.positionals().empty()) throw UsageError{"export assets takes no positional arguments"};
    std::string format = args.value("format", "geojson");
    if (format != "geojson" && format != "csv") throw UsageError{"--format must be geojson or csv"};
    store::AssetFilter filter;
    filter.kind = enumOption<AssetKind>(args, "kind", kindChoices);
    auto owned = ctx.open();
    Session& s = *owned;
    transfer::ExportLookups lookups;
    auto assets = s.store.read([&](store::Tx& tx) -> Result<std::vector<Asset>> {
        store::StreetRepository streets;
        for (auto& street : unwrap(store::listAll<Street>(tx, streets, store::StreetFilter{})))
            lookups.streetNames[street.id] = street.name;
        store::AssetRepository repo;
        return store::listAll<Asset>(tx, repo, filter);
    });
    auto all = unwrap(std::move(assets));
    auto write = [&](std::ostream& out) {
        if (format == "csv")
            transfer::exportAssetsCsv(out, all, lookups);
        else
            transfer::exportAssetsGeoJson(out, all, lookups);
    };
    if (auto outPath = args.value("out")) {
        // Write beside the target and rename, so a failure never leaves half a file behind.
        std::string tmp = *outPath + ".partial";
        {
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            if (!out) throw Failure{"cannot write " + *outPath};
            write(out);
            out.flush();
            if (!out) {
                std::filesystem::remove(tmp);
                throw Failure{"writing " + *outPath + " failed (disk full?)"};
            }
        }
        std::filesystem::rename(tmp, *outPath);
        ctx.io.err << "exported " << all.size() << " assets to " << *outPath << "\n";
    } else {
        write(ctx.io.out);
    }
    return ExitOk;
}

int cmdBackup(Context& ctx)
{
    Args args{ctx.words, {}};
    if (args.positionals().size() != 1) throw UsageError{"backup needs exactly one FILE"};
    const std::string target = args.positionals()[0];
    if (std::filesystem::exists(target)) throw Failure{target + " exists; backup never overwrites a file"};
    auto owned = ctx.open();
    Session& s = *owned;
    if (s.database->dialect() == store::Dialect::SQLite) {
        // VACUUM INTO writes a consistent, compacted copy while others keep reading and writing.
        auto session = s.database->session();
        store::sql::execute(session, "VACUUM INTO ?", {store::SqlValue{target}});
    } else {
        // PostgreSQL: pg_dump's custom format (restore with pg_restore); no shell involved.
        std::string url = ctx.dbUrl;
        Poco::Process::Args pgArgs{"--format=custom", "--file=" + target, "--dbname=" + url};
        auto handle = Poco::Process::launch("pg_dump", pgArgs);
        if (int rc = handle.wait(); rc != 0) throw Failure{"pg_dump failed with exit code " + std::to_string(rc)};
    }
    ctx.io.out << "backup of " << s.database->displayUrl() << " written to " << target << " ("
               << std::filesystem::file_size(target) << " bytes)\n";
    return ExitOk;
}

int cmdSyncNewEpoch(Context& ctx)
{
    Args args{ctx.words, {}};
    if (!args.positionals().empty()) throw UsageError{"sync new-epoch takes no arguments"};
    auto owned = ctx.open();
    Session& s = *owned;
    auto epoch = s.store.write([](store::Tx& tx) -> Result<std::string> { return store::startNewEpoch(tx); });
    if (!epoch) throw Failure{describe(epoch.error())};
    ctx.io.out << "new sync epoch " << *epoch << " for " << s.database->displayUrl()
               << ": every replica will download again and re-send what this database lacks\n";
    return ExitOk;
}

// "22:00" and "23:00-05:00".
std::pair<MinuteOfDay, MinuteOfDay> windowOption(const std::string& text)
{
    const auto dash = text.find('-');
    const auto from = dash == std::string::npos ? std::nullopt : parseMinuteOfDay(text.substr(0, dash));
    const auto to = dash == std::string::npos ? std::nullopt : parseMinuteOfDay(text.substr(dash + 1));
    if (!from || !to) throw UsageError{"--closure '" + text + "' is not a window like 23:00-05:00"};
    return {*from, *to};
}

// --speed KMH and --closure HH:MM-HH:MM, alike for a plan and a programme's forecast.
void readTrafficOptions(const Args& args, plan::PlanningSettings& settings)
{
    settings.travelKmh = static_cast<double>(args.integer("speed", 25, 5, 120));
    if (auto closure = args.value("closure")) {
        const auto [from, to] = windowOption(*closure);
        settings.closureFrom = from;
        settings.closureTo = to;
    }
}

// --from DATE, else tonight as the city's calendar says (at 03:00 that is the night that began
// yesterday).
Date firstNight(Context& ctx, Session& s, const Args& args)
{
    if (auto from = args.value("from")) {
        auto date = parseDate(*from);
        if (!date) throw UsageError{"--from '" + *from + "' is not a date (2026-05-20)"};
        return *date;
    }
    // The calendar the plan itself uses, so "tonight" is the plan's first night.
    auto calendar = s.store.read([](store::Tx& tx) { return planning::readCalendar(tx); });
    return currentShift(unwrap(std::move(calendar)), ctx.io.clock.now()).date;
}

// --threads N: searches side by side, the best plan kept (plan::PlannerOptions::threads). The
// default is a search per core, at most 8: the dispatcher waits for this command and nothing else
// is asked of the cores, but each search holds its own travel matrix (up to 18 MB at 3,000 jobs)
// and the best of more than a few draws gains little.
int searchThreads(const Args& args)
{
    const long long cores = std::max(1U, std::thread::hardware_concurrency());
    return static_cast<int>(args.integer("threads", std::min(cores, 8LL), 1, 64));
}

int cmdPlan(Context& ctx)
{
    Args args{ctx.words, {"from", "nights", "crews", "seconds", "seed", "iterations", "threads", "closure", "pools", "speed"}, {"apply"}};
    if (!args.positionals().empty()) throw UsageError{"plan takes only options"};
    planning::PlanRequest request;
    request.nights = static_cast<int>(args.integer("nights", 7, 1, 31));
    if (auto crews = args.value("crews")) request.crewCodes = splitList(*crews);
    request.options.timeLimitMs = 1000.0 * static_cast<double>(args.integer("seconds", 5, 1, 600));
    request.options.seed = static_cast<std::uint64_t>(args.integer("seed", 1, 1, std::numeric_limits<long long>::max()));
    request.options.maxIterations = args.integer("iterations", 2'000'000'000, 0, std::numeric_limits<long long>::max());
    request.options.threads = searchThreads(args);
    readTrafficOptions(args, request.settings);
    if (auto pools = args.value("pools")) {
        for (const std::string& item : splitList(*pools)) {
            const auto eq = item.find('=');
            int units = 0;
            try {
                units = eq == std::string::npos ? -1 : std::stoi(item.substr(eq + 1));
            } catch (const std::exception&) {
                units = -1;
            }
            if (units < 0) throw UsageError{"--pools '" + item + "' is not NAME=UNITS (e.g. jetter=2)"};
            request.settings.equipmentPools[item.substr(0, eq)] = units;
        }
    }
    auto owned = ctx.open();
    Session& s = *owned;
    request.from = firstNight(ctx, s, args);
    auto computed = planning::computePlan(s.store, request);
    if (!computed.ok() && !computed.error().fields.empty() && computed.error().fields.front().field == "crews") {
        throw Failure{"no crew has the code '" + computed.error().fields.front().params.at("code") +
                      "' (yanghu-admin crew list)"};
    }
    auto outcome = unwrap(std::move(computed));
    ctx.io.out << planning::formatPlan(outcome);
    if (!args.flag("apply")) {
        ctx.io.out << "\nnothing written; run again with --apply to schedule these orders\n";
        return ExitOk;
    }
    // yanghu-admin acts as the dispatcher who approves the plan.
    const rules::Actor actor{Uuid{}, Role::Dispatcher, std::nullopt};
    auto applied = s.store.write([&](store::Tx& tx) { return planning::applyPlan(tx, outcome, actor); });
    if (!applied.ok() && applied.error().code == codes::PlanStale) {
        throw Failure{applied.error().params.at("count") + " orders changed while planning (" +
                      applied.error().params.at("orders") + "); nothing written, plan again"};
    }
    const auto report = unwrap(std::move(applied));
    ctx.io.out << "\napplied: " << report.scheduled << " scheduled, " << report.moved << " moved, " << report.unscheduled
               << " back to ready, " << report.unchanged << " unchanged\n";
    return ExitOk;
}

int cmdProgrammeForecast(Context& ctx)
{
    Args args{ctx.words, {"from", "nights-per-week", "seconds", "seed", "threads", "batch-minutes", "closure", "speed"}};
    if (args.positionals().size() != 1) throw UsageError{"programme forecast takes one programme code"};
    planning::ForecastRequest request;
    request.programmeCode = args.positionals().front();
    request.nightsPerWeek = static_cast<int>(args.integer("nights-per-week", 6, 1, 7));
    request.options.timeLimitMs = 1000.0 * static_cast<double>(args.integer("seconds", 5, 1, 600));
    request.options.seed = static_cast<std::uint64_t>(args.integer("seed", 1, 1, std::numeric_limits<long long>::max()));
    request.options.threads = searchThreads(args);
    request.batches.batchMinutes = static_cast<int>(args.integer("batch-minutes", 300, 30, 480));
    readTrafficOptions(args, request.settings);
    auto owned = ctx.open();
    Session& s = *owned;
    request.from = firstNight(ctx, s, args);
    auto outcome = planning::forecastProgramme(s.store, request);
    if (!outcome.ok() && outcome.error().code == codes::NotFound) {
        throw Failure{"no programme has the code '" + request.programmeCode + "'"};
    }
    if (!outcome.ok() && outcome.error().code == codes::ValidationFailed) {
        throw Failure{"--from " + formatDate(request.from) + " is not before the programme's deadline"};
    }
    ctx.io.out << planning::formatForecast(unwrap(std::move(outcome)));
    return ExitOk;
}

int cmdProgrammeBatch(Context& ctx)
{
    Args args{ctx.words, {"batch-minutes"}, {"apply"}};
    if (args.positionals().size() != 1) throw UsageError{"programme batch takes one programme code"};
    planning::BatchRequest request;
    request.programmeCode = args.positionals().front();
    request.batches.batchMinutes = static_cast<int>(args.integer("batch-minutes", 300, 30, 480));
    request.write = args.flag("apply");
    auto owned = ctx.open();
    Session& s = *owned;
    // Read, batch and create in one transaction: two dispatchers batching at once cannot put an
    // asset in two orders, and a failure leaves no half of the batches behind.
    const auto run = [&](store::Tx& tx) { return planning::batchProgramme(tx, request); };
    auto outcome = request.write ? s.store.write(run) : s.store.read(run);
    if (!outcome.ok() && outcome.error().code == codes::NotFound && outcome.error().fields.empty()) {
        throw Failure{"no programme has the code '" + request.programmeCode + "'"};
    }
    if (!outcome.ok() && !outcome.error().fields.empty() && outcome.error().fields.front().field == "programme") {
        throw Failure{"programme " + request.programmeCode + " is closed; nothing written"};
    }
    const auto batched = unwrap(std::move(outcome));
    ctx.io.out << planning::formatBatches(batched);
    if (!request.write && !batched.batches.empty()) {
        ctx.io.out << "nothing written; run again with --apply to create these work orders (status ready)\n";
    } else if (request.write && !batched.created.empty()) {
        ctx.io.out << "created " << batched.created.size() << " work orders, " << batched.created.front().number
                   << " to " << batched.created.back().number << " (ready; yanghu-admin plan schedules them)\n";
    }
    return ExitOk;
}

// The live work order with this number, or a failure naming it.
WorkOrder orderByNumber(store::Tx& tx, const std::string& number)
{
    auto rows = store::sql::query(tx.session(), "SELECT id FROM work_order WHERE number = ? AND deleted = 0", {number},
                                  {store::SqlType::Text});
    if (rows.empty()) throw Failure{"no work order has the number '" + number + "'"};
    return unwrap(store::WorkOrderRepository{}.get(tx, *Uuid::parse(std::get<std::string>(rows[0][0]))));
}

int cmdOrderFollows(Context& ctx)
{
    Args args{ctx.words, {}, {"none"}};
    const auto& words = args.positionals();
    const bool none = args.flag("none");
    if (words.size() != (none ? 1U : 2U))
        throw UsageError{"order follows takes an order number and the number it follows (or --none)"};
    if (std::any_of(words.begin(), words.end(), [](const std::string& w) { return w.empty(); }))
        throw UsageError{"a work order number must not be empty"}; // it would match every unnumbered order
    auto owned = ctx.open();
    Session& s = *owned;
    // Through the same checks as PATCH /work-orders/{id}: the order exists, it is not the order
    // itself, and its chain does not lead back (a cycle would keep both out of every plan).
    auto written = s.store.write([&](store::Tx& tx) -> Result<WorkOrder> {
        WorkOrder order = orderByNumber(tx, words[0]);
        const WorkOrder before = order;
        order.followsId = none ? std::nullopt : std::optional<Uuid>(orderByNumber(tx, words[1]).id);
        if (order.followsId == before.followsId) return order;
        std::vector<FieldError> problems = rules::validateWorkOrder(order);
        api::checkOrderReferences(tx, order, problems, &before);
        if (!problems.empty()) return Error::validation(std::move(problems));
        return store::WorkOrderRepository{}.update(tx, std::move(order), before.meta.rowVersion);
    });
    if (!written.ok() && !written.error().fields.empty() && written.error().fields.front().code == codes::Cycle) {
        const auto& params = written.error().fields.front().params;
        const auto chain = params.find("chain"); // absent when it would follow itself
        throw Failure{"that would make a cycle: " +
                      (chain != params.end() ? chain->second : words[0] + " → " + words[0]) + "; nothing written"};
    }
    const WorkOrder order = unwrap(std::move(written));
    if (none) {
        ctx.io.out << order.number << " follows no other order\n";
    } else {
        ctx.io.out << order.number << " follows " << words[1] << ": no plan starts it before " << words[1]
                   << " has ended\n";
    }
    return ExitOk;
}

const std::vector<Command>& commands()
{
    static const std::vector<Command> table{
        {"migrate", "migrate", "Creates or upgrades the schema to this binary's newest version.", cmdMigrate},
        {"summary", "summary", "Prints counts of streets, crews, users, assets by kind, defects and work orders by status.",
         cmdSummary},
        {"demo-city", "demo-city [--scale N] [--seed S] [--now TIME]",
         "Writes the deterministic demo city into an empty database and prints the demo logins.\n"
         "  --scale N   1..100, N times the assets (default 1: 13,000+ storm inlets)\n"
         "  --seed S    the random seed (default 20260601); the same seed gives the same city\n"
         "  --now TIME  the city's \"now\" (RFC 3339; default 2026-05-20T02:00:00Z): two years of\n"
         "              history before it, the roster and planned work two weeks either side",
         cmdDemoCity},
        {"user add", "user add USERNAME --role ROLE [--name NAME] [--crew CODE] (--password-stdin | --password P)",
         "Creates a user. ROLE: field_crew (needs --crew), dispatcher, supervisor, admin.\n"
         "  --password-stdin reads the password from the first line of standard input (it stays out of\n"
         "  the shell history); at least 8 characters.",
         cmdUserAdd},
        {"user list", "user list [--role ROLE]", "Lists users with role and crew.", cmdUserList},
        {"user passwd", "user passwd USERNAME (--password-stdin | --password P)", "Sets a user's password.",
         cmdUserPasswd},
        {"crew add", "crew add CODE [--name N] [--district D] [--skills a,b] [--equipment a,b] [--size N] [--depot NAME]",
         "Creates a crew.", cmdCrewAdd},
        {"crew list", "crew list [--district D]", "Lists crews.", cmdCrewList},
        {"plan",
         "plan [--from DATE] [--nights N] [--crews C-01,C-02] [--apply] [--seconds S] [--seed S] [--iterations N]\n"
         "       [--threads N] [--closure HH:MM-HH:MM] [--pools NAME=UNITS,...] [--speed KMH]",
         "Plans ready work orders (and re-plans those already scheduled in the window) onto the crews'\n"
         "  night shifts: one job at a time with travel from and back to the depot, skills and equipment,\n"
         "  closures only in the closure window, never two adjacent sidewalk segments open at once.\n"
         "  Prints each crew's night with times and every order left out with the reason.\n"
         "  --from DATE     the first night (default: tonight)\n"
         "  --nights N      1..31 (default 7)\n"
         "  --crews LIST    crew codes (default: every active crew)\n"
         "  --apply         schedule the orders (state machine, change log: laptops receive it by sync);\n"
         "                  refused, with nothing written, when an order changed while planning\n"
         "  --seconds S     search budget (default 5); --iterations N bounds it too (same plan every run)\n"
         "  --threads N     searches side by side, each with the whole budget, the best plan kept\n"
         "                  (default: one per core, at most 8)\n"
         "  --closure W     lane and road closure window (default: the whole night shift)\n"
         "  --pools LIST    shared equipment, e.g. jetter=2: at most that many crews use it a night",
         cmdPlan},
        {"programme forecast",
         "programme forecast CODE [--from DATE] [--nights-per-week N] [--batch-minutes M] [--seconds S] "
         "[--threads N] [--closure W] [--speed KMH]",
         "Plans the programme's open orders, and its assets no order holds yet batched along their streets,\n"
         "  as early as possible onto every crew with the skill, N nights a week (default 6) from DATE\n"
         "  (default tonight) until the deadline: prints the night it finishes, or how many crew-nights\n"
         "  are missing (at the plan's average use of a crew-night).\n"
         "  --closure W     lane and road closure window, as for plan: batches that close a lane (storm\n"
         "                  inlets, pipes) and open orders with a closure fit inside it\n"
         "  Writes nothing.",
         cmdProgrammeForecast},
        {"order follows", "order follows NUMBER (BEFORE | --none)",
         "Says that work order NUMBER must wait until work order BEFORE has ended (\"break out before\n"
         "  pour\"); --none removes the link. Refused when BEFORE is the order itself or already follows\n"
         "  it, directly or through others. Plans never put the order earlier; one whose BEFORE is on\n"
         "  hold, a draft or scheduled after the plan's nights is left out with that reason.",
         cmdOrderFollows},
        {"programme batch", "programme batch CODE [--batch-minutes M] [--apply]",
         "Groups the programme's assets that no open or done order of it holds along their streets into\n"
         "  night-sized batches (default 300 minutes with set-up) and prints them. --apply creates one\n"
         "  ready work order per batch (numbered, with its assets, skill, equipment and the deadline as\n"
         "  due date) in one transaction; running it again batches only what is left. A closed\n"
         "  programme gets no new orders.",
         cmdProgrammeBatch},
        {"import assets", "import assets FILE [--kind K] [--map mapping.json] [--dry-run] [--max-issues N]",
         "Imports assets from CSV or GeoJSON (.geojson/.json) in one transaction. Known inventories\n"
         "  (Cambridge catch basins and pedestrian ramps) are recognised by their columns; others\n"
         "  need --map. Rows with problems are reported with their line or feature number and skipped;\n"
         "  importing the same file again updates assets by source id and creates no duplicates.",
         cmdImportAssets},
        {"export assets", "export assets [--format geojson|csv] [--kind K] [--out FILE]",
         "Exports assets (default GeoJSON to standard output). CSV is UTF-8 with BOM and CRLF.", cmdExportAssets},
        {"backup", "backup FILE",
         "Writes a consistent copy of the database: SQLite with VACUUM INTO, PostgreSQL with pg_dump -Fc.",
         cmdBackup},
        {"sync new-epoch", "sync new-epoch",
         "Run after restoring a backup: starts a new sync epoch, so every laptop and desktop downloads\n"
         "  its copy again and re-sends the edits the restored database does not have.",
         cmdSyncNewEpoch},
    };
    return table;
}

void printUsage(std::ostream& out)
{
    out << "yanghu-admin " << server::productVersion() << " - the Yanghu central database\n\n"
        << "usage: yanghu-admin [--db URL] COMMAND ...\n"
        << "  --db URL   sqlite:PATH (default " << defaultDb << ") or postgresql://user@host:port/database\n\n"
        << "commands:\n";
    for (const auto& c : commands()) out << "  " << c.usage << "\n";
    out << "\n'yanghu-admin help COMMAND' explains one. Exit codes: 0 ok, 1 failed, 2 usage error.\n";
}

const Command* findCommand(const std::vector<std::string>& words, std::size_t& consumed)
{
    for (const auto& c : commands()) {
        std::istringstream names(c.name);
        std::vector<std::string> parts{std::istream_iterator<std::string>(names), {}};
        if (words.size() >= parts.size() && std::equal(parts.begin(), parts.end(), words.begin())) {
            consumed = parts.size();
            return &c;
        }
    }
    return nullptr;
}

} // namespace

int runAdmin(const std::vector<std::string>& argsIn, AdminIo& io)
{
    std::vector<std::string> args = argsIn;
    std::string dbUrl = defaultDb;
    // Global options come before the command.
    while (!args.empty() && args[0].rfind("--", 0) == 0) {
        std::string opt = args[0];
        if (opt == "--help" || opt == "-h") {
            printUsage(io.out);
            return ExitOk;
        }
        if (opt == "--version") {
            io.out << "yanghu-admin " << server::productVersion() << "\n";
            return ExitOk;
        }
        if (opt == "--db" && args.size() >= 2) {
            dbUrl = args[1];
            args.erase(args.begin(), args.begin() + 2);
        } else if (opt.rfind("--db=", 0) == 0) {
            dbUrl = opt.substr(5);
            args.erase(args.begin());
        } else {
            io.err << "yanghu-admin: unknown or incomplete option " << opt << "\n";
            printUsage(io.err);
            return ExitUsage;
        }
    }
    if (args.empty()) {
        printUsage(io.err);
        return ExitUsage;
    }
    if (args[0] == "help") {
        std::size_t consumed = 0;
        std::vector<std::string> rest(args.begin() + 1, args.end());
        const Command* c = rest.empty() ? nullptr : findCommand(rest, consumed);
        if (!c) {
            printUsage(io.out);
            return rest.empty() ? ExitOk : ExitUsage;
        }
        io.out << "usage: yanghu-admin [--db URL] " << c->usage << "\n\n  " << c->help << "\n";
        return ExitOk;
    }
    std::size_t consumed = 0;
    const Command* command = findCommand(args, consumed);
    if (!command) {
        io.err << "yanghu-admin: unknown command '" << args[0] << (args.size() > 1 ? " " + args[1] : "") << "'\n";
        printUsage(io.err);
        return ExitUsage;
    }
    Context ctx{io, dbUrl, std::vector<std::string>(args.begin() + static_cast<std::ptrdiff_t>(consumed), args.end())};
    try {
        return command->run(ctx);
    } catch (const UsageError& e) {
        io.err << "yanghu-admin: " << e.message << "\nusage: yanghu-admin [--db URL] " << command->usage << "\n";
        return ExitUsage;
    } catch (const Failure& f) {
        io.err << "yanghu-admin: " << f.message << "\n";
        return ExitFailed;
    } catch (const Poco::Exception& e) {
        io.err << "yanghu-admin: " << command->name << " failed: " << e.displayText() << "\n";
        return ExitFailed;
    } catch (const std::exception& e) {
        io.err << "yanghu-admin: " << command->name << " failed: " << e.what() << "\n";
        return ExitFailed;
    }
}

} // namespace yanghu::admin
