package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code model-versions/set-tag}.
 *
 * @param name the model name
 * @param version the version number
 * @param key the tag key
 * @param value the tag value (may be empty)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetModelVersionTagRequest(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("key") String key,
        @JsonProperty("value") String value) {
}
