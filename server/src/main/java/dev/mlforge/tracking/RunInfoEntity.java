package dev.mlforge.tracking;

/** The metadata of a run. {@code endTime} is null while the run has not ended. */
public record RunInfoEntity(String runId, String experimentId, String runName, String userId, RunStatus status,
                      long startTime, Long endTime, String artifactUri, LifecycleStage lifecycleStage) {

    boolean isActive() {
        return lifecycleStage == LifecycleStage.ACTIVE;
    }
}
