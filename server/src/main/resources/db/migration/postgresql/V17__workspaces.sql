-- Workspaces (issue 13), MLflow 3.10's multi-tenancy: every top-level resource lives in one workspace, named by the
-- X-MLFLOW-WORKSPACE header of the request that created it. Rows from before workspaces belong to 'default', which
-- always exists. Members hold one of MLflow's permissions in a workspace, by user name (OIDC users have no row in
-- auth_users until they call); a per-resource grant overrides it.
CREATE TABLE workspaces (
    name        TEXT   NOT NULL PRIMARY KEY,
    description TEXT,
    created_by  TEXT,
    created_at  BIGINT NOT NULL
);
INSERT INTO workspaces (name, description, created_by, created_at) VALUES ('default', 'The default workspace', NULL, 0);

CREATE TABLE workspace_members (
    workspace  TEXT NOT NULL REFERENCES workspaces (name) ON DELETE CASCADE,
    username   TEXT NOT NULL,
    permission TEXT NOT NULL,
    PRIMARY KEY (workspace, username)
);
CREATE INDEX workspace_members_user ON workspace_members (username);

ALTER TABLE experiments ADD COLUMN workspace TEXT NOT NULL DEFAULT 'default';
ALTER TABLE registered_models ADD COLUMN workspace TEXT NOT NULL DEFAULT 'default';
ALTER TABLE serving_deployments ADD COLUMN workspace TEXT NOT NULL DEFAULT 'default';
ALTER TABLE monitors ADD COLUMN workspace TEXT NOT NULL DEFAULT 'default';
ALTER TABLE dataset_versions ADD COLUMN workspace TEXT NOT NULL DEFAULT 'default';
CREATE INDEX experiments_workspace ON experiments (workspace);
CREATE INDEX registered_models_workspace ON registered_models (workspace);
