package dev.mlforge.pipelines;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** The persisted state of one step of a pipeline run; {@code outputsJson} is set once the step succeeded. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StepRecord(String step, StepState state, int attempts, boolean cached, String cacheKey, String trackingRunId,
        String message,
        @JsonRawValue @JsonProperty("outputs") String outputsJson, Instant updatedAt) {}
