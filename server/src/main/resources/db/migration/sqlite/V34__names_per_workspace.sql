-- Names unique per workspace (issue 13), as MLflow 3.10 scopes them: two workspaces may each hold an experiment "exp"
-- and a registered model (or prompt) "churn". SQLite cannot drop a column's UNIQUE constraint, so both tables are
-- rebuilt the way SQLite's ALTER TABLE documentation prescribes: with foreign keys off (which is why this script runs
-- outside Flyway's transaction, see the .conf file next to it, and opens its own), a new table is filled, the old one
-- dropped and the new one renamed. Tables referencing experiments or registered_models (runs, experiment_tags,
-- model_versions, ...) name them by name, so they point at the rebuilt tables; with foreign keys off the drop deletes
-- nothing through them. The AUTOINCREMENT counters are carried over so the ids of purged experiments and models are
-- never handed out again, and the foreign keys are checked before the transaction commits.
PRAGMA foreign_keys = OFF;
-- a savepoint outside a transaction opens one (Flyway's parser reads a BEGIN as the start of a trigger body)
SAVEPOINT v34;

CREATE TABLE experiments_v34 (
    experiment_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT    NOT NULL,
    artifact_location TEXT    NOT NULL,
    lifecycle_stage   TEXT    NOT NULL DEFAULT 'active',
    creation_time     INTEGER NOT NULL,
    last_update_time  INTEGER NOT NULL,
    workspace         TEXT    NOT NULL DEFAULT 'default',
    UNIQUE (workspace, name)
);
INSERT INTO experiments_v34 (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time, workspace)
SELECT experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time, workspace FROM experiments;
DELETE FROM sqlite_sequence WHERE name = 'experiments_v34';
INSERT INTO sqlite_sequence (name, seq) SELECT 'experiments_v34', seq FROM sqlite_sequence WHERE name = 'experiments';
DROP TABLE experiments;
ALTER TABLE experiments_v34 RENAME TO experiments;

CREATE TABLE registered_models_v34 (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    name                   VARCHAR(256) NOT NULL,
    creation_timestamp     BIGINT       NOT NULL,
    last_updated_timestamp BIGINT       NOT NULL,
    user_id                VARCHAR(256),
    description            VARCHAR(5000),
    last_version           INTEGER      NOT NULL DEFAULT 0,
    workspace              TEXT         NOT NULL DEFAULT 'default',
    UNIQUE (workspace, name)
);
INSERT INTO registered_models_v34 (id, name, creation_timestamp, last_updated_timestamp, user_id, description, last_version,
                                   workspace)
SELECT id, name, creation_timestamp, last_updated_timestamp, user_id, description, last_version, workspace
FROM registered_models;
DELETE FROM sqlite_sequence WHERE name = 'registered_models_v34';
INSERT INTO sqlite_sequence (name, seq) SELECT 'registered_models_v34', seq FROM sqlite_sequence WHERE name = 'registered_models';
DROP TABLE registered_models;
ALTER TABLE registered_models_v34 RENAME TO registered_models;
CREATE INDEX idx_registered_models_updated ON registered_models (last_updated_timestamp);
CREATE INDEX idx_registered_models_created ON registered_models (creation_timestamp);
-- a model is looked up within a workspace through the unique index (workspace, name); this one finds it by name alone
CREATE INDEX registered_models_name ON registered_models (name);

-- fails (and the transaction is not committed) if the rebuild broke any reference
CREATE TEMP TABLE v34_foreign_key_check (violations INTEGER NOT NULL CHECK (violations = 0));
INSERT INTO v34_foreign_key_check SELECT COUNT(*) FROM pragma_foreign_key_check;
DROP TABLE v34_foreign_key_check;

RELEASE v34;
PRAGMA foreign_keys = ON;
