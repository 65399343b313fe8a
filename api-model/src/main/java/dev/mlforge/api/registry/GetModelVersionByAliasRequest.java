package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The query of {@code GET registered-models/alias}.
 *
 * @param name the model name
 * @param alias the alias
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetModelVersionByAliasRequest(
        @JsonProperty("name") String name,
        @JsonProperty("alias") String alias) {
}
