package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The query of {@code experiments/get-by-name}.
 *
 * @param experimentName the experiment name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetExperimentByNameRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("experiment_name") String experimentName) {
}
