package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The query of {@code model-versions/get-artifact}, which downloads one file of a version.
 *
 * @param name the model name
 * @param version the version number
 * @param path the file, relative to the version's artifact root
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetModelVersionArtifactRequest(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("path") String path) {
}
