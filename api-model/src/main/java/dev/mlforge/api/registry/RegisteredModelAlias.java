package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An alias of a registered model, such as {@code champion}, and the version it points to.
 *
 * @param alias the alias
 * @param version the version number as a string
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisteredModelAlias(
        @JsonProperty("alias") String alias,
        @JsonProperty("version") String version) {
}
