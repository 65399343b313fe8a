package dev.mlforge.pipelines.steps;

import dev.mlforge.datasets.MlflowDataset;
import dev.mlforge.training.RunRecorder;
import dev.mlforge.training.RunOutcome;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * A recorder through which a long step notices that it was cancelled: starting a run (a new trial of a search) on an
 * interrupted thread throws, so a timed-out {@code train} step stops after its current trial instead of going on.
 */
final class InterruptibleRecorder implements RunRecorder {
    private final RunRecorder recorder;

    InterruptibleRecorder(RunRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public String startRun(String experiment, String runName, String parentRunId, Map<String, String> tags) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the step was cancelled (timed out) before run '" + runName + "'");
        }
        return recorder.startRun(experiment, runName, parentRunId, tags);
    }

    @Override
    public void logParams(String runId, Map<String, String> params) {
        recorder.logParams(runId, params);
    }

    @Override
    public void logMetrics(String runId, Map<String, Double> metrics, long step) {
        recorder.logMetrics(runId, metrics, step);
    }

    @Override
    public void logArtifact(String runId, Path localPath, String artifactPath) {
        recorder.logArtifact(runId, localPath, artifactPath);
    }

    @Override
    public void setTags(String runId, Map<String, String> tags) {
        recorder.setTags(runId, tags);
    }

    @Override
    public void logDatasetInput(String runId, MlflowDataset dataset, String context) {
        recorder.logDatasetInput(runId, dataset, context);
    }

    @Override
    public void endRun(String runId, RunOutcome status) {
        recorder.endRun(runId, status);
    }
}
