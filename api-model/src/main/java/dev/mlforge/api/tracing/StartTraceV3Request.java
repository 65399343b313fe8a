package dev.mlforge.api.tracing;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/3.0/mlflow/traces}: a trace whose info is recorded (its spans, if any, are not read:
 * clients send spans to {@code /v1/traces}).
 *
 * @param trace the trace
 */
public record StartTraceV3Request(@Schema(requiredMode = REQUIRED) @JsonProperty("trace") TraceBody trace) {

    /** @param traceInfo the info to record */
    public record TraceBody(@Schema(requiredMode = REQUIRED) @JsonProperty("trace_info") TraceInfoV3 traceInfo) {}
}
