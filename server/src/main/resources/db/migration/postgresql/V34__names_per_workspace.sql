-- Names unique per workspace (issue 13), as MLflow 3.10 scopes them: two workspaces may each hold an experiment "exp"
-- and a registered model (or prompt) "churn". The unique index (workspace, name) also serves every lookup by name
-- within a workspace, so the single-column workspace indexes of V17 are dropped.
ALTER TABLE experiments DROP CONSTRAINT experiments_name_key;
ALTER TABLE experiments ADD CONSTRAINT experiments_workspace_name_key UNIQUE (workspace, name);
DROP INDEX experiments_workspace;

ALTER TABLE registered_models DROP CONSTRAINT registered_models_name_key;
ALTER TABLE registered_models ADD CONSTRAINT registered_models_workspace_name_key UNIQUE (workspace, name);
DROP INDEX registered_models_workspace;
CREATE INDEX registered_models_name ON registered_models (name);
