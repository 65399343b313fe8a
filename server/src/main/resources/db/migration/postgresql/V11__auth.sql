-- Identities and permissions (issue 13): users with an Argon2id password hash (parameters inside the encoded hash),
-- API tokens stored only as the SHA-256 of their secret, and MLflow's per-user experiment and registered-model
-- permissions (READ, USE, EDIT, MANAGE, NO_PERMISSIONS). Resources are named as MLflow names them (an experiment id,
-- a registered model name) and carry no foreign key: a grant may outlive or precede the resource, as in MLflow.
CREATE TABLE auth_users (
    id            BIGSERIAL PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    is_admin      BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE auth_api_tokens (
    id           TEXT    NOT NULL PRIMARY KEY,
    user_id      BIGINT  NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    secret_hash  TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT,
    revoked_at   BIGINT,
    last_used_at BIGINT
);
CREATE INDEX auth_api_tokens_user ON auth_api_tokens (user_id);

CREATE TABLE auth_experiment_permissions (
    experiment_id TEXT    NOT NULL,
    user_id       BIGINT  NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    permission    TEXT    NOT NULL,
    PRIMARY KEY (experiment_id, user_id)
);
CREATE INDEX auth_experiment_permissions_user ON auth_experiment_permissions (user_id);

CREATE TABLE auth_registered_model_permissions (
    name       TEXT    NOT NULL,
    user_id    BIGINT  NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    permission TEXT    NOT NULL,
    PRIMARY KEY (name, user_id)
);
CREATE INDEX auth_registered_model_permissions_user ON auth_registered_model_permissions (user_id);
