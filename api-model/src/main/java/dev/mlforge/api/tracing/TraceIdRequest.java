package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The fields that name traces: {@code trace_id} (GetTraceInfoV3, GetTrace), {@code trace_ids} (batchGet),
 * {@code request_id} (the 2.0 routes).
 *
 * @param traceId      one trace
 * @param traceIds     several traces
 * @param requestId    one trace, as the 2.0 routes name it
 * @param allowPartial whether GetTrace may answer a trace whose spans are not all in yet
 */
public record TraceIdRequest(
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("trace_ids") List<String> traceIds,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("allow_partial") Boolean allowPartial) {
}
