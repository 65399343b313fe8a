package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A key-value tag on a registered model.
 *
 * @param key the tag key
 * @param value the tag value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisteredModelTag(
        @JsonProperty("key") String key,
        @JsonProperty("value") String value) {
}
