-- Model registry: registered models, versions, tags, aliases, file manifests, lineage, history, approvals.

CREATE TABLE registered_models (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    name                   VARCHAR(256) NOT NULL UNIQUE,
    creation_timestamp     BIGINT       NOT NULL,
    last_updated_timestamp BIGINT       NOT NULL,
    user_id                VARCHAR(256),
    description            VARCHAR(5000),
    last_version           INTEGER      NOT NULL DEFAULT 0
);
CREATE INDEX idx_registered_models_updated ON registered_models (last_updated_timestamp);
CREATE INDEX idx_registered_models_created ON registered_models (creation_timestamp);

CREATE TABLE registered_model_tags (
    model_id INTEGER       NOT NULL REFERENCES registered_models (id) ON DELETE CASCADE,
    key      VARCHAR(250)  NOT NULL,
    value    VARCHAR(5000),
    PRIMARY KEY (model_id, key)
);

CREATE TABLE model_versions (
    model_id               INTEGER       NOT NULL REFERENCES registered_models (id) ON DELETE CASCADE,
    version                INTEGER       NOT NULL,
    creation_timestamp     BIGINT        NOT NULL,
    last_updated_timestamp BIGINT        NOT NULL,
    user_id                VARCHAR(256),
    current_stage          VARCHAR(20)   NOT NULL,
    description            VARCHAR(5000),
    source                 VARCHAR(1000) NOT NULL,
    storage_path           VARCHAR(1000) NOT NULL,
    run_id                 VARCHAR(256),
    run_link               VARCHAR(1000),
    status                 VARCHAR(32)   NOT NULL,
    status_message         VARCHAR(500),
    code_version           VARCHAR(256),
    flavors                TEXT,
    signature              TEXT,
    PRIMARY KEY (model_id, version)
);
CREATE INDEX idx_model_versions_run ON model_versions (run_id);
CREATE INDEX idx_model_versions_stage ON model_versions (model_id, current_stage, version);
CREATE INDEX idx_model_versions_updated ON model_versions (last_updated_timestamp);
CREATE INDEX idx_model_versions_created ON model_versions (creation_timestamp);

CREATE TABLE model_version_tags (
    model_id INTEGER      NOT NULL,
    version  INTEGER      NOT NULL,
    key      VARCHAR(250) NOT NULL,
    value    VARCHAR(5000),
    PRIMARY KEY (model_id, version, key),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version) ON DELETE CASCADE
);

CREATE TABLE registered_model_aliases (
    model_id INTEGER      NOT NULL,
    alias    VARCHAR(256) NOT NULL,
    version  INTEGER      NOT NULL,
    PRIMARY KEY (model_id, alias),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version) ON DELETE CASCADE
);

CREATE TABLE model_version_files (
    model_id INTEGER       NOT NULL,
    version  INTEGER       NOT NULL,
    path     VARCHAR(1000) NOT NULL,
    sha256   CHAR(64)      NOT NULL,
    size     BIGINT        NOT NULL,
    PRIMARY KEY (model_id, version, path),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version) ON DELETE CASCADE
);

CREATE TABLE model_version_datasets (
    model_id INTEGER      NOT NULL,
    version  INTEGER      NOT NULL,
    name     VARCHAR(500) NOT NULL,
    digest   VARCHAR(64)  NOT NULL,
    context  VARCHAR(256),
    PRIMARY KEY (model_id, version, digest, name),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version) ON DELETE CASCADE
);
CREATE INDEX idx_model_version_datasets_digest ON model_version_datasets (digest);

CREATE TABLE model_version_deployments (
    model_id           INTEGER      NOT NULL,
    version            INTEGER      NOT NULL,
    deployment_name    VARCHAR(256) NOT NULL,
    creation_timestamp BIGINT       NOT NULL,
    PRIMARY KEY (model_id, version, deployment_name),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version) ON DELETE CASCADE
);

-- Stage and alias changes; kept when a version is deleted, dropped with the model.
CREATE TABLE model_version_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    model_id   INTEGER      NOT NULL REFERENCES registered_models (id) ON DELETE CASCADE,
    version    INTEGER      NOT NULL,
    kind       VARCHAR(10)  NOT NULL,
    alias      VARCHAR(256),
    from_value VARCHAR(256),
    to_value   VARCHAR(256),
    user_id    VARCHAR(256),
    comment    VARCHAR(5000),
    timestamp  BIGINT       NOT NULL
);
CREATE INDEX idx_model_version_events_version ON model_version_events (model_id, version);

CREATE TABLE registry_approval_rules (
    model_id               INTEGER PRIMARY KEY REFERENCES registered_models (id) ON DELETE CASCADE,
    protected_stages       VARCHAR(200)  NOT NULL,
    protected_aliases      VARCHAR(5000) NOT NULL,
    gates                  TEXT          NOT NULL,
    user_id                VARCHAR(256),
    last_updated_timestamp BIGINT        NOT NULL
);

CREATE TABLE registry_transition_requests (
    id                        INTEGER PRIMARY KEY AUTOINCREMENT,
    model_id                  INTEGER      NOT NULL REFERENCES registered_models (id) ON DELETE CASCADE,
    version                   INTEGER      NOT NULL,
    target_kind               VARCHAR(10)  NOT NULL,
    target                    VARCHAR(256) NOT NULL,
    archive_existing_versions BOOLEAN      NOT NULL,
    status                    VARCHAR(20)  NOT NULL,
    comment                   VARCHAR(5000),
    requested_by              VARCHAR(256),
    creation_timestamp        BIGINT       NOT NULL,
    decided_by                VARCHAR(256),
    decision_comment          VARCHAR(5000),
    decision_timestamp        BIGINT
);
CREATE INDEX idx_registry_transition_requests_model ON registry_transition_requests (model_id, status);
