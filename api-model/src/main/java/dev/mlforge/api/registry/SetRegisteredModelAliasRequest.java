package dev.mlforge.api.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST registered-models/alias}: points an alias at a version (moving it when it exists).
 *
 * @param name the model name
 * @param alias the alias
 * @param version the version number
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetRegisteredModelAliasRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED) @JsonProperty("alias") String alias,
        @Schema(requiredMode = REQUIRED) @JsonProperty("version") String version) {
}
