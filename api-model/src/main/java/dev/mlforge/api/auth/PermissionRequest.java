package dev.mlforge.api.auth;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of MLflow's permission routes: {@code experiment_id} (experiment routes) or {@code name} (registered model
 * routes), the {@code username}, and the {@code permission} for create and update.
 *
 * @param experimentId the experiment
 * @param name         the registered model
 * @param username     the user
 * @param permission   READ, USE, EDIT, MANAGE or NO_PERMISSIONS
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PermissionRequest(
        @JsonProperty("experiment_id") String experimentId,
        @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED) @JsonProperty("username") String username,
        @JsonProperty("permission") String permission) {
}
