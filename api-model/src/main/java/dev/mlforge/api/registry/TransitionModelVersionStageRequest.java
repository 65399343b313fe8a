package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code model-versions/transition-stage}.
 *
 * @param name the model name
 * @param version the version number
 * @param stage {@code None}, {@code Staging}, {@code Production} or {@code Archived} (any case)
 * @param archiveExistingVersions whether the other versions in that stage move to {@code Archived}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransitionModelVersionStageRequest(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("stage") String stage,
        @JsonProperty("archive_existing_versions") Boolean archiveExistingVersions) {
}
