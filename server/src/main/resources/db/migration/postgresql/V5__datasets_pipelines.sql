-- Datasets (content-addressed CSV versions) and pipelines (runs, step states, step cache, schedules, triggers).
CREATE TABLE dataset_versions (
    name          VARCHAR(256) NOT NULL,
    version       INTEGER      NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    digest        VARCHAR(36)  NOT NULL,
    row_count     BIGINT       NOT NULL,
    size_bytes    BIGINT       NOT NULL,
    schema_json   TEXT         NOT NULL,
    profile_json  TEXT         NOT NULL,
    artifact_path VARCHAR(1024) NOT NULL,
    created_at    BIGINT       NOT NULL,
    PRIMARY KEY (name, version),
    UNIQUE (name, sha256)
);

CREATE TABLE pipeline_runs (
    run_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    pipeline_name VARCHAR(256) NOT NULL,
    status        VARCHAR(32)  NOT NULL,
    definition    TEXT         NOT NULL,
    params_json   TEXT         NOT NULL,
    tracking_run_id VARCHAR(64),
    trigger_kind  VARCHAR(32)  NOT NULL,
    message       TEXT,
    started_at    BIGINT       NOT NULL,
    ended_at      BIGINT
);
CREATE INDEX pipeline_runs_by_start ON pipeline_runs (started_at);

CREATE TABLE pipeline_step_runs (
    run_id        VARCHAR(64)  NOT NULL REFERENCES pipeline_runs (run_id) ON DELETE CASCADE,
    step_name     VARCHAR(256) NOT NULL,
    position      INTEGER      NOT NULL,
    status        VARCHAR(32)  NOT NULL,
    attempts      INTEGER      NOT NULL,
    cached        BOOLEAN      NOT NULL,
    cache_key     CHAR(64),
    tracking_run_id VARCHAR(64),
    message       TEXT,
    outputs_json  TEXT,
    updated_at    BIGINT       NOT NULL,
    PRIMARY KEY (run_id, step_name)
);

CREATE TABLE pipeline_step_cache (
    cache_key     CHAR(64)     NOT NULL PRIMARY KEY,
    step_type     VARCHAR(256) NOT NULL,
    outputs_json  TEXT         NOT NULL,
    created_at    BIGINT       NOT NULL
);

CREATE TABLE pipeline_schedules (
    name          VARCHAR(256) NOT NULL PRIMARY KEY,
    cron          VARCHAR(256) NOT NULL,
    definition    TEXT         NOT NULL,
    params_json   TEXT         NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    next_fire_at  BIGINT       NOT NULL,
    last_fired_by VARCHAR(256),
    last_fired_at BIGINT
);

CREATE TABLE pipeline_triggers (
    deployment    VARCHAR(256) NOT NULL PRIMARY KEY,
    definition    TEXT         NOT NULL,
    params_json   TEXT         NOT NULL,
    created_at    BIGINT       NOT NULL
);
