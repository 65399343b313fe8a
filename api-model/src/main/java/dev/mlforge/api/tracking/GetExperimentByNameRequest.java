package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The query of {@code experiments/get-by-name}.
 *
 * @param experimentName the experiment name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetExperimentByNameRequest(
        @JsonProperty("experiment_name") String experimentName) {
}
