package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code experiments/set-experiment-tag}.
 *
 * @param experimentId the experiment id
 * @param key the tag key
 * @param value the tag value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetExperimentTagRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("experiment_id") String experimentId,
        @Schema(requiredMode = REQUIRED) @JsonProperty("key") String key,
        @JsonProperty("value") String value) {
}
