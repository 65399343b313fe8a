package dev.mlforge.api.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

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
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED) @JsonProperty("version") String version,
        @Schema(requiredMode = REQUIRED) @JsonProperty("stage") String stage,
        @Schema(requiredMode = REQUIRED) @JsonProperty("archive_existing_versions") Boolean archiveExistingVersions) {
}
