package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A model receiving a mirrored copy of each request of a deployment; its answers are logged, never returned.
 *
 * @param modelUri the shadow model, e.g. {@code models:/fraud/5} (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShadowSpec(@JsonProperty("model_uri") String modelUri) {
}
