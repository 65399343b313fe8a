package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of the calls that return one model version: create, get, update, transition-stage, get by alias.
 *
 * @param modelVersion the model version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelVersionResponse(
        @JsonProperty("model_version") ModelVersion modelVersion) {
}
