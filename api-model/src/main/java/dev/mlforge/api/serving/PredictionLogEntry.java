package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One logged prediction as {@code GET /api/v1/deployments/{name}/predictions} reads it back, with its feedback.
 *
 * @param requestId the request id the answer carried ({@code X-Request-ID}); a shadow's answer has its request's id
 * @param modelVersion the model version that answered
 * @param shadow true for a shadow model's answer to a mirrored request, false for the answer the caller got
 * @param timestamp when it was answered, milliseconds since the epoch
 * @param latencyMs how long the model took, in milliseconds
 * @param inputs the input tensors as the model received them
 * @param outputs the output tensors as the model gave them
 * @param label the ground truth attached by feedback (any JSON value), or null (omitted) before feedback
 * @param feedbackTimestamp when the feedback arrived, milliseconds since the epoch, or null (omitted)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PredictionLogEntry(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("shadow") boolean shadow,
        @JsonProperty("timestamp") long timestamp,
        @JsonProperty("latency_ms") double latencyMs,
        @JsonProperty("inputs") List<InferenceTensor> inputs,
        @JsonProperty("outputs") List<InferenceTensor> outputs,
        @JsonProperty("label") Object label,
        @JsonProperty("feedback_timestamp") Long feedbackTimestamp) {}
