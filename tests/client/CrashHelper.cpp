// SPDX-License-Identifier: MIT
// yanghu_client_crash_helper: a replica process that dies at a named point, the way a laptop
// loses power. Used by the fault tests; never installed.
//   yanghu_client_crash_helper MODE REPLICA SERVER_URL TOKEN POINT N PAGE_LIMIT [CHUNK_BYTES]
// MODE: sync | pull. The process ends with std::_Exit(42) (no destructors, no rollback, no
// flush) the N-th time the replica reaches POINT ("pull:page-applied", "push:answered", ...);
// it exits 0 when the sync ran to the end first, 1 when it failed.
#include "replica/Replica.h"
#include "sync/SyncSession.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdlib>
#include <string>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 8 && args.size() != 9) {
        QTextStream(stderr) << "usage: MODE REPLICA SERVER_URL TOKEN POINT N PAGE_LIMIT [CHUNK_BYTES]\n";
        return 2;
    }
    auto replica = yanghu::client::Replica::open(args[2]);
    if (!replica) {
        QTextStream(stderr) << "cannot open the replica: " << QString::fromStdString(replica.error().code) << '\n';
        return 1;
    }
    const std::string point = args[5].toStdString();
    const int dieAt = args[6].toInt();
    int reached = 0;
    (*replica)->setFaultHook([&](std::string_view at) {
        if (at == point && ++reached == dieAt) std::_Exit(42);
    });
    yanghu::client::SyncOptions options;
    options.pageLimit = args[7].toInt();
    if (args.size() == 9) options.chunkBytes = args[8].toLongLong();
    options.backoff = std::chrono::milliseconds(10);
    yanghu::client::SyncSession session(**replica, QUrl(args[3]), args[4], options);
    const auto report = args[1] == QLatin1String("pull") ? session.pull() : session.run();
    if (!report.ok) QTextStream(stderr) << report.message << '\n';
    return report.ok ? 0 : 1;
}
