package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A logged model a run used as input.
 *
 * @param modelId the logged model's id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelInput(
        @JsonProperty("model_id") String modelId) {
}
