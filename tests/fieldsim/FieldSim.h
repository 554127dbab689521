// SPDX-License-Identifier: MIT
#pragma once

#include "sync/SyncSession.h"

#include "yanghu/core/Result.h"

#include <QString>
#include <QStringList>
#include <QUrl>

#include <cstdint>
#include <map>
#include <string>

// yanghu-fieldsim: N simulated crew laptops against a running server (issue 4). Each laptop
// has its own replica file and signs in as a crew user; it downloads its scope, works a
// "shift" offline (random notes, labour, material and quantity lines, start and end times,
// status in_progress/completed, hold reasons, new defect reports), with optional partial
// syncs and crashes on the way, then syncs with everyone else at once. Every operation the
// server acknowledged is written to a JSONL file, so checkFieldSim can prove that nothing
// acknowledged was lost or duplicated and that every replica ends equal to the server.
namespace yanghu::fieldsim {

struct Options {
    QUrl server;                         // http://127.0.0.1:PORT (loopback only)
    int laptops = 3;
    int edits = 20;                      // per laptop, per shift
    std::uint64_t seed = 1;
    QString out = QStringLiteral("fieldsim.jsonl");
    QString dir = QStringLiteral("fieldsim-replicas"); // replica files (created)
    QStringList users;                   // crew usernames, cycled over the laptops; empty: every
                                         // active field_crew user the office replica holds
    QString password = QStringLiteral("demo-crew");        // "%1" is replaced by the username
    QString office = QStringLiteral("dispatcher1");        // the office user (downloads everything)
    QString officePassword = QStringLiteral("demo-dispatcher");
    double partialSyncs = 0;  // chance after each edit of a sync that stops after a page or two
    double crashes = 0;       // chance that a sync dies at a random point (the replica is reopened)
    int pageLimit = client::SyncOptions{}.pageLimit;
};

struct Summary {
    int laptops = 0;
    int edits = 0;        // local edits made (some the replica refused are not counted)
    int acknowledged = 0; // operations the server acknowledged (lines in the JSONL file)
    int refused = 0;      // operations the server refused (kept on the laptops)
    std::map<std::string, int> refusedBy; // error code -> refused operations
    int conflicts = 0;
    int crashes = 0;
    int syncFailures = 0; // syncs that ended with an error (partial and crashed ones excluded)
    std::map<std::string, int> failedBy; // "code status=.." -> failed syncs
    double seconds = 0;   // the final sync of all laptops at once
};

// Runs the simulation; errors: options (validation_failed naming the option), a laptop that
// cannot sign in or download (the server's code).
Result<Summary> runFieldSim(const Options& options);

struct Check {
    int operations = 0; // acknowledged operations checked
    int rows = 0;       // replica rows compared with the office replica
    QStringList problems;
    bool ok() const { return problems.isEmpty(); }
};

// Reads the JSONL file and the server (as the office user) and the replicas in options.dir:
// every acknowledged line (note, labour, material, quantity, photo) is on its row exactly
// once with the content sent; every acknowledged report exists; an owned member or status
// written by one laptop alone has the last value it sent; every laptop's work orders and
// reports equal the office replica's after a final sync, and it holds all of its crew's.
Check checkFieldSim(const Options& options);

} // namespace yanghu::fieldsim
