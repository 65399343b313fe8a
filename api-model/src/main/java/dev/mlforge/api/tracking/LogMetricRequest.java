package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

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
        @JsonAlias("run_uuid") @Schema(requiredMode = REQUIRED) @JsonProperty("run_id") String runId,
        @Schema(requiredMode = REQUIRED) @JsonProperty("key") String key,
        @Schema(requiredMode = REQUIRED) @JsonProperty("value") Double value,
        @Schema(requiredMode = REQUIRED) @JsonProperty("timestamp") Long timestamp,
        @JsonProperty("step") Long step,
        @JsonProperty("model_id") String modelId,
        @JsonProperty("dataset_name") String datasetName,
        @JsonProperty("dataset_digest") String datasetDigest) {
}
