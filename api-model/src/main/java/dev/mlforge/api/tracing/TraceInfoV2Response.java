package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code {"trace_info": ...}}: the answer of MLflow 2's StartTrace, EndTrace and GetTraceInfo, which share one shape.
 *
 * @param traceInfo the trace's info as it is stored after the call
 */
public record TraceInfoV2Response(@JsonProperty("trace_info") TraceInfoV2 traceInfo) {
}
