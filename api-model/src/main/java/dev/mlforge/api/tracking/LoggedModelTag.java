package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A mutable key-value tag of a logged model.
 *
 * @param key the tag key
 * @param value the tag value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoggedModelTag(
        @JsonProperty("key") String key,
        @JsonProperty("value") String value) {
}
