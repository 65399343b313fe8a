package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One order-by item of a logged-model search.
 *
 * @param fieldName such as {@code metrics.accuracy}, {@code params.alpha} or {@code creation_timestamp} (required)
 * @param ascending ascending when absent
 * @param datasetName for a metric: only values logged on this dataset count
 * @param datasetDigest for a metric with a dataset name: only values logged on this digest count
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchLoggedModelsOrderBy(
        @JsonProperty("field_name") String fieldName,
        @JsonProperty("ascending") Boolean ascending,
        @JsonProperty("dataset_name") String datasetName,
        @JsonProperty("dataset_digest") String datasetDigest) {
}
