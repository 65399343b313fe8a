package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An immutable key-value parameter of a logged model.
 *
 * @param key the parameter name
 * @param value the parameter value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoggedModelParameter(
        @Schema(requiredMode = REQUIRED) @JsonProperty("key") String key,
        @Schema(requiredMode = REQUIRED) @JsonProperty("value") String value) {
}
