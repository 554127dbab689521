// SPDX-License-Identifier: MIT
#include "FieldSim.h"

#include "replica/Replica.h"
#include "replica/Sql.h"
#include "sync/HttpChannel.h"
#include "sync/Login.h"
#include "sync/SyncSession.h"

#include "yanghu/core/Time.h"
#include "yanghu/core/rules/ErrorCodes.h"
#include "yanghu/core/sync/Merge.h"
#include "yanghu/core/wire/Codec.h"
#include "yanghu/core/wire/JsonText.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>

#include <barrier>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>

namespace yanghu::fieldsim {

namespace {

using Json = nlohmann::json;
using client::Replica;
using client::RowFilter;
using client::SyncOptions;
using client::SyncReport;
using client::SyncSession;

struct SimulatedCrash {};

// Points inside a sync where a simulated crash may strike (see Replica::fault calls).
constexpr const char* kCrashPoints[] = {"push:answered", "pull:page-applied", "pull:cursor-saved", "photo:chunk-sent"};

Error optionError(const char* option, std::string_view code, std::map<std::string, std::string> params = {})
{
    return Error::validation({FieldError{option, std::string(code), std::move(params)}});
}

Status checkOptions(const Options& o)
{
    const QString host = o.server.host();
    if (!o.server.isValid() ||
        (o.server.scheme() != QLatin1String("http") && o.server.scheme() != QLatin1String("https")))
        return optionError("server", codes::InvalidFormat, {{"expected", "http://127.0.0.1:PORT"}});
    if (host != QLatin1String("127.0.0.1") && host != QLatin1String("localhost"))
        return optionError("server", codes::NotAllowed, {{"expected", "127.0.0.1"}});
    if (o.laptops < 1 || o.laptops > 10000)
        return optionError("laptops", codes::OutOfRange, {{"min", "1"}, {"max", "10000"}});
    if (o.edits < 0) return optionError("edits", codes::OutOfRange, {{"min", "0"}});
    if (o.partialSyncs < 0 || o.partialSyncs > 1 || o.crashes < 0 || o.crashes > 1)
        return optionError("partial_syncs", codes::OutOfRange, {{"min", "0"}, {"max", "1"}});
    return success();
}

QString passwordFor(const Options& o, const QString& user)
{
    return o.password.contains(QLatin1String("%1")) ? o.password.arg(user) : o.password;
}

SyncOptions syncOptions(const Options& o)
{
    SyncOptions s;
    s.pageLimit = o.pageLimit;
    s.backoff = std::chrono::milliseconds(50);
    s.attempts = 8;
    return s;
}

// Signs in and binds the replica at `path` to the user; the token.
Result<QString> signIn(const Options& o, Replica& replica, const QString& user, const QString& password)
{
    // All laptops sign in at once: the server answers most of them 503 with Retry-After
    // (auth.login_wait_ms) while it checks passwords one per core; they come back.
    const client::RetryPolicy patient{20, std::chrono::milliseconds(50), std::chrono::milliseconds(30000)};
    auto answer = client::login(o.server, user, password, QStringLiteral("1"), 30000, patient);
    if (!answer) return answer.error();
    if (auto bound = replica.bindUser(answer->user); !bound) return bound.error();
    return answer->token;
}

Error syncError(const SyncReport& r)
{
    return r.error;
}

// "code name=value ..." for messages and counts.
std::string describe(const Error& e)
{
    std::string out = e.code;
    for (const auto& [name, value] : e.params) out += " " + name + "=" + value;
    return out;
}

// The office's replica: downloaded whole before the shift (it names the crew users) and
// after it (the checker's picture of the server).
Result<std::unique_ptr<Replica>> officeReplica(const Options& o, QString& token)
{
    auto replica = Replica::open(QDir(o.dir).filePath(QStringLiteral("office.replica")));
    if (!replica) return replica.error();
    auto signedIn = signIn(o, **replica, o.office, o.officePassword);
    if (!signedIn) return signedIn.error();
    token = *signedIn;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const SyncReport r = SyncSession(**replica, o.server, token, syncOptions(o)).run();
        if (r.ok && r.pullComplete) return std::move(*replica);
        if (attempt == 2) return syncError(r);
    }
    return std::move(*replica);
}

// One simulated laptop: its own replica, thread, random stream and results.
class Laptop {
public:
    Laptop(const Options& o, int index, QString user)
        : m_o(o), m_index(index), m_user(std::move(user)),
          m_path(QDir(o.dir).filePath(QStringLiteral("laptop-%1.replica").arg(index))),
          m_rng(o.seed * 1000003u + static_cast<std::uint64_t>(index))
    {
    }

    // Before the shift: sign in (every laptop at once) ...
    void signIn()
    {
        auto replica = Replica::open(m_path);
        if (!replica) return fail(replica.error());
        m_replica = std::move(*replica);
        m_stage = "sign-in";
        auto token = fieldsim::signIn(m_o, *m_replica, m_user, passwordFor(m_o, m_user));
        if (!token) return fail(token.error());
        m_token = *token;
    }

    // ... then download the crew's scope.
    void download()
    {
        if (!m_error.isEmpty()) return;
        m_stage = "first download";
        const SyncReport r = SyncSession(*m_replica, m_o.server, m_token, syncOptions(m_o)).run();
        if (!r.ok) fail(r.error);
    }

    // The shift: edits made offline, now and then a partial sync, sometimes a crash.
    void shift()
    {
        if (!m_error.isEmpty()) return;
        m_stage = "shift";
        for (int i = 0; i < m_o.edits; ++i) {
            edit(i);
            if (chance(m_o.partialSyncs)) partialSync();
        }
    }

    // After the shift, all laptops at once: sync until nothing is left to send.
    void finalSync()
    {
        if (!m_error.isEmpty()) return;
        m_stage = "final sync";
        for (int attempt = 0; attempt < 5; ++attempt) {
            const SyncReport r = SyncSession(*m_replica, m_o.server, m_token, syncOptions(m_o)).run();
            if (!r.ok) {
                ++m_summary.syncFailures;
                ++m_summary.failedBy[describe(r.error)];
            }
            auto pending = m_replica->pendingCount();
            if (r.ok && r.pullComplete && pending && *pending == 0) return;
        }
        fail(Error::of("sync_incomplete"));
    }

    // Once every laptop has synced: one more pull, for what the others sent meanwhile.
    void settle()
    {
        if (!m_error.isEmpty()) return;
        m_stage = "settle";
        const SyncReport r = SyncSession(*m_replica, m_o.server, m_token, syncOptions(m_o)).pull();
        if (!r.ok || !r.pullComplete) fail(r.error);
    }

    // The acknowledged operations, one JSON line each, and the counts.
    void collect(std::string& jsonl)
    {
        if (!m_replica) return;
        auto ops = m_replica->outboxWhere(QStringLiteral("state IN ('acked', 'done')"));
        auto refused = m_replica->refused();
        if (!ops || !refused) return fail(Error::of("replica_unreadable"));
        std::set<std::string> statusRefused;
        for (const auto& r : *refused) {
            if (r.partial) {
                statusRefused.insert(r.opId);
                continue;
            }
            ++m_summary.refused;
            ++m_summary.refusedBy[r.error.value("code", std::string("?"))];
        }
        for (const auto& op : *ops) {
            Json line = {{"laptop", m_index},
                         {"user", m_user.toStdString()},
                         {"client_id", m_replica->clientId()},
                         {"seq", op.seq},
                         {"op_id", op.opId},
                         {"entity", op.entity},
                         {"row_id", op.rowId},
                         {"base_version", op.baseVersion},
                         {"fields", op.fields},
                         {"outcome", op.outcome.value_or("")}};
            if (statusRefused.count(op.opId)) line["status_refused"] = true;
            jsonl += wire::toJsonText(line) + "\n";
            ++m_summary.acknowledged;
        }
        if (auto c = m_replica->conflictCount()) m_summary.conflicts = static_cast<int>(*c);
        m_replica.reset();
    }

    const Summary& summary() const { return m_summary; }
    const QString& error() const { return m_error; }

private:
    bool chance(double p) { return p > 0 && std::uniform_real_distribution<double>(0, 1)(m_rng) < p; }
    int below(int n) { return n <= 0 ? 0 : static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(m_rng)); }
    void fail(const Error& e)
    {
        m_error = QStringLiteral("laptop %1 (%2) %3: %4")
                      .arg(m_index)
                      .arg(m_user, QString::fromLatin1(m_stage), QString::fromStdString(describe(e)));
    }
    std::string marker(int i) const
    {
        return "laptop " + std::to_string(m_index) + " edit " + std::to_string(i) + " " +
               m_replica->ids().next().toString();
    }
    static std::string at(std::chrono::minutes ago)
    {
        return formatInstant(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()) -
                             ago);
    }

    void edit(int i)
    {
        const auto crew = m_replica->user() ? m_replica->user()->crewId : std::nullopt;
        std::vector<Json> orders;
        if (crew) {
            auto all = m_replica->rows("work_order", RowFilter{.crewId = crew->toString()});
            if (all)
                for (auto& o : *all)
                    if (o["status"] == "scheduled" || o["status"] == "in_progress") orders.push_back(std::move(o));
        }
        const int action = below(100);
        if (orders.empty() || action >= 95) return report(i);
        const Json& order = orders[static_cast<std::size_t>(below(static_cast<int>(orders.size())))];
        const std::string id = order["id"];
        Result<client::LocalEdit> made = client::LocalEdit{};
        if (action < 30) {
            made = m_replica->appendLine("work_order", id, "notes", {{"text", "夜班记录 " + marker(i)}});
        } else if (action < 50) {
            made = m_replica->appendLine(
                "work_order", id, "labour",
                {{"worker", "工人" + std::to_string(below(40))}, {"hours", 0.5 * (1 + below(16))}});
        } else if (action < 60) {
            made = m_replica->appendLine("work_order", id, "quantities",
                                         {{"measure", "inlets_cleaned"}, {"quantity", 1 + below(5)}, {"unit", "个"}});
        } else if (action < 65) {
            made = m_replica->appendLine(
                "work_order", id, "materials",
                {{"material", "雨水篦子 " + marker(i)}, {"quantity", 1 + below(3)}, {"unit", "套"}});
        } else if (action < 72) {
            made = m_replica->editRow("work_order", id, {{"hold_reason", "等待配合 " + marker(i)}});
        } else if (order["status"] == "scheduled") {
            made = m_replica->editRow(
                "work_order", id,
                {{"actual_start", at(std::chrono::minutes(120 + below(120)))}, {"status", "in_progress"}});
        } else {
            if (order.value("quantities", Json::array()).empty())
                (void)m_replica->appendLine("work_order", id, "quantities",
                                            {{"measure", "inlets_cleaned"}, {"quantity", 1}, {"unit", "个"}});
            made = m_replica->editRow("work_order", id,
                                      {{"actual_end", at(std::chrono::minutes(below(60)))}, {"status", "completed"}});
        }
        if (made && made->opId) ++m_summary.edits;
    }

    void report(int i)
    {
        const auto count = m_replica->count("asset");
        if (!count || *count == 0) return;
        auto assets = m_replica->rows("asset", RowFilter{.limit = 1, .offset = below(static_cast<int>(*count))});
        if (!assets || assets->empty()) return;
        auto made = m_replica->createDefectReport({{"category", "other"},
                                                   {"severity", 1 + below(4)},
                                                   {"asset_id", (*assets)[0]["id"]},
                                                   {"description", "路过发现 " + marker(i)}});
        if (made && made->opId) ++m_summary.edits;
    }

    // Back in coverage for a moment: push, a page or two of pull; sometimes the laptop dies
    // in the middle (the replica is closed and opened again, as after a restart).
    void partialSync()
    {
        SyncOptions options = syncOptions(m_o);
        options.maxPages = below(3);
        options.pageLimit = 50;
        options.attempts = 2;
        if (chance(m_o.crashes)) {
            const char* point = kCrashPoints[below(static_cast<int>(std::size(kCrashPoints)))];
            const int nth = 1 + below(2);
            auto reached = std::make_shared<int>(0);
            m_replica->setFaultHook([point, nth, reached](std::string_view p) {
                if (p == point && ++*reached == nth) throw SimulatedCrash{};
            });
        }
        try {
            (void)SyncSession(*m_replica, m_o.server, m_token, options).run();
            m_replica->setFaultHook({});
        } catch (const SimulatedCrash&) {
            ++m_summary.crashes;
            m_replica.reset();
            auto again = Replica::open(m_path);
            if (!again) return fail(again.error());
            m_replica = std::move(*again);
        }
    }

    const Options& m_o;
    int m_index;
    QString m_user;
    QString m_path;
    std::mt19937_64 m_rng;
    std::unique_ptr<Replica> m_replica;
    QString m_token;
    Summary m_summary;
    QString m_error;
    const char* m_stage = "prepare"; // where the laptop was when it failed, for the message
};

// The crew users the office replica holds (active field_crew, by username).
QStringList crewUsers(Replica& office)
{
    QStringList users;
    auto rows = office.rows("app_user");
    if (!rows) return users;
    for (const auto& u : *rows)
        if (u.value("role", "") == "field_crew" && u.value("active", true) && u.contains("crew_id"))
            users << QString::fromStdString(u["username"].get<std::string>());
    users.sort();
    return users;
}

} // namespace

Result<Summary> runFieldSim(const Options& o)
{
    if (auto s = checkOptions(o); !s) return s.error();
    if (!QDir().mkpath(o.dir)) return optionError("dir", codes::NotAllowed, {{"value", o.dir.toStdString()}});
    QStringList users = o.users;
    {
        QString token;
        auto office = officeReplica(o, token);
        if (!office) return office.error();
        if (users.isEmpty()) users = crewUsers(**office);
    }
    if (users.isEmpty()) return optionError("users", codes::Empty);

    std::vector<std::unique_ptr<Laptop>> laptops;
    for (int i = 0; i < o.laptops; ++i) laptops.push_back(std::make_unique<Laptop>(o, i, users[i % users.size()]));

    // All laptops sign in at the same moment, then download, then work their shift, then sync
    // at the same moment. (Sign-in before download: on one machine the laptops' own downloads
    // would otherwise take the CPU the server needs for the others' password checks, which
    // on real laptops they do not.)
    std::barrier signedIn(o.laptops);
    std::barrier shiftOver(o.laptops + 1);
    std::barrier synced(o.laptops + 1);
    std::mutex mutex;
    std::string jsonl;
    std::vector<std::unique_ptr<QThread>> threads;
    for (auto& laptop : laptops) {
        Laptop* l = laptop.get();
        threads.emplace_back(QThread::create([&, l] {
            l->signIn();
            signedIn.arrive_and_wait();
            l->download();
            l->shift();
            shiftOver.arrive_and_wait();
            l->finalSync();
            synced.arrive_and_wait();
            l->settle();
            std::string mine;
            l->collect(mine);
            std::lock_guard lock(mutex);
            jsonl += mine;
        }));
        threads.back()->start();
    }
    shiftOver.arrive_and_wait();
    QElapsedTimer timer;
    timer.start();
    synced.arrive_and_wait();
    Summary total;
    total.seconds = static_cast<double>(timer.elapsed()) / 1000.0;
    for (auto& t : threads) t->wait();

    QStringList errors;
    for (const auto& l : laptops) {
        const Summary& s = l->summary();
        total.edits += s.edits;
        total.acknowledged += s.acknowledged;
        total.refused += s.refused;
        for (const auto& [code, n] : s.refusedBy) total.refusedBy[code] += n;
        for (const auto& [why, n] : s.failedBy) total.failedBy[why] += n;
        total.conflicts += s.conflicts;
        total.crashes += s.crashes;
        total.syncFailures += s.syncFailures;
        if (!l->error().isEmpty()) errors << l->error();
    }
    total.laptops = o.laptops;
    QFile out(o.out);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        out.write(jsonl.data(), static_cast<qint64>(jsonl.size())) != static_cast<qint64>(jsonl.size()))
        return optionError("out", codes::NotAllowed, {{"value", o.out.toStdString()}});
    if (!errors.isEmpty())
        return Error::of("laptop_failed", {{"detail", errors.join(QStringLiteral("; ")).toStdString()}});
    return total;
}

namespace {

// What the server has of each row an acknowledged operation touched, fetched once.
class ServerRows {
public:
    ServerRows(const Options& o, const QString& token) : m_http(o.server, token, QStringLiteral("1"), 60000, nullptr) {}

    const Json& get(const std::string& entity, const std::string& id)
    {
        const auto key = entity + "/" + id;
        auto it = m_rows.find(key);
        if (it != m_rows.end()) return it->second;
        const QString path =
            QStringLiteral("/api/v1/%1/%2")
                .arg(entity == "work_order" ? QStringLiteral("work-orders") : QStringLiteral("defect-reports"),
                     QString::fromStdString(id));
        const client::HttpAnswer a = m_http.send("GET", path);
        Json row;
        if (a.status == 200)
            row = wire::parse(std::string_view(a.body.constData(), static_cast<std::size_t>(a.body.size()))).value();
        return m_rows.emplace(key, std::move(row)).first->second;
    }

private:
    client::HttpChannel m_http;
    std::map<std::string, Json> m_rows;
};

Json identityOf(const Json& item)
{
    return item.is_object() ? item.value("id", Json()) : item;
}

// The members of a sent line the server keeps as sent (a note's author and time are the
// server's to set).
bool sameLine(const std::string& list, const Json& sent, const Json& stored)
{
    if (!sent.is_object()) return sent == stored;
    for (const auto& [member, value] : sent.items()) {
        if (list == "notes" && (member == "at" || member == "author_id")) continue;
        if (stored.value(member, Json()) != value) return false;
    }
    return true;
}

} // namespace

Check checkFieldSim(const Options& o)
{
    Check check;
    auto problem = [&](const std::string& text) { check.problems << QString::fromStdString(text); };
    QFile in(o.out);
    if (!in.open(QIODevice::ReadOnly)) {
        problem("cannot read " + o.out.toStdString());
        return check;
    }
    QString officeToken;
    auto office = officeReplica(o, officeToken);
    if (!office) {
        problem("office replica: " + office.error().code);
        return check;
    }
    ServerRows server(o, officeToken);

    // (entity/row, member) -> laptop -> the values it sent, by seq.
    std::map<std::pair<std::string, std::string>, std::map<int, std::map<std::int64_t, std::pair<Json, bool>>>> owned;
    while (!in.atEnd()) {
        const QByteArray text = in.readLine().trimmed();
        if (text.isEmpty()) continue;
        auto parsed = wire::parse(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
        if (!parsed) {
            problem("unreadable line: " + text.toStdString());
            continue;
        }
        const Json& op = *parsed;
        ++check.operations;
        const std::string entity = op["entity"], rowId = op["row_id"], opId = op["op_id"];
        const Json& row = server.get(entity, rowId);
        if (row.is_null()) {
            problem(opId + ": " + entity + " " + rowId + " is not on the server");
            continue;
        }
        for (const auto& [field, value] : op["fields"].items()) {
            const auto* rule = sync::findRule(entity, field);
            if (rule && rule->kind == sync::MergeKind::AppendOnly) {
                for (const auto& item : value) {
                    int found = 0;
                    for (const auto& have : row.value(field, Json::array()))
                        if (identityOf(have) == identityOf(item)) {
                            ++found;
                            if (!sameLine(field, item, have))
                                problem(opId + ": " + field + " line " + identityOf(item).dump() + " differs: sent " +
                                        item.dump() + ", stored " + have.dump());
                        }
                    if (found != 1)
                        problem(opId + ": " + field + " line " + identityOf(item).dump() + " is on " + entity + " " +
                                rowId + " " + std::to_string(found) + " times");
                }
            } else {
                owned[{entity + "/" + rowId, field}][op["laptop"].get<int>()][op["seq"].get<std::int64_t>()] = {
                    value, op.value("status_refused", false)};
            }
        }
    }
    // A member one laptop alone wrote ends at the last value it sent (several laptops of one
    // crew: the merge picks, and the conflict records say how).
    for (const auto& [key, byLaptop] : owned) {
        if (byLaptop.size() != 1) continue;
        const auto& [value, statusRefused] = byLaptop.begin()->second.rbegin()->second;
        if (statusRefused) continue;
        const auto slash = key.first.find('/');
        const Json& row = server.get(key.first.substr(0, slash), key.first.substr(slash + 1));
        if (row.value(key.second, Json()) != value)
            problem(key.first + " " + key.second + ": server has " + row.value(key.second, Json()).dump() +
                    ", last sent " + value.dump());
    }

    // Every laptop equals the office replica (the server after a final sync) for its rows.
    const QDir dir(o.dir);
    for (const QString& file : dir.entryList({QStringLiteral("laptop-*.replica")}, QDir::Files, QDir::Name)) {
        auto laptop = Replica::open(dir.filePath(file));
        if (!laptop) {
            problem(file.toStdString() + ": cannot open");
            continue;
        }
        const auto live = (*laptop)->outbox();
        if (!live || !live->empty()) problem(file.toStdString() + ": operations left in the outbox");
        for (const char* entity : {"work_order", "defect_report"}) {
            const auto rows = (*laptop)->rows(entity, RowFilter{.includeDeleted = true});
            if (!rows) continue;
            for (const auto& row : *rows) {
                ++check.rows;
                const std::string id = row["id"];
                const auto theirs = (*office)->row(entity, id);
                if (!theirs || !theirs->has_value())
                    problem(file.toStdString() + ": " + entity + " " + id + " is not on the server");
                else if (**theirs != row)
                    problem(file.toStdString() + ": " + entity + " " + id +
                            " differs from the server: " + Json::diff(**theirs, row).dump());
            }
        }
        if (const auto crew = (*laptop)->user() ? (*laptop)->user()->crewId : std::nullopt) {
            const RowFilter mine{.crewId = crew->toString(), .includeDeleted = true};
            const auto here = (*laptop)->rows("work_order", mine);
            const auto there = (*office)->rows("work_order", mine);
            if (here && there && here->size() != there->size())
                problem(file.toStdString() + ": holds " + std::to_string(here->size()) + " of its crew's " +
                        std::to_string(there->size()) + " work orders");
        }
    }
    return check;
}

} // namespace yanghu::fieldsim
