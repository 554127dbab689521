// SPDX-License-Identifier: MIT
// yanghu-fieldsim: simulated crew laptops against a running yanghu-server (see FieldSim.h).
//   yanghu-fieldsim --server http://127.0.0.1:8080 --laptops 20 --edits 30 --seed 7 --out acked.jsonl
//   yanghu-fieldsim --server http://127.0.0.1:8080 --out acked.jsonl --check
#include "FieldSim.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("yanghu-fieldsim"));
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Plays crew laptops working a shift offline, then syncing; "
                                               "--check proves nothing acknowledged was lost or doubled."));
    p.addHelpOption();
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("Server URL (127.0.0.1 only)."), QStringLiteral("URL"));
    const QCommandLineOption laptops(QStringLiteral("laptops"), QStringLiteral("Laptops (default 3)."), QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption edits(QStringLiteral("edits"), QStringLiteral("Edits per laptop (default 20)."), QStringLiteral("M"), QStringLiteral("20"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("JSONL of acknowledged operations."), QStringLiteral("FILE"),
                                 QStringLiteral("fieldsim.jsonl"));
    const QCommandLineOption dir(QStringLiteral("dir"), QStringLiteral("Folder for the replica files."), QStringLiteral("DIR"),
                                 QStringLiteral("fieldsim-replicas"));
    const QCommandLineOption users(QStringLiteral("users"), QStringLiteral("Crew usernames, comma-separated (default: every crew user)."),
                                   QStringLiteral("LIST"));
    const QCommandLineOption password(QStringLiteral("password"), QStringLiteral("Crew password; %1 is the username (default demo-crew)."),
                                      QStringLiteral("P"), QStringLiteral("demo-crew"));
    const QCommandLineOption office(QStringLiteral("office"), QStringLiteral("Office user (default dispatcher1)."), QStringLiteral("USER"),
                                    QStringLiteral("dispatcher1"));
    const QCommandLineOption officePassword(QStringLiteral("office-password"), QStringLiteral("Office password (default demo-dispatcher)."),
                                            QStringLiteral("P"), QStringLiteral("demo-dispatcher"));
    const QCommandLineOption partial(QStringLiteral("partial-syncs"), QStringLiteral("Chance of a partial sync after an edit (0..1)."),
                                     QStringLiteral("P"), QStringLiteral("0"));
    const QCommandLineOption crashes(QStringLiteral("crashes"), QStringLiteral("Chance that a partial sync crashes (0..1)."),
                                     QStringLiteral("P"), QStringLiteral("0"));
    const QCommandLineOption check(QStringLiteral("check"), QStringLiteral("Check an earlier run's JSONL and replicas against the server."));
    p.addOptions({server, laptops, edits, seed, out, dir, users, password, office, officePassword, partial, crashes, check});
    p.process(app);

    yanghu::fieldsim::Options o;
    o.server = QUrl(p.value(server));
    o.laptops = p.value(laptops).toInt();
    o.edits = p.value(edits).toInt();
    o.seed = p.value(seed).toULongLong();
    o.out = p.value(out);
    o.dir = p.value(dir);
    if (p.isSet(users)) o.users = p.value(users).split(QLatin1Char(','), Qt::SkipEmptyParts);
    o.password = p.value(password);
    o.office = p.value(office);
    o.officePassword = p.value(officePassword);
    o.partialSyncs = p.value(partial).toDouble();
    o.crashes = p.value(crashes).toDouble();

    QTextStream err(stderr);
    QTextStream outStream(stdout);
    if (p.isSet(check)) {
        const auto c = yanghu::fieldsim::checkFieldSim(o);
        for (const auto& problem : c.problems) err << problem << '\n';
        outStream << "checked " << c.operations << " acknowledged operations and " << c.rows << " replica rows: "
                  << (c.ok() ? "ok" : QStringLiteral("%1 problems").arg(c.problems.size())) << '\n';
        return c.ok() ? 0 : 1;
    }
    const auto r = yanghu::fieldsim::runFieldSim(o);
    if (!r) {
        err << "yanghu-fieldsim: " << QString::fromStdString(r.error().code);
        for (const auto& [k, v] : r.error().params) err << ' ' << QString::fromStdString(k) << '=' << QString::fromStdString(v);
        for (const auto& f : r.error().fields) err << ' ' << QString::fromStdString(f.field) << ':' << QString::fromStdString(f.code);
        err << '\n';
        return 1;
    }
    outStream << "laptops " << r->laptops << ", edits " << r->edits << ", acknowledged " << r->acknowledged << ", refused "
              << r->refused << ", conflicts " << r->conflicts << ", crashes " << r->crashes << ", failed syncs "
              << r->syncFailures << ", final sync " << r->seconds << " s\n";
    for (const auto& [code, n] : r->refusedBy) outStream << "  refused " << QString::fromStdString(code) << ": " << n << '\n';
    for (const auto& [why, n] : r->failedBy) outStream << "  failed sync " << QString::fromStdString(why) << ": " << n << '\n';
    return r->syncFailures == 0 ? 0 : 1;
}
