package dev.mlforge.training;

/** How a tracked run ended (MLflow's terminal run statuses). */
public enum RunOutcome {
    FINISHED,
    FAILED,
    KILLED
}
