package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A key-value tag on a dataset input, e.g. {@code mlflow.data.context = training}.
 *
 * @param key the tag key
 * @param value the tag value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputTag(
        @JsonProperty("key") String key,
        @JsonProperty("value") String value) {
}
