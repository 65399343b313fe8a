package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code registered-models/rename}.
 *
 * @param name the current name
 * @param newName the new name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RenameRegisteredModelRequest(
        @JsonProperty("name") String name,
        @JsonProperty("new_name") String newName) {
}
