package dev.mlforge.api.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/registry/transition-requests}: ask for a stage or an alias to move to a version.
 *
 * @param name the model name
 * @param version the version number
 * @param stage the target stage, or null when {@code alias} is given
 * @param alias the target alias, or null when {@code stage} is given
 * @param archiveExistingVersions whether a stage change archives the versions in that stage, or null for false
 * @param comment why, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateTransitionRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED) @JsonProperty("version") String version,
        @JsonProperty("stage") String stage,
        @JsonProperty("alias") String alias,
        @JsonProperty("archive_existing_versions") Boolean archiveExistingVersions,
        @JsonProperty("comment") String comment) {
}
