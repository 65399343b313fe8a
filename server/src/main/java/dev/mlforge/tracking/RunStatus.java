package dev.mlforge.tracking;

/** The execution status of a run, with MLflow's names. */
public enum RunStatus {
    RUNNING, SCHEDULED, FINISHED, FAILED, KILLED
}
