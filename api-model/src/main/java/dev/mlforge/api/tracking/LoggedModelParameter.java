package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An immutable key-value parameter of a logged model.
 *
 * @param key the parameter name
 * @param value the parameter value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoggedModelParameter(
        @JsonProperty("key") String key,
        @JsonProperty("value") String value) {
}
