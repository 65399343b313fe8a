package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of the calls that return one registered model: create, get, rename, update.
 *
 * @param registeredModel the registered model
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisteredModelResponse(
        @JsonProperty("registered_model") RegisteredModel registeredModel) {
}
