package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A feedback or an expectation on a trace ({@code assessments.Assessment}); exactly one of {@code feedback} and
 * {@code expectation} is set. Their values are kept as the client sent them.
 *
 * @param assessmentId   {@code a-} and 32 hex digits, given by the server
 * @param assessmentName what is assessed
 * @param traceId        the trace
 * @param spanId         the span, when the assessment is on one span
 * @param source         who assessed: {@code source_type} (HUMAN, LLM_JUDGE, CODE) and {@code source_id}
 * @param createTime     proto3 JSON timestamp
 * @param lastUpdateTime proto3 JSON timestamp
 * @param feedback       {@code {"value": ..., "error": ...}}
 * @param expectation    {@code {"value": ...}} or {@code {"serialized_value": ...}}
 * @param rationale      why
 * @param metadata       free-form string metadata
 * @param overrides      the id of the assessment this one overrides
 * @param valid          false once overridden
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Assessment(
        @JsonProperty("assessment_id") String assessmentId,
        @JsonProperty("assessment_name") String assessmentName,
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("span_id") String spanId,
        @JsonProperty("source") Map<String, Object> source,
        @JsonProperty("create_time") String createTime,
        @JsonProperty("last_update_time") String lastUpdateTime,
        @JsonProperty("feedback") Map<String, Object> feedback,
        @JsonProperty("expectation") Map<String, Object> expectation,
        @JsonProperty("rationale") String rationale,
        @JsonProperty("metadata") Map<String, String> metadata,
        @JsonProperty("overrides") String overrides,
        @JsonProperty("valid") Boolean valid) {
}
