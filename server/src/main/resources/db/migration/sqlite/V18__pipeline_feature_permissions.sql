-- Per-user permissions on pipeline runs (by run id) and schedules (by name), and on the feature store's entities,
-- feature views and feature services (by name), as V16's on deployments: no foreign key to the resource, the
-- creator gets MANAGE, a resource without any grant follows the default permission.
CREATE TABLE auth_pipeline_run_permissions (
    run_id     TEXT    NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    permission TEXT    NOT NULL,
    PRIMARY KEY (run_id, user_id)
);
CREATE INDEX auth_pipeline_run_permissions_user ON auth_pipeline_run_permissions (user_id);

CREATE TABLE auth_pipeline_schedule_permissions (
    name       TEXT    NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    permission TEXT    NOT NULL,
    PRIMARY KEY (name, user_id)
);
CREATE INDEX auth_pipeline_schedule_permissions_user ON auth_pipeline_schedule_permissions (user_id);

CREATE TABLE auth_entity_permissions (
    name       TEXT    NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    permission TEXT    NOT NULL,
    PRIMARY KEY (name, user_id)
);
CREATE INDEX auth_entity_permissions_user ON auth_entity_permissions (user_id);

CREATE TABLE auth_feature_view_permissions (
    name       TEXT    NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    permission TEXT    NOT NULL,
    PRIMARY KEY (name, user_id)
);
CREATE INDEX auth_feature_view_permissions_user ON auth_feature_view_permissions (user_id);

CREATE TABLE auth_feature_service_permissions (
    name       TEXT    NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    permission TEXT    NOT NULL,
    PRIMARY KEY (name, user_id)
);
CREATE INDEX auth_feature_service_permissions_user ON auth_feature_service_permissions (user_id);
