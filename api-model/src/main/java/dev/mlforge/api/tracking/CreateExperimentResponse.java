package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to {@code experiments/create}.
 *
 * @param experimentId the new experiment's id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateExperimentResponse(
        @JsonProperty("experiment_id") String experimentId) {
}
