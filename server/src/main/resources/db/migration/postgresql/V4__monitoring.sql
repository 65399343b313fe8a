-- Monitoring: drift monitors of deployments, their results, alert rules, alerts and webhook deliveries.
CREATE TABLE monitors (
    id          TEXT    NOT NULL PRIMARY KEY,
    deployment  TEXT    NOT NULL,
    spec        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX monitors_by_deployment ON monitors (deployment);

CREATE TABLE monitor_results (
    id          BIGSERIAL PRIMARY KEY,
    monitor_id  TEXT    NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    time_ms     BIGINT  NOT NULL,
    result      TEXT    NOT NULL
);
CREATE INDEX monitor_results_by_monitor ON monitor_results (monitor_id, id);

CREATE TABLE alert_rules (
    id          TEXT    NOT NULL PRIMARY KEY,
    spec        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);

-- Where each rule stands per deployment (OK, PENDING, FIRING) and how many windows in a row breached it.
CREATE TABLE alert_rule_states (
    rule_id     TEXT    NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    deployment  TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    breaches    INTEGER NOT NULL,
    PRIMARY KEY (rule_id, deployment)
);

CREATE TABLE alerts (
    id          TEXT    NOT NULL PRIMARY KEY,
    rule_id     TEXT    NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    deployment  TEXT    NOT NULL,
    metric      TEXT    NOT NULL,
    state       TEXT    NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    fired_at    BIGINT  NOT NULL,
    resolved_at BIGINT
);
CREATE INDEX alerts_by_rule ON alerts (rule_id, deployment, state);

CREATE TABLE alert_deliveries (
    id          BIGSERIAL PRIMARY KEY,
    alert_id    TEXT    NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    channel     TEXT    NOT NULL,
    event       TEXT    NOT NULL,
    attempt     INTEGER NOT NULL,
    success     BOOLEAN NOT NULL,
    status_code INTEGER,
    error       TEXT,
    time_ms     BIGINT  NOT NULL
);
CREATE INDEX alert_deliveries_by_alert ON alert_deliveries (alert_id, id);
