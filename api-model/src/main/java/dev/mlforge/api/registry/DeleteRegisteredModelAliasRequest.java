package dev.mlforge.api.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code DELETE registered-models/alias}.
 *
 * @param name the model name
 * @param alias the alias
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteRegisteredModelAliasRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED) @JsonProperty("alias") String alias) {
}
