package dev.mlforge.api.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One user's permission on one registered model, as MLflow 3's {@code RegisteredModelPermission.to_json()} (the
 * workspace is {@code default}: this server has one).
 *
 * @param workspace  the workspace, {@code default}
 * @param name       the registered model
 * @param userId     the user's id
 * @param permission READ, USE, EDIT, MANAGE or NO_PERMISSIONS
 */
public record RegisteredModelPermission(
        @JsonProperty("workspace") String workspace,
        @JsonProperty("name") String name,
        @JsonProperty("user_id") long userId,
        @JsonProperty("permission") String permission) {

    /**
     * The answer of {@code registered-models/permissions/create} and {@code get}.
     *
     * @param registeredModelPermission the grant
     */
    public record Response(@JsonProperty("registered_model_permission") RegisteredModelPermission registeredModelPermission) {
    }
}
