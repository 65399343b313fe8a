package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /api/3.0/mlflow/traces}: a trace whose info is recorded (its spans, if any, are not read:
 * clients send spans to {@code /v1/traces}).
 *
 * @param trace the trace
 */
public record StartTraceV3Request(@JsonProperty("trace") TraceBody trace) {

    /** @param traceInfo the info to record */
    public record TraceBody(@JsonProperty("trace_info") TraceInfoV3 traceInfo) {}
}
