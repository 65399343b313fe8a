package dev.mlforge.pipelines;

/** The states a step goes through in a pipeline run. */
public enum StepState {
    PENDING,
    RUNNING,
    RETRYING,
    SUCCEEDED,
    CACHED,
    FAILED,
    SKIPPED;

    public boolean terminal() {
        return this == SUCCEEDED || this == CACHED || this == FAILED || this == SKIPPED;
    }
}
