package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code runs/log-metric}.
 *
 * @param runId the run id
 * @param key the metric name
 * @param value the value
 * @param timestamp milliseconds since the epoch
 * @param step the step, 0 when absent
 * @param modelId the logged model the value also belongs to, if any
 * @param datasetName the dataset the value was measured on, if any
 * @param datasetDigest that dataset's digest, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogMetricRequest(
        @JsonAlias("run_uuid") @JsonProperty("run_id") String runId,
        @JsonProperty("key") String key,
        @JsonProperty("value") Double value,
        @JsonProperty("timestamp") Long timestamp,
        @JsonProperty("step") Long step,
        @JsonProperty("model_id") String modelId,
        @JsonProperty("dataset_name") String datasetName,
        @JsonProperty("dataset_digest") String datasetDigest) {
}
