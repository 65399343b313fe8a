package dev.mlforge.api.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of requests that name just a registered model: {@code registered-models/delete}.
 *
 * @param name the model name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisteredModelNameRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name) {
}
