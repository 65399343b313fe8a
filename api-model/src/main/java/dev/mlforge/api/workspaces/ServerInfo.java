package dev.mlforge.api.workspaces;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code GET /api/3.0/mlflow/server-info} (MLflow 3.10): what the server supports, which MLflow's UI
 * and client read before they show or send workspaces.
 *
 * @param workspacesEnabled whether the server has workspaces (always true for this server)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServerInfo(@JsonProperty("workspaces_enabled") boolean workspacesEnabled) {}
