package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code registered-models/update}.
 *
 * @param name the model name
 * @param description the new description, or null to clear it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateRegisteredModelRequest(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description) {
}
