package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of requests that name just an experiment: {@code experiments/delete}, {@code experiments/restore}.
 *
 * @param experimentId the experiment id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentIdRequest(
        @JsonProperty("experiment_id") String experimentId) {
}
