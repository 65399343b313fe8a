package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code model-versions/get-download-uri}.
 *
 * @param artifactUri where the version's model files can be downloaded, e.g. {@code mlflow-artifacts:/1/<run>/artifacts/model}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetModelVersionDownloadUriResponse(
        @JsonProperty("artifact_uri") String artifactUri) {
}
