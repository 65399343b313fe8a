package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A logged model a run used as input.
 *
 * @param modelId the logged model's id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelInput(
        @Schema(requiredMode = REQUIRED) @JsonProperty("model_id") String modelId) {
}
