package dev.mlforge.api.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code model-versions/update}.
 *
 * @param name the model name
 * @param version the version number
 * @param description the new description, or null to clear it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateModelVersionRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED) @JsonProperty("version") String version,
        @JsonProperty("description") String description) {
}
