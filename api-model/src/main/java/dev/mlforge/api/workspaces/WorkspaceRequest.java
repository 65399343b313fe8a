package dev.mlforge.api.workspaces;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/3.0/mlflow/workspaces} (CreateWorkspace); {@code PATCH .../workspaces/{name}} reads
 * an {@link UpdateWorkspaceRequest}.
 *
 * @param name        the new workspace's name
 * @param description free text, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkspaceRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @JsonProperty("description") String description) {}
