package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code experiments/create}.
 *
 * @param name the experiment name (required)
 * @param artifactLocation the artifact root; only {@code mlflow-artifacts:/...} URIs are accepted
 * @param tags initial tags
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateExperimentRequest(
        @JsonProperty("name") String name,
        @JsonProperty("artifact_location") String artifactLocation,
        @JsonProperty("tags") List<ExperimentTag> tags) {
}
