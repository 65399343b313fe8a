package dev.mlforge.api.workspaces;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The members of a workspace ({@code GET .../workspaces/{name}/permissions}, by user name) or the caller's
 * memberships ({@code GET /api/3.0/mlflow/workspace-permissions}, by workspace).
 *
 * @param permissions the memberships
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListWorkspacePermissionsResponse(@JsonProperty("permissions") List<WorkspacePermission> permissions) {}
