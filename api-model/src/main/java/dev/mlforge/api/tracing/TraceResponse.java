package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code {"trace": ...}}: the answer of StartTraceV3, GetTraceInfoV3 and GetTrace. */
public record TraceResponse(@JsonProperty("trace") Trace trace) {
}
