// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/Clock.h"
#include "yanghu/core/Domain.h"
#include "yanghu/core/Result.h"
#include "yanghu/core/Uuid.h"

#include <nlohmann/json.hpp>

#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The client replica (DESIGN §5, §7): one SQLite file (Qt Sql, WAL) holding the rows the
// server sent this laptop or desktop, the pull cursor, and the outbox of local edits.
//
// Ownership and threads: a Replica owns one Qt Sql connection, usable only on the thread that
// opened it. The GUI and the sync thread each open their own Replica on the same file; SQLite
// serialises their write transactions (BEGIN IMMEDIATE, busy timeout), so an edit made while a
// sync runs lands either before or after a pulled page, never inside it.
namespace yanghu::client {

using Json = nlohmann::json;
struct StoredRow;

// The signed-in user the replica belongs to; local edits are checked against their role
// (core's merge rules: which members their side may write, which transitions they may make).
struct ReplicaUser {
    Uuid id;
    std::string username;
    Role role = Role::FieldCrew;
    std::optional<Uuid> crewId;
};

// Filters for the UI's lists; every set member must match (see replica_row's columns).
struct RowFilter {
    std::optional<std::string> crewId = std::nullopt;
    std::optional<std::string> day = std::nullopt;
    std::optional<std::string> status = std::nullopt;
    std::optional<std::string> streetId = std::nullopt;
    std::optional<std::string> assetId = std::nullopt;
    std::optional<std::string> kind = std::nullopt;
    bool includeDeleted = false;
    int limit = -1;
    int offset = 0;
};

struct SyncCursor {
    std::optional<std::string> epoch; // none: nothing downloaded yet
    std::int64_t since = 0;
    std::optional<std::string> scope;
    bool complete = false;
    std::optional<std::string> reconcile; // why acknowledged operations must be checked again
};

struct OutboxEntry {
    std::int64_t seq = 0;
    std::string opId;
    std::optional<std::string> batchId;
    std::string entity;
    std::string rowId;
    std::int64_t baseVersion = 0;
    Json fields;
    Json baseValues;
    std::string clientTime;
    std::string state; // pending | sent | acked | done
    std::optional<std::string> ackedEpoch;
    std::optional<std::int64_t> ackedSeq;
    std::optional<std::int64_t> ackedVersion;
    std::optional<std::string> outcome; // applied | unchanged
};

struct RefusedEntry {
    std::int64_t seq = 0;
    std::string opId;
    bool partial = false; // only the status of an otherwise applied operation was refused
    std::string entity;
    std::string rowId;
    Json fields;
    std::string clientTime;
    Json error; // {"code", "status", "params"?, "errors": [...]}
};

// A conflict the server recorded on one of this replica's operations (the record itself, with
// the values, lives on the server; the dispatcher resolves it there).
struct ConflictEntry {
    std::string id;
    std::string opId;
    std::string entity;
    std::string rowId;
    std::string field;
    std::string rule; // core/sync/Merge.h rule names
    bool clientWon = false;
    bool seen = false;
};

// The result of a local edit: the operation queued (none when the edit changed nothing) and
// the members as stored (normalised by the wire codec, child rows with their ids).
struct LocalEdit {
    std::optional<std::string> opId;
    Json fields = Json::object();
    std::string rowId; // the row edited or created (a new defect report's id); empty when nothing changed
};

class Replica {
public:
    // Opens (creating it and its folder when missing) and migrates the replica at `path`.
    // Errors: storage_failed (cannot open, not a database), schema_too_new. `clock` is read for
    // client_time, note times and ids (an injected clock lets tests put a laptop years off).
    static Result<std::unique_ptr<Replica>> open(const QString& path, const Clock& clock);
    static Result<std::unique_ptr<Replica>> open(const QString& path);
    ~Replica();
    Replica(const Replica&) = delete;
    Replica& operator=(const Replica&) = delete;

    const QString& path() const { return m_path; }
    // Photos taken here wait in this folder (named by their SHA-256) until uploaded.
    QString photoDir() const { return m_path + QStringLiteral(".photos"); }
    int schemaVersion() const { return m_schemaVersion; }
    // This replica's id, made once when the file was created; sent with every push.
    const std::string& clientId() const { return m_clientId; }

    // The user the replica belongs to, from the login answer's "user" (wire JSON). A replica
    // is one person's: binding another user is refused (validation_failed, user_id mismatch).
    Status bindUser(const Json& user);
    std::optional<ReplicaUser> user() const { return m_user; }

    // ---- Local edit commands: each writes the row and its outbox operation in ONE
    // transaction. Only work orders and defect reports are edited here, member by member as
    // core's merge rules allow the user's side (others: validation_failed with not_allowed or
    // unknown_field per member); the edited row must pass the wire codec and core validation
    // for the members edited; a status change must be reachable by the role's transitions
    // (transition_invalid / transition_forbidden / validation_failed naming what is missing).

    // Sets members of a row; append-only members (labour, materials, quantities, notes,
    // photos) take the listed child rows the row lacks. Unchanged members are left out; an
    // edit that changes nothing queues nothing.
    Result<LocalEdit> editRow(std::string_view entity, std::string_view id, const Json& fields);
    // A defect report made here; its id (UUIDv7, made here) is in fields["id"] of the answer.
    Result<LocalEdit> createDefectReport(const Json& fields);
    // Adds one child row to `list` of a row: an "id" is made when missing; a note gets "at"
    // (now) and "author_id" (the user) when missing. Photo hashes go through addPhoto.
    Result<LocalEdit> appendLine(std::string_view entity, std::string_view id, std::string_view list, Json line);
    // Copies an image (JPEG, PNG or WebP) into photoDir() under its SHA-256, queues its
    // upload and appends the hash to the row's photos, in one transaction. The hash is in
    // fields["photos"][0] of the answer (empty fields when the row already had it).
    Result<LocalEdit> addPhoto(std::string_view entity, std::string_view id, const QString& file);

    // ---- Reads for the UI (models read these; views never run SQL).
    Result<std::optional<Json>> row(std::string_view entity, std::string_view id) const;
    Result<std::vector<Json>> rows(std::string_view entity, const RowFilter& filter = {}) const;
    Result<std::int64_t> count(std::string_view entity, bool includeDeleted = false) const;
    Result<SyncCursor> cursor() const;
    // The outbox (pending, sent, acked), oldest first; `journal` adds the acknowledged
    // operations kept after they left it.
    Result<std::vector<OutboxEntry>> outbox(bool journal = false) const;
    Result<std::int64_t> pendingCount() const; // operations not yet acknowledged
    Result<std::vector<RefusedEntry>> refused() const;
    Result<std::int64_t> conflictCount() const;           // conflicts recorded for this replica, not seen yet
    Result<std::vector<ConflictEntry>> conflicts() const; // newest first, seen ones included
    // The user has read them: they leave the count (and the refused operations their list).
    Status markConflictsSeen();
    Status dismissRefused();
    // Every replicated row as text, in key order: equal digests mean equal replicas.
    Result<std::string> digest() const;

    // ---- For the sync engine and tests on the same thread.
    const QSqlDatabase& database() const { return m_db; }
    // Outbox rows matching an SQL condition on its columns (positional binds), by seq; at most
    // `limit` (-1: all).
    Result<std::vector<OutboxEntry>> outboxWhere(const QString& condition, const QVariantList& binds = {},
                                                 int limit = -1) const;
    const Clock& clock() const { return m_clock; }
    UuidGenerator& ids() { return m_ids; }

    // Runs `body` (returning Result<T> or Status) in one write transaction: committed when it
    // succeeds, rolled back when it fails or throws. Nested calls join the outer transaction.
    template <class F> auto write(F&& body) -> decltype(body());

    // Test hook: called at named points inside transactions ("edit:row-written",
    // "pull:page-applied", ...). A hook that throws rolls the transaction back; one that ends
    // the process leaves what SQLite had committed.
    void setFaultHook(std::function<void(std::string_view)> hook) { m_faultHook = std::move(hook); }
    void fault(std::string_view point) const
    {
        if (m_faultHook) m_faultHook(point);
    }

private:
    Replica(QString path, QString connection, const Clock& clock);
    Status begin();
    Status commit();
    void rollback();
    Result<LocalEdit> applyEdit(std::string_view entity, std::string_view id, const Json& fields);
    Result<LocalEdit> queueEdit(const Json& changes, const Json& baseValues, StoredRow& row);

    QString m_path;
    QString m_connection;
    QSqlDatabase m_db;
    const Clock& m_clock;
    UuidGenerator m_ids;
    int m_schemaVersion = 0;
    std::string m_clientId;
    std::optional<ReplicaUser> m_user;
    int m_depth = 0; // nesting of write()
    std::function<void(std::string_view)> m_faultHook;
};

template <class F> auto Replica::write(F&& body) -> decltype(body())
{
    if (m_depth > 0) return body();
    if (auto b = begin(); !b) return b.error();
    ++m_depth;
    struct Guard {
        Replica& r;
        bool open = true;
        ~Guard()
        {
            --r.m_depth;
            if (open) r.rollback();
        }
    } guard{*this};
    auto result = body();
    if (!result) return result;
    guard.open = false;
    if (auto c = commit(); !c) {
        rollback();
        return c.error();
    }
    return result;
}

} // namespace yanghu::client
