package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An experiment: a named group of runs.
 *
 * @param experimentId the experiment id, a decimal string such as {@code "0"}
 * @param name the unique name
 * @param artifactLocation the root URI of the experiment's artifacts, e.g. {@code mlflow-artifacts:/1}
 * @param lifecycleStage {@code active} or {@code deleted}
 * @param lastUpdateTime last change, milliseconds since the epoch
 * @param creationTime creation, milliseconds since the epoch
 * @param tags the experiment's tags
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Experiment(
        @JsonProperty("experiment_id") String experimentId,
        @JsonProperty("name") String name,
        @JsonProperty("artifact_location") String artifactLocation,
        @JsonProperty("lifecycle_stage") String lifecycleStage,
        @JsonProperty("last_update_time") Long lastUpdateTime,
        @JsonProperty("creation_time") Long creationTime,
        @JsonProperty("tags") List<ExperimentTag> tags) {
}
