package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A run parameter: a key with an immutable string value.
 *
 * @param key the parameter name
 * @param value the parameter value, at most 6000 characters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Param(
        @JsonProperty("key") String key,
        @JsonProperty("value") String value) {
}
