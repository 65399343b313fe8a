package dev.mlforge.api.datasets;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlforge.api.tracking.Dataset;

/**
 * The answer of registering a dataset and of reading one version
 * ({@code POST /api/v1/datasets}, {@code GET /api/v1/datasets/{name}/versions/{version}}).
 *
 * @param datasetVersion the version with its schema and profile
 * @param mlflowDataset the same version as MLflow's {@code Dataset} entity, as runs log it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatasetVersionResponse(
        @JsonProperty("dataset_version") DatasetVersion datasetVersion,
        @JsonProperty("mlflow_dataset") Dataset mlflowDataset) {}
