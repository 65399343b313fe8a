package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code {"assessment": ...}}: the answer of the assessment routes. */
public record AssessmentResponse(@JsonProperty("assessment") Assessment assessment) {
}
