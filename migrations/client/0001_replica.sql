-- SPDX-License-Identifier: MIT
-- The client replica (DESIGN §5, §7): a crew laptop's or an office desktop's local copy of
-- the rows the server sends it, the pull cursor, and the outbox of local edits.
-- Statements are separated by ';' at the end of a line (the replica's migrator splits them:
-- Qt Sql runs one statement per exec; a CREATE TRIGGER runs to a line `END;`), no ';' inside literals.

-- Who this replica is: client_id (a UUID made once, sent with every push), and the user it
-- belongs to (user_id, username, role, crew_id), as key/value text so a later version can add
-- keys without a migration.
CREATE TABLE replica_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Every replicated row of every entity in one table: the sync engine applies all nine
-- entities the same way, and the few columns the field UI filters on are copied out of the
-- JSON (by the client, when it writes the row) into indexed columns.
--   body         what the UI shows: the server's row with the pending local edits on top
--   server_body  the server's row (its version is row_version) while local edits are pending;
--                NULL when there are none and body is the server's row
--   row_version  the server version body/server_body is at; 0: made here, not on the server yet
--   fresh        1 when the row came in the current download; a re-download after a server
--                restore sets it to 0 on rows it keeps (those with pending edits)
--   out_of_scope the server said the row left this replica's scope while edits were pending
CREATE TABLE replica_row (
    entity       TEXT NOT NULL,
    id           TEXT NOT NULL,
    row_version  INTEGER NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    out_of_scope INTEGER NOT NULL DEFAULT 0,
    fresh        INTEGER NOT NULL DEFAULT 1,
    body         TEXT NOT NULL,
    server_body  TEXT,
    crew_id      TEXT,   -- work_order.assignment.crew_id, crew_shift.crew_id, app_user.crew_id
    day          TEXT,   -- work_order.assignment.shift_date, crew_shift.date
    status       TEXT,   -- work_order, defect_report, asset, programme
    street_id    TEXT,   -- asset
    asset_id     TEXT,   -- defect_report
    kind         TEXT,   -- asset.kind, crew_shift.kind
    PRIMARY KEY (entity, id)
);
CREATE INDEX replica_row_crew ON replica_row (entity, crew_id, day) WHERE crew_id IS NOT NULL;
CREATE INDEX replica_row_status ON replica_row (entity, status) WHERE status IS NOT NULL;
CREATE INDEX replica_row_street ON replica_row (entity, street_id, kind) WHERE street_id IS NOT NULL;
CREATE INDEX replica_row_asset ON replica_row (entity, asset_id) WHERE asset_id IS NOT NULL;
CREATE INDEX replica_row_pending ON replica_row (entity, id) WHERE server_body IS NOT NULL;

-- The pull cursor: one row. epoch NULL: nothing downloaded yet. complete: the last page said
-- has_more=false. reconcile: set by a re-download after the server lost history
-- (epoch_changed, cursor_ahead): once that download is complete, acknowledged operations it
-- does not show are pushed again.
CREATE TABLE sync_cursor (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    epoch     TEXT,
    since     INTEGER NOT NULL DEFAULT 0,
    scope     TEXT,
    complete  INTEGER NOT NULL DEFAULT 0,
    reconcile TEXT
);
INSERT INTO sync_cursor (id) VALUES (1);

-- Local edits, one operation each, in the order they were made (seq; AUTOINCREMENT so a seq
-- is never reused and a re-queued operation keeps its place).
--   pending  not sent yet
--   sent     in batch batch_id, answer not received (retried with the same batch_id)
--   acked    applied/unchanged in epoch acked_epoch at change-log position acked_seq (its
--            row at acked_version); waits until the pull cursor passes acked_seq
--   done     left the outbox: the pull has brought its effect. Kept as the journal of
--            acknowledged operations (newest first, pruned by count) so they can be pushed
--            again when a server restore loses them.
-- recheck: acknowledged before a re-download after a restore; compared with the new download.
CREATE TABLE outbox (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id         TEXT NOT NULL UNIQUE,
    batch_id      TEXT,
    entity        TEXT NOT NULL,
    row_id        TEXT NOT NULL,
    base_version  INTEGER NOT NULL,
    fields        TEXT NOT NULL,
    base_values   TEXT NOT NULL,
    client_time   TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'acked', 'done')),
    acked_epoch   TEXT,
    acked_seq     INTEGER,
    acked_version INTEGER,
    outcome       TEXT,
    recheck       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_live_row ON outbox (entity, row_id) WHERE state <> 'done';
CREATE INDEX outbox_state ON outbox (state, seq);
CREATE INDEX outbox_batch ON outbox (batch_id) WHERE batch_id IS NOT NULL;

-- Operations (or, partial = 1, the status of an applied operation) the server refused, with
-- its error as problem JSON ({"code","status","params","errors"}). Never dropped silently:
-- the UI shows them until the user dismisses them.
CREATE TABLE refused (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id        TEXT NOT NULL,
    partial      INTEGER NOT NULL DEFAULT 0,
    entity       TEXT NOT NULL,
    row_id       TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    fields       TEXT NOT NULL,
    client_time  TEXT NOT NULL,
    error        TEXT NOT NULL,
    dismissed    INTEGER NOT NULL DEFAULT 0
);

-- Conflicts the server recorded for this replica's operations (the record itself lives on
-- the server; this is what the UI counts and links to).
CREATE TABLE sync_conflict (
    id         TEXT PRIMARY KEY,
    op_id      TEXT NOT NULL,
    entity     TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    field      TEXT NOT NULL,
    rule       TEXT NOT NULL,
    client_won INTEGER NOT NULL,
    seen       INTEGER NOT NULL DEFAULT 0
);

-- Photos taken here, kept in the replica's photo folder under their SHA-256 until the server
-- has them. uploaded_offset is what the server last said it holds (a hint: HEAD decides).
CREATE TABLE photo_upload (
    sha256          TEXT PRIMARY KEY,
    path            TEXT NOT NULL,
    size            INTEGER NOT NULL,
    content_type    TEXT NOT NULL,
    uploaded_offset INTEGER NOT NULL DEFAULT 0,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'uploaded', 'failed')),
    error           TEXT
);
