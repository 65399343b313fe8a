package dev.mlforge.api.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code registered-models/rename}.
 *
 * @param name the current name
 * @param newName the new name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RenameRegisteredModelRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED) @JsonProperty("new_name") String newName) {
}
