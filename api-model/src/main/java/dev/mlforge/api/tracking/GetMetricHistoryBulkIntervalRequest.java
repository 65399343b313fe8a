package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The query of {@code metrics/get-history-bulk-interval}.
 *
 * @param runIds the runs
 * @param metricKey the metric key
 * @param startStep the first step, or null for the first logged
 * @param endStep the last step, or null for the last logged
 * @param maxResults how many points per run at most, or null for the server default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetMetricHistoryBulkIntervalRequest(
        @JsonProperty("run_ids") List<String> runIds,
        @JsonProperty("metric_key") String metricKey,
        @JsonProperty("start_step") Long startStep,
        @JsonProperty("end_step") Long endStep,
        @JsonProperty("max_results") Integer maxResults) {
}
