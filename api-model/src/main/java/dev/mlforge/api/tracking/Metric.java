package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One measurement of a metric. The value may be NaN or infinite; JSON carries those as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 *
 * @param key the metric name
 * @param value the measured value
 * @param timestamp when it was measured, milliseconds since the epoch
 * @param step the training step, 0 when not given
 * @param datasetName the dataset the value was measured on, if any (logged-model metrics)
 * @param datasetDigest that dataset's digest, if any
 * @param modelId the logged model the value belongs to, if any
 * @param runId the run that logged the value (in a logged model's metrics)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Metric(
        @Schema(requiredMode = REQUIRED) @JsonProperty("key") String key,
        @Schema(requiredMode = REQUIRED) @JsonProperty("value") Double value,
        @Schema(requiredMode = REQUIRED) @JsonProperty("timestamp") Long timestamp,
        @JsonProperty("step") Long step,
        @JsonProperty("dataset_name") String datasetName,
        @JsonProperty("dataset_digest") String datasetDigest,
        @JsonProperty("model_id") String modelId,
        @JsonProperty("run_id") String runId) {

    /** A run's metric: no dataset, model or run fields on the wire. */
    public Metric(String key, Double value, Long timestamp, Long step) {
        this(key, value, timestamp, step, null, null, null, null);
    }
}
