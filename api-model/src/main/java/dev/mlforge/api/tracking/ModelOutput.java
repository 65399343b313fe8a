package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A logged model a run produced.
 *
 * @param modelId the logged model's id
 * @param step the step at which the run produced it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelOutput(
        @Schema(requiredMode = REQUIRED) @JsonProperty("model_id") String modelId,
        @JsonProperty("step") Long step) {
}
