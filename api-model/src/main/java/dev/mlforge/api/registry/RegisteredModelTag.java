package dev.mlforge.api.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A key-value tag on a registered model.
 *
 * @param key the tag key
 * @param value the tag value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisteredModelTag(
        @Schema(requiredMode = REQUIRED) @JsonProperty("key") String key,
        @JsonProperty("value") String value) {
}
