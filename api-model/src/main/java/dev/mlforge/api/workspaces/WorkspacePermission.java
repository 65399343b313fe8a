package dev.mlforge.api.workspaces;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One user's permission in one workspace, as MLflow's {@code WorkspacePermission.to_json()}; also the body of
 * {@code POST} and {@code DELETE .../workspaces/{name}/permissions} (where the workspace is the path's).
 *
 * @param workspace  the workspace's name
 * @param username   the member
 * @param permission {@code READ}, {@code USE}, {@code EDIT}, {@code MANAGE} or {@code NO_PERMISSIONS}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkspacePermission(
        @JsonProperty("workspace") String workspace,
        @Schema(requiredMode = REQUIRED) @JsonProperty("username") String username,
        @Schema(requiredMode = REQUIRED) @JsonProperty("permission") String permission) {}
