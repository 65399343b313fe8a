package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code model-versions/update}.
 *
 * @param name the model name
 * @param version the version number
 * @param description the new description, or null to clear it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateModelVersionRequest(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("description") String description) {
}
