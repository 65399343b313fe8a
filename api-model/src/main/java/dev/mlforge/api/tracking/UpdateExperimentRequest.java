package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code experiments/update}.
 *
 * @param experimentId the experiment id
 * @param newName the new name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateExperimentRequest(
        @JsonProperty("experiment_id") String experimentId,
        @JsonProperty("new_name") String newName) {
}
