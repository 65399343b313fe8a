package dev.mlforge.api.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code registered-models/update}.
 *
 * @param name the model name
 * @param description the new description, or null to clear it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateRegisteredModelRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @JsonProperty("description") String description) {
}
