package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The query of {@code registered-models/delete-tag}.
 *
 * @param name the model name
 * @param key the tag key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteRegisteredModelTagRequest(
        @JsonProperty("name") String name,
        @JsonProperty("key") String key) {
}
