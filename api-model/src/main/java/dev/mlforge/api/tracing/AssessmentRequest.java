package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of CreateAssessment and UpdateAssessment (the trace and assessment ids are in the path).
 *
 * @param assessment the assessment, or on update its changed fields
 * @param updateMask on update, the fields to change, comma separated, camelCase ({@code assessmentName,feedback})
 */
public record AssessmentRequest(
        @JsonProperty("assessment") Assessment assessment,
        @JsonProperty("update_mask") String updateMask) {
}
