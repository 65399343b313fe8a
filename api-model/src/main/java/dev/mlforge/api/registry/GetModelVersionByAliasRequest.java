package dev.mlforge.api.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The query of {@code GET registered-models/alias}.
 *
 * @param name the model name
 * @param alias the alias
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetModelVersionByAliasRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED) @JsonProperty("alias") String alias) {
}
