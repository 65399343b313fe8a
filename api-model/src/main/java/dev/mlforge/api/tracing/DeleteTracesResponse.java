package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;

/** @param tracesDeleted how many traces were deleted */
public record DeleteTracesResponse(@JsonProperty("traces_deleted") int tracesDeleted) {
}
