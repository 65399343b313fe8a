package dev.mlforge.pipelines;

import java.time.Instant;

/** The persisted state of one step of a pipeline run; {@code outputsJson} is set once the step succeeded. */
public record StepRecord(String step, StepState state, int attempts, boolean cached, String cacheKey, String trackingRunId,
        String message, String outputsJson, Instant updatedAt) {}
