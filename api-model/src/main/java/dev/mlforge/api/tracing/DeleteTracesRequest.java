package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code traces/delete-traces}: either {@code request_ids}, or {@code max_timestamp_millis} with
 * {@code max_traces}.
 *
 * @param experimentId       the experiment whose traces are deleted
 * @param maxTimestampMillis delete traces that started at or before this time
 * @param maxTraces          at most this many (the oldest first)
 * @param requestIds         delete these traces
 */
public record DeleteTracesRequest(
        @JsonProperty("experiment_id") String experimentId,
        @JsonProperty("max_timestamp_millis") Long maxTimestampMillis,
        @JsonProperty("max_traces") Integer maxTraces,
        @JsonProperty("request_ids") List<String> requestIds) {
}
