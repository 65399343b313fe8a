package dev.mlforge.api.workspaces;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /api/3.0/mlflow/workspaces} (CreateWorkspace) and of {@code PATCH .../workspaces/{name}}
 * (UpdateWorkspace, which reads only the description).
 *
 * @param name        the new workspace's name
 * @param description free text, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkspaceRequest(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description) {}
