package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A key-value tag on a dataset input, e.g. {@code mlflow.data.context = training}.
 *
 * @param key the tag key
 * @param value the tag value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputTag(
        @Schema(requiredMode = REQUIRED) @JsonProperty("key") String key,
        @Schema(requiredMode = REQUIRED) @JsonProperty("value") String value) {
}
