-- Logged models (MLflow 3's model entity): a model logged from a run or on its own, with its params, tags and the
-- metrics logged against it; and which models runs took as inputs and produced as outputs.
CREATE TABLE logged_models (
    model_id                  TEXT    NOT NULL PRIMARY KEY,
    experiment_id             INTEGER NOT NULL REFERENCES experiments (experiment_id),
    name                      TEXT    NOT NULL,
    artifact_location         TEXT    NOT NULL,
    creation_timestamp_ms     INTEGER NOT NULL,
    last_updated_timestamp_ms INTEGER NOT NULL,
    status                    TEXT    NOT NULL,
    lifecycle_stage           TEXT    NOT NULL DEFAULT 'active',
    model_type                TEXT,
    source_run_id             TEXT,
    status_message            TEXT
) WITHOUT ROWID;
CREATE INDEX logged_models_experiment_created ON logged_models (experiment_id, creation_timestamp_ms DESC, model_id);

CREATE TABLE logged_model_params (
    model_id TEXT NOT NULL REFERENCES logged_models (model_id),
    key      TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (model_id, key)
) WITHOUT ROWID;

CREATE TABLE logged_model_tags (
    model_id TEXT NOT NULL REFERENCES logged_models (model_id),
    key      TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (model_id, key)
) WITHOUT ROWID;
CREATE INDEX logged_model_tags_key_value ON logged_model_tags (key, value, model_id);

-- Every value logged with a model_id; the run's own metrics tables keep the run's copy as before.
CREATE TABLE logged_model_metrics (
    model_id       TEXT    NOT NULL REFERENCES logged_models (model_id),
    key            TEXT    NOT NULL,
    step           INTEGER NOT NULL,
    timestamp      INTEGER NOT NULL,
    run_id         TEXT    NOT NULL,
    value          REAL    NOT NULL,
    is_nan         INTEGER NOT NULL DEFAULT 0,
    dataset_name   TEXT,
    dataset_digest TEXT,
    PRIMARY KEY (model_id, key, step, timestamp, run_id)
) WITHOUT ROWID;
CREATE INDEX logged_model_metrics_key_value ON logged_model_metrics (key, value, model_id);

CREATE TABLE run_model_inputs (
    run_uuid TEXT NOT NULL REFERENCES runs (run_uuid),
    model_id TEXT NOT NULL,
    PRIMARY KEY (run_uuid, model_id)
) WITHOUT ROWID;

CREATE TABLE run_model_outputs (
    run_uuid TEXT    NOT NULL REFERENCES runs (run_uuid),
    model_id TEXT    NOT NULL,
    step     INTEGER NOT NULL,
    PRIMARY KEY (run_uuid, model_id)
) WITHOUT ROWID;
