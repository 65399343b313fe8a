package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A logged model: its attributes and its data.
 *
 * @param info attributes and tags
 * @param data params and metrics
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoggedModel(
        @JsonProperty("info") LoggedModelInfo info,
        @JsonProperty("data") LoggedModelData data) {
}
