-- Traces (MLflow 3 tracing): trace infos with their tags, metadata and assessments, and their spans, stored here
-- rather than as one JSON artifact per trace so that search_traces and get_trace read the database only.
CREATE TABLE traces (
    trace_id           TEXT    NOT NULL PRIMARY KEY,
    experiment_id      BIGINT  NOT NULL REFERENCES experiments (experiment_id),
    request_time       BIGINT  NOT NULL,
    execution_duration BIGINT ,
    state              TEXT    NOT NULL,
    client_request_id  TEXT,
    request_preview    TEXT,
    response_preview   TEXT
);
CREATE INDEX traces_experiment_time ON traces (experiment_id, request_time DESC, trace_id);

CREATE TABLE trace_tags (
    trace_id TEXT NOT NULL REFERENCES traces (trace_id) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    value    TEXT,
    PRIMARY KEY (trace_id, key)
);
CREATE INDEX trace_tags_key_value ON trace_tags (key, value, trace_id);

CREATE TABLE trace_metadata (
    trace_id TEXT NOT NULL REFERENCES traces (trace_id) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    value    TEXT,
    PRIMARY KEY (trace_id, key)
);
CREATE INDEX trace_metadata_key_value ON trace_metadata (key, value, trace_id);

-- One OpenTelemetry span: its identifying columns, and the span itself as the protobuf bytes it arrived in.
CREATE TABLE spans (
    trace_id       TEXT    NOT NULL REFERENCES traces (trace_id) ON DELETE CASCADE,
    span_id        TEXT    NOT NULL,
    parent_span_id TEXT,
    name           TEXT,
    type           TEXT,
    status         TEXT,
    start_time_ns  BIGINT  NOT NULL,
    end_time_ns    BIGINT ,
    content        BYTEA   NOT NULL,
    PRIMARY KEY (trace_id, span_id)
);

-- A feedback or expectation: searchable columns, and the assessment as its wire JSON.
CREATE TABLE assessments (
    assessment_id    TEXT    NOT NULL PRIMARY KEY,
    trace_id         TEXT    NOT NULL REFERENCES traces (trace_id) ON DELETE CASCADE,
    name             TEXT    NOT NULL,
    create_time      BIGINT  NOT NULL,
    last_update_time BIGINT  NOT NULL,
    content          TEXT    NOT NULL
);
CREATE INDEX assessments_trace ON assessments (trace_id, create_time);
