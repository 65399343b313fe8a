package dev.mlforge.api.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A user as MLflow's auth API answers it ({@code User.to_json()}): never its password hash.
 *
 * @param id                         numeric id
 * @param username                   name
 * @param isAdmin                    whether the user is an administrator
 * @param experimentPermissions      the user's experiment grants
 * @param registeredModelPermissions the user's registered model grants
 * @param scorerPermissions          the user's scorer grants (always empty here)
 */
public record User(
        @JsonProperty("id") long id,
        @JsonProperty("username") String username,
        @JsonProperty("is_admin") boolean isAdmin,
        @JsonProperty("experiment_permissions") List<ExperimentPermission> experimentPermissions,
        @JsonProperty("registered_model_permissions") List<RegisteredModelPermission> registeredModelPermissions,
        @JsonProperty("scorer_permissions") List<Object> scorerPermissions) {
}
