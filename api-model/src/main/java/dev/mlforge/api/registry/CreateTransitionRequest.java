package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

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
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("stage") String stage,
        @JsonProperty("alias") String alias,
        @JsonProperty("archive_existing_versions") Boolean archiveExistingVersions,
        @JsonProperty("comment") String comment) {
}
