package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A key-value tag on a run; keys starting with {@code mlflow.} are reserved for system tags.
 *
 * @param key the tag key
 * @param value the tag value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunTag(
        @JsonProperty("key") String key,
        @JsonProperty("value") String value) {
}
