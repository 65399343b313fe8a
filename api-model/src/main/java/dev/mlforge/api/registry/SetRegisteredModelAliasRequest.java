package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST registered-models/alias}: points an alias at a version (moving it when it exists).
 *
 * @param name the model name
 * @param alias the alias
 * @param version the version number
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetRegisteredModelAliasRequest(
        @JsonProperty("name") String name,
        @JsonProperty("alias") String alias,
        @JsonProperty("version") String version) {
}
