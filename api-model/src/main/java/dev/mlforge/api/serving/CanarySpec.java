package dev.mlforge.api.serving;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A second model taking a share of a deployment's traffic.
 *
 * @param modelUri the canary model, e.g. {@code models:/fraud/4} (required)
 * @param weight its share of the requests, a whole number from 0 to 100 (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CanarySpec(
        @Schema(requiredMode = REQUIRED) @JsonProperty("model_uri") String modelUri,
        @Schema(requiredMode = REQUIRED) @JsonProperty("weight") Integer weight) {
}
