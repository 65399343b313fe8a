package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * MLflow 2's trace info ({@code TraceInfo}), which the 2.0 routes answer.
 *
 * @param requestId       the trace id
 * @param experimentId    the experiment
 * @param timestampMs     start, epoch milliseconds
 * @param executionTimeMs duration in milliseconds
 * @param status          OK, ERROR, IN_PROGRESS or TRACE_STATUS_UNSPECIFIED
 * @param requestMetadata metadata entries
 * @param tags            tag entries
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TraceInfoV2(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("experiment_id") String experimentId,
        @JsonProperty("timestamp_ms") Long timestampMs,
        @JsonProperty("execution_time_ms") Long executionTimeMs,
        @JsonProperty("status") String status,
        @JsonProperty("request_metadata") List<Entry> requestMetadata,
        @JsonProperty("tags") List<Entry> tags) {

    /** A metadata or tag entry. */
    public record Entry(@JsonProperty("key") String key, @JsonProperty("value") String value) {}
}
