-- SPDX-License-Identifier: MIT
-- 0004_sync_push: what POST /sync/push, the conflict records and photo uploads need (issue #4).
--
-- change_log says who made each change, for which side of the organisation (crew or office)
-- and, for pushed edits, from which replica: the merge rules decide a concurrent edit by the
-- side that last changed a field (core/sync/Merge.h FieldHistory), a replica's own earlier
-- edit is never concurrent with its later one, and a person resolving a conflict wants to
-- know who it was. Entries written before this migration, and writes outside any request
-- (imports, the admin command line), carry actor '' and side 'office'.
ALTER TABLE change_log ADD COLUMN actor_id TEXT NOT NULL DEFAULT '';
ALTER TABLE change_log ADD COLUMN side TEXT NOT NULL DEFAULT 'office';
ALTER TABLE change_log ADD COLUMN client_id TEXT NOT NULL DEFAULT '';

-- A push batch is stored with its answer in the transaction that applied it; the same
-- batch_id again (a retry after a lost reply) gets that answer and changes nothing.
ALTER TABLE push_batch ADD COLUMN client_id TEXT NOT NULL DEFAULT '';

-- A concurrent edit one side lost (or won over a value the other had set), for the office to
-- see and resolve. Values are JSON text as on the wire ('null' when absent). Never deleted:
-- resolving one records who decided what.
CREATE TABLE sync_conflict (
    id TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    row_id TEXT NOT NULL,
    field TEXT NOT NULL,
    base_value TEXT NOT NULL,
    server_value TEXT NOT NULL,
    client_value TEXT NOT NULL,
    rule TEXT NOT NULL,
    client_won INTEGER NOT NULL,
    row_version BIGINT NOT NULL,
    user_id TEXT NOT NULL,
    side TEXT NOT NULL,
    client_id TEXT NOT NULL,
    op_id TEXT NOT NULL,
    client_time BIGINT,
    created_at BIGINT NOT NULL,
    resolved_at BIGINT,
    resolved_by TEXT,
    resolution TEXT,
    resolution_note TEXT
);
CREATE INDEX ix_sync_conflict_open ON sync_conflict (resolved_at, id);
CREATE INDEX ix_sync_conflict_row ON sync_conflict (entity, row_id);

-- Photos are content-addressed: a row exists once the whole file is stored under its
-- SHA-256 (lower-case hex) and its hash checked. Work orders and defect reports list photos
-- by hash; a push naming a hash without a row here is refused for that operation.
CREATE TABLE photo (
    sha256 TEXT PRIMARY KEY,
    size_bytes BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
