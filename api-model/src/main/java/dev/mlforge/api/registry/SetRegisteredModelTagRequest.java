package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code registered-models/set-tag}.
 *
 * @param name the model name
 * @param key the tag key
 * @param value the tag value (may be empty)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetRegisteredModelTagRequest(
        @JsonProperty("name") String name,
        @JsonProperty("key") String key,
        @JsonProperty("value") String value) {
}
