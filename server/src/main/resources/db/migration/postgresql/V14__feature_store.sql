-- The feature store: versioned definitions (entities, feature views, feature services) kept as their JSON spec, each
-- view's materialization watermark, and the embedded online store (the latest feature values per entity key).
CREATE TABLE feature_definitions (
    kind       VARCHAR(32)  NOT NULL,
    name       VARCHAR(256) NOT NULL,
    version    INTEGER      NOT NULL,
    spec       TEXT         NOT NULL,
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (kind, name, version)
);

CREATE TABLE feature_materializations (
    view_name       VARCHAR(256) PRIMARY KEY,
    view_version    INTEGER      NOT NULL,
    watermark       BIGINT,
    rows_written    BIGINT       NOT NULL,
    materialized_at BIGINT       NOT NULL
);

CREATE TABLE feature_online_values (
    view_name      VARCHAR(256)  NOT NULL,
    entity_key     VARCHAR(1024) NOT NULL,
    event_ts       BIGINT        NOT NULL,
    feature_values TEXT          NOT NULL,
    PRIMARY KEY (view_name, entity_key)
);
