package dev.mlforge.pipelines;

import java.time.Instant;

/** A step changed state; {@code message} explains failures, retries and skips. */
public record StepEvent(String pipelineRunId, String step, StepState state, int attempt, String message, Instant time) {}
