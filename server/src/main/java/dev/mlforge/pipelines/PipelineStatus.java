package dev.mlforge.pipelines;

/** The state of a whole pipeline run. */
public enum PipelineStatus {
    RUNNING,
    SUCCEEDED,
    FAILED
}
