package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The query of {@code model-versions/delete-tag}.
 *
 * @param name the model name
 * @param version the version number
 * @param key the tag key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteModelVersionTagRequest(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("key") String key) {
}
