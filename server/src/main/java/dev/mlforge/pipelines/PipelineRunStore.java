package dev.mlforge.pipelines;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Persists pipeline runs and their steps' states. */
interface PipelineRunStore {
    void createRun(String runId, PipelineDefinition definition, Map<String, String> params, String trigger, Instant startedAt);

    void saveStep(String runId, StepRecord step);

    void finishRun(String runId, PipelineStatus status, String trackingRunId, String message, Instant endedAt);

    Optional<PipelineRunRecord> find(String runId);

    /** The YAML the run was started from, as submitted; empty when the run does not exist. */
    Optional<String> definitionSource(String runId);

    /** Newest first; {@code pipelineName} null for all pipelines. */
    List<PipelineRunRecord> list(String pipelineName, int limit);

    /** The runs marked RUNNING, with what it takes to run them again (for taking over a stopped server's runs). */
    List<RunningRun> running();

    /** Sets every step of the run back to PENDING and notes {@code message}, before it runs again from the start. */
    void restartRun(String runId, String message);

    /** Whether a run started by {@code trigger} is still running. */
    boolean hasRunning(String trigger);
}
