package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
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
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @JsonProperty("artifact_location") String artifactLocation,
        @JsonProperty("tags") List<ExperimentTag> tags) {
}
