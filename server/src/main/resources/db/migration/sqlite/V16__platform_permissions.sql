-- Per-user permissions on the platform's own resources (issue 13), as MLflow's on experiments and registered models:
-- deployments and datasets by name, monitors by id. No foreign key to the resource: a grant may precede or outlive
-- it, as in MLflow. The creator of a resource gets MANAGE; a resource without any grant (data from before
-- authentication) follows the default permission.
CREATE TABLE auth_deployment_permissions (
    name       TEXT    NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    permission TEXT    NOT NULL,
    PRIMARY KEY (name, user_id)
);
CREATE INDEX auth_deployment_permissions_user ON auth_deployment_permissions (user_id);

CREATE TABLE auth_monitor_permissions (
    monitor_id TEXT    NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    permission TEXT    NOT NULL,
    PRIMARY KEY (monitor_id, user_id)
);
CREATE INDEX auth_monitor_permissions_user ON auth_monitor_permissions (user_id);

CREATE TABLE auth_dataset_permissions (
    name       TEXT    NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    permission TEXT    NOT NULL,
    PRIMARY KEY (name, user_id)
);
CREATE INDEX auth_dataset_permissions_user ON auth_dataset_permissions (user_id);
