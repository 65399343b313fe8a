package dev.mlforge.api.serving;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A model receiving a mirrored copy of each request of a deployment; its answers are logged, never returned.
 *
 * @param modelUri the shadow model, e.g. {@code models:/fraud/5} (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShadowSpec(@Schema(requiredMode = REQUIRED) @JsonProperty("model_uri") String modelUri) {
}
