-- SPDX-License-Identifier: MIT
-- 0003_sync_state: the pull cursor's ground truth (issue #4).
--
-- change_log.seq is handed out in COMMIT order. A writing transaction takes its numbers from
-- sync_state.last_seq as its last statement before COMMIT (store::Tx::flushChangeLog). That
-- UPDATE holds the row's lock (PostgreSQL) or the database's write lock (SQLite) until the
-- commit, so no transaction can commit a smaller seq after a larger one became visible, and
-- a client that pulled up to seq N has seen every change numbered N or below that will ever
-- exist. (Numbers drawn from a sequence at INSERT time would not hold this on PostgreSQL: a
-- slow transaction commits seq 10 after a quick one made seq 11 visible, and a cursor at 11
-- skips 10 for good.) A transaction that rolls back leaves a gap, which nothing waits for.
--
-- epoch names this database's history: a server restored from a backup gets a new one
-- (yanghu-admin sync new-epoch), and clients holding the old one re-download. The log is
-- complete after history_from (0: from the start); older cursors re-download too.
CREATE TABLE sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    epoch TEXT NOT NULL,
    last_seq BIGINT NOT NULL,
    history_from BIGINT NOT NULL
);
INSERT INTO sync_state (id, epoch, last_seq, history_from)
    SELECT 1, {{RANDOM_HEX}}, COALESCE(MAX(seq), 0), 0 FROM change_log;
