package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body or query of requests that name just one version: {@code model-versions/get}, {@code model-versions/delete}, {@code model-versions/get-download-uri}.
 *
 * @param name the model name
 * @param version the version number
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelVersionIdRequest(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version) {
}
