package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of requests that name just a registered model: {@code registered-models/delete}.
 *
 * @param name the model name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisteredModelNameRequest(
        @JsonProperty("name") String name) {
}
