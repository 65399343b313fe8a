package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A logged model a run produced.
 *
 * @param modelId the logged model's id
 * @param step the step at which the run produced it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelOutput(
        @JsonProperty("model_id") String modelId,
        @JsonProperty("step") Long step) {
}
