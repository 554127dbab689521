-- Bearer-token sessions (server issue #3). Tokens are 256-bit random values handed to the
-- client once; only their SHA-256 (hex) is stored, so a copy of the database lets nobody sign
-- in. A session ends at expires_at or when revoked (logout, password change, user disabled).
-- Not a synced entity: no row_version, no change_log.
CREATE TABLE auth_session (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES app_user (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    client_address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_auth_session_user_id ON auth_session (user_id);
CREATE INDEX ix_auth_session_expires_at ON auth_session (expires_at);
