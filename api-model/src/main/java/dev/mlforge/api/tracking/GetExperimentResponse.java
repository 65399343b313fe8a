package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to {@code experiments/get} and {@code experiments/get-by-name}.
 *
 * @param experiment the experiment
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetExperimentResponse(
        @JsonProperty("experiment") Experiment experiment) {
}
