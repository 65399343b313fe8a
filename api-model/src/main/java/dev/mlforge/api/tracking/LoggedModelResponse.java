package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code logged-models} create, get and finalize: the model.
 *
 * @param model the logged model
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoggedModelResponse(
        @JsonProperty("model") LoggedModel model) {
}
