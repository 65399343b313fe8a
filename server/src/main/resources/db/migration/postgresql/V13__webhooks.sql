-- MLflow 3 model-registry webhooks: a webhook, the events it subscribes to, and mlforge's log of delivery attempts.
-- seq orders webhooks created in the same millisecond. Deleted webhooks are kept with deleted_timestamp set, as
-- MLflow keeps them, so their delivery log stays readable.
CREATE TABLE webhooks (
    seq                    BIGSERIAL     PRIMARY KEY,
    webhook_id             VARCHAR(64)   NOT NULL UNIQUE,
    name                   VARCHAR(256)  NOT NULL,
    description            VARCHAR(1000),
    url                    VARCHAR(2048) NOT NULL,
    status                 VARCHAR(20)   NOT NULL,
    secret                 TEXT,
    creation_timestamp     BIGINT        NOT NULL,
    last_updated_timestamp BIGINT        NOT NULL,
    deleted_timestamp      BIGINT
);
CREATE INDEX idx_webhooks_created ON webhooks (creation_timestamp DESC, seq DESC);

CREATE TABLE webhook_events (
    webhook_id VARCHAR(64) NOT NULL REFERENCES webhooks (webhook_id),
    entity     VARCHAR(64) NOT NULL,
    action     VARCHAR(64) NOT NULL,
    PRIMARY KEY (webhook_id, entity, action)
);
CREATE INDEX idx_webhook_events_event ON webhook_events (entity, action);

CREATE TABLE webhook_deliveries (
    delivery_id     VARCHAR(64) NOT NULL,
    attempt         INTEGER     NOT NULL,
    webhook_id      VARCHAR(64) NOT NULL REFERENCES webhooks (webhook_id),
    entity          VARCHAR(64) NOT NULL,
    action          VARCHAR(64) NOT NULL,
    time_ms         BIGINT      NOT NULL,
    success         BOOLEAN     NOT NULL,
    status_code     INTEGER,
    error           TEXT,
    test            BOOLEAN     NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
CREATE INDEX idx_webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, time_ms);
