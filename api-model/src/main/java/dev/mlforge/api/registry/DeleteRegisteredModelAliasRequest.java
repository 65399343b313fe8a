package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code DELETE registered-models/alias}.
 *
 * @param name the model name
 * @param alias the alias
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteRegisteredModelAliasRequest(
        @JsonProperty("name") String name,
        @JsonProperty("alias") String alias) {
}
