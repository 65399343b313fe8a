package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A trace: its info and, where the route returns them, its spans. The spans are OpenTelemetry spans as MLflow's server
 * writes them (snake_case, ids base64, int64 values as numbers), already rendered as a JSON array.
 *
 * @param traceInfo the trace's info
 * @param spans     the spans as a JSON array text; null leaves the field out
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Trace(
        @JsonProperty("trace_info") TraceInfoV3 traceInfo,
        @ArraySchema(schema = @Schema(implementation = Object.class, description = "an OpenTelemetry span"))
        @JsonProperty("spans") @JsonRawValue String spans) {
}
