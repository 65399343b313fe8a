package dev.mlforge.api.workspaces;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PATCH /api/3.0/mlflow/workspaces/{name}} (UpdateWorkspace): the path names the workspace, and
 * the description is the one thing that changes (a name sent too is ignored, as MLflow's is).
 *
 * @param description the new free text, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpdateWorkspaceRequest(@JsonProperty("description") String description) {}
