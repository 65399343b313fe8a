package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code experiments/set-experiment-tag}.
 *
 * @param experimentId the experiment id
 * @param key the tag key
 * @param value the tag value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetExperimentTagRequest(
        @JsonProperty("experiment_id") String experimentId,
        @JsonProperty("key") String key,
        @JsonProperty("value") String value) {
}
