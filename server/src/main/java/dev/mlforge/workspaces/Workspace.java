package dev.mlforge.workspaces;

/**
 * A workspace: the namespace every top-level resource lives in (MLflow 3.10's multi-tenancy).
 *
 * @param name        its name, MLflow's rules: 2 to 63 lowercase letters, digits and single dashes
 * @param description free text, or null
 * @param createdBy   the user who created it, or null (the default workspace, or created without authentication)
 * @param createdAt   creation time, milliseconds since the epoch
 */
public record Workspace(String name, String description, String createdBy, long createdAt) {}
