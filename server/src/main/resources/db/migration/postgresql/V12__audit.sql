-- The audit trail: one row per state-changing or refused request, hash-chained (each hash covers the row and the hash
-- before it), and the chain's head kept apart so that rows cut off its end are detected. The triggers make the rows
-- append-only for anything going through SQL; the chain is what detects edits made around them.
CREATE TABLE audit_records (
    seq            BIGINT  NOT NULL PRIMARY KEY,
    time_ms        BIGINT  NOT NULL,
    user_name      TEXT    NOT NULL,
    authenticated  BOOLEAN NOT NULL,
    action         TEXT    NOT NULL,
    resource       TEXT    NOT NULL,
    source_address TEXT,
    status         INTEGER NOT NULL,
    error_code     TEXT,
    request_id     TEXT    NOT NULL,
    prev_hash      TEXT    NOT NULL,
    hash           TEXT    NOT NULL
);
CREATE INDEX audit_records_time ON audit_records (time_ms, seq);
CREATE INDEX audit_records_user ON audit_records (user_name, seq);

CREATE TABLE audit_head (
    id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    seq  BIGINT  NOT NULL,
    hash TEXT    NOT NULL
);

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only';
END;
$$;
CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON audit_records
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head
    FOR EACH ROW WHEN (NEW.seq < OLD.seq) EXECUTE FUNCTION audit_refuse_change();
