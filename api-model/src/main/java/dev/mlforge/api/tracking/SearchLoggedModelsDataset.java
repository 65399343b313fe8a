package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A dataset of a logged-model search: metric clauses count only the metrics logged on it.
 *
 * @param datasetName the dataset's name (required)
 * @param datasetDigest the dataset's digest; any digest when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchLoggedModelsDataset(
        @JsonProperty("dataset_name") String datasetName,
        @JsonProperty("dataset_digest") String datasetDigest) {
}
