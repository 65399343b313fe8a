package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a monitor's reference data comes from: a registered dataset version, or a CSV artifact of a run.
 *
 * @param dataset the registered dataset's name, or null for a run artifact
 * @param datasetVersion the dataset version, or null for a run artifact
 * @param runId the run holding the CSV artifact, or null for a dataset
 * @param artifactPath the CSV artifact's path in the run, or null for a dataset
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorReferenceSpec(
        @JsonProperty("dataset") String dataset,
        @JsonProperty("dataset_version") Integer datasetVersion,
        @JsonProperty("run_id") String runId,
        @JsonProperty("artifact_path") String artifactPath) {}
