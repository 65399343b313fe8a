package dev.mlforge.api.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The query of {@code model-versions/delete-tag}.
 *
 * @param name the model name
 * @param version the version number
 * @param key the tag key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteModelVersionTagRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED) @JsonProperty("version") String version,
        @Schema(requiredMode = REQUIRED) @JsonProperty("key") String key) {
}
