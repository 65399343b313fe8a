-- Model serving: deployments with their traffic policies, logged predictions, ground-truth feedback.
CREATE TABLE serving_deployments (
    name            TEXT    NOT NULL PRIMARY KEY,
    policy          TEXT    NOT NULL,
    previous_policy TEXT,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);

CREATE TABLE serving_predictions (
    id          BIGSERIAL PRIMARY KEY,
    request_id  TEXT    NOT NULL,
    deployment  TEXT    NOT NULL,
    version     TEXT    NOT NULL,
    inputs      TEXT    NOT NULL,
    outputs     TEXT    NOT NULL,
    latency_ms  DOUBLE PRECISION NOT NULL,
    time_ms     BIGINT  NOT NULL,
    shadow      BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX serving_predictions_by_time ON serving_predictions (deployment, time_ms);
CREATE INDEX serving_predictions_by_request ON serving_predictions (deployment, request_id);

CREATE TABLE serving_feedback (
    deployment  TEXT    NOT NULL,
    request_id  TEXT    NOT NULL,
    label       TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (deployment, request_id)
);
