-- Workspaces (issue 13) for the platform's other resources: pipeline runs and schedules, feature-store definitions,
-- alert rules and MLflow webhooks live in a workspace as experiments do (V17); what exists already is in 'default'.
-- Drift triggers live in their deployment's workspace, alerts in their rule's: they need no column.
ALTER TABLE pipeline_runs ADD COLUMN workspace TEXT NOT NULL DEFAULT 'default';
ALTER TABLE pipeline_schedules ADD COLUMN workspace TEXT NOT NULL DEFAULT 'default';
ALTER TABLE feature_definitions ADD COLUMN workspace TEXT NOT NULL DEFAULT 'default';
ALTER TABLE alert_rules ADD COLUMN workspace TEXT NOT NULL DEFAULT 'default';
ALTER TABLE webhooks ADD COLUMN workspace TEXT NOT NULL DEFAULT 'default';
