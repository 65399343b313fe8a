/**
 * The wire format of MLflow 3.10's workspace API ({@code /api/3.0/mlflow/workspaces}, {@code .../permissions},
 * {@code /api/3.0/mlflow/workspace-permissions}): workspaces and their members' permissions. Field names are
 * snake_case, as MLflow writes them.
 */
package dev.mlforge.api.workspaces;
