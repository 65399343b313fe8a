package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * MLflow 3's trace info ({@code TraceInfoV3}); empty maps and lists are left out, as proto3 JSON leaves them out.
 *
 * @param traceId           {@code tr-} and 32 hex digits
 * @param clientRequestId   an id the caller chose
 * @param traceLocation     the experiment holding the trace
 * @param requestTime       when the trace started (proto3 JSON timestamp)
 * @param executionDuration how long it ran (proto3 JSON duration)
 * @param state             {@code OK}, {@code ERROR}, {@code IN_PROGRESS} or {@code STATE_UNSPECIFIED}
 * @param traceMetadata     immutable metadata ({@code mlflow.sourceRun}, {@code mlflow.traceInputs}...)
 * @param assessments       feedback and expectations logged on the trace
 * @param tags              mutable tags
 * @param requestPreview    the root span's inputs, truncated
 * @param responsePreview   the root span's outputs, truncated
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TraceInfoV3(
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("client_request_id") String clientRequestId,
        @JsonProperty("trace_location") TraceLocation traceLocation,
        @JsonProperty("request_time") String requestTime,
        @JsonProperty("execution_duration") String executionDuration,
        @JsonProperty("state") String state,
        @JsonProperty("trace_metadata") Map<String, String> traceMetadata,
        @JsonProperty("assessments") List<Assessment> assessments,
        @JsonProperty("tags") Map<String, String> tags,
        @JsonProperty("request_preview") String requestPreview,
        @JsonProperty("response_preview") String responsePreview) {
}
