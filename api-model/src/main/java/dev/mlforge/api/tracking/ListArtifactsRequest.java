package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The query of {@code artifacts/list} and of the run artifact download {@code get-artifact}.
 *
 * @param runId the run id (the older {@code run_uuid} is read too)
 * @param path the directory (list) or file (download) relative to the run's artifact root, or null for the root
 * @param pageToken accepted and ignored: one page holds every entry
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListArtifactsRequest(
        @JsonAlias("run_uuid") @Schema(requiredMode = REQUIRED) @JsonProperty("run_id") String runId,
        @JsonProperty("path") String path,
        @JsonProperty("page_token") String pageToken) {
}
