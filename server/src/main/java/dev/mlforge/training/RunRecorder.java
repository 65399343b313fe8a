package dev.mlforge.training;

import dev.mlforge.datasets.MlflowDataset;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where training and pipelines record runs: the seam to the tracking service (in the server) or to a remote
 * MLflow-compatible server (in the CLI). Implementations must be thread-safe: pipeline steps record in parallel.
 */
public interface RunRecorder {
    /**
     * Starts a run in {@code experiment} (created when missing) and returns its id; {@code parentRunId} may be null,
     * otherwise the run is nested under it (MLflow's {@code mlflow.parentRunId} tag).
     */
    String startRun(String experiment, String runName, String parentRunId, Map<String, String> tags);

    void logParams(String runId, Map<String, String> params);

    /** Logs metrics at {@code step} (0 for final values). */
    void logMetrics(String runId, Map<String, Double> metrics, long step);

    /** Copies the file or directory {@code localPath} under the run's artifacts at {@code artifactPath}. */
    void logArtifact(String runId, Path localPath, String artifactPath);

    void setTags(String runId, Map<String, String> tags);

    /**
     * Records that the run consumed {@code dataset} (MLflow's {@code log_inputs}), tagged with {@code mlflow.data.context}
     * = {@code context} (e.g. {@link MlflowDataset#TRAINING}; null for no context). Logging the same dataset
     * (name and digest) to the same run again changes nothing.
     */
    void logDatasetInput(String runId, MlflowDataset dataset, String context);

    void endRun(String runId, RunOutcome status);
}
