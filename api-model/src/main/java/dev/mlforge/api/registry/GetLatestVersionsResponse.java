package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code registered-models/get-latest-versions}.
 *
 * @param modelVersions the latest version in each requested stage, newest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetLatestVersionsResponse(
        @JsonProperty("model_versions") List<ModelVersion> modelVersions) {
}
