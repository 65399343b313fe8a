package dev.mlforge.api.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One user's permission on one of the platform's resources (a deployment, a monitor, a dataset, ...), as
 * {@code POST} and {@code GET /api/v1/permissions} answer it.
 *
 * @param resourceType the kind of resource: {@code deployment}, {@code monitor}, {@code dataset},
 *                     {@code experiment}, {@code registered_model}, {@code feature_view} and the others the server
 *                     lists when it refuses one
 * @param resourceId   the resource's name or id
 * @param username     the user
 * @param permission   READ, USE, EDIT, MANAGE or NO_PERMISSIONS
 */
public record ResourcePermission(
        @JsonProperty("resource_type") String resourceType,
        @JsonProperty("resource_id") String resourceId,
        @JsonProperty("username") String username,
        @JsonProperty("permission") String permission) {

    /**
     * The answer of {@code POST} and {@code GET /api/v1/permissions}.
     *
     * @param permission the grant
     */
    public record Response(@JsonProperty("permission") ResourcePermission permission) {
    }
}
