package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A metric measurement together with the run it belongs to, as returned by {@code metrics/get-history-bulk-interval}.
 *
 * @param key the metric name
 * @param value the measured value
 * @param timestamp when it was measured, milliseconds since the epoch
 * @param step the training step
 * @param runId the run id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricWithRunId(
        @JsonProperty("key") String key,
        @JsonProperty("value") Double value,
        @JsonProperty("timestamp") Long timestamp,
        @JsonProperty("step") Long step,
        @JsonProperty("run_id") String runId) {
}
