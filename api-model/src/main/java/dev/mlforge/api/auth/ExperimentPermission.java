package dev.mlforge.api.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One user's permission on one experiment, as MLflow's {@code ExperimentPermission.to_json()}.
 *
 * @param experimentId the experiment
 * @param userId       the user's id
 * @param permission   READ, USE, EDIT, MANAGE or NO_PERMISSIONS
 */
public record ExperimentPermission(
        @JsonProperty("experiment_id") String experimentId,
        @JsonProperty("user_id") long userId,
        @JsonProperty("permission") String permission) {

    /**
     * The answer of {@code experiments/permissions/create} and {@code get}.
     *
     * @param experimentPermission the grant
     */
    public record Response(@JsonProperty("experiment_permission") ExperimentPermission experimentPermission) {
    }
}
