-- Web UI sign-in sessions (issue 14): the browser holds an opaque random id in an HttpOnly cookie; the store keeps only
-- its SHA-256, so a copy of the database signs nobody in. Kept in the store (not in memory) so sessions survive a
-- restart and work on every replica. group_role is the role an OIDC sign-in's groups granted (ADMIN, WRITE or null).
CREATE TABLE auth_sessions (
    id_hash      TEXT    NOT NULL PRIMARY KEY,
    username     TEXT    NOT NULL,
    group_role   TEXT,
    created_at   BIGINT  NOT NULL,
    last_seen_at BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL
);
CREATE INDEX auth_sessions_expiry ON auth_sessions (expires_at);
