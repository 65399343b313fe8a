package dev.mlforge.api.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body or query of requests that name just one version: {@code model-versions/get}, {@code model-versions/delete}, {@code model-versions/get-download-uri}.
 *
 * @param name the model name
 * @param version the version number
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelVersionIdRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED) @JsonProperty("version") String version) {
}
