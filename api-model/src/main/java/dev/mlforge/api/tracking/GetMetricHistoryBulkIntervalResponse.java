package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer to {@code metrics/get-history-bulk-interval}.
 *
 * @param metrics the sampled measurements of all requested runs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetMetricHistoryBulkIntervalResponse(
        @JsonProperty("metrics") List<MetricWithRunId> metrics) {
}
