package dev.mlforge.pipelines;

import java.time.Clock;

/** The identity of one pipeline run while it executes, and the channel for its step events. */
record RunInProgress(String id, String experiment, String trackingRunId, PipelineListener listener, Clock clock) {
    void emit(String step, StepState state, int attempt, String message) {
        listener.onEvent(new StepEvent(id, step, state, attempt, message, clock.instant()));
    }
}
