package dev.mlforge.api.workspaces;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /api/3.0/mlflow/workspaces}: the workspaces the caller sees, by name.
 *
 * @param workspaces every workspace for an administrator, else {@code default} and the caller's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListWorkspacesResponse(@JsonProperty("workspaces") List<WorkspaceInfo> workspaces) {}
