package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A run parameter: a key with an immutable string value.
 *
 * @param key the parameter name
 * @param value the parameter value, at most 6000 characters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Param(
        @Schema(requiredMode = REQUIRED) @JsonProperty("key") String key,
        @Schema(requiredMode = REQUIRED) @JsonProperty("value") String value) {
}
