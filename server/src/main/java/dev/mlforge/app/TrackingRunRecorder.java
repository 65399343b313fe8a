package dev.mlforge.app;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.MlforgeException;
import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.artifacts.ArtifactUris;
import dev.mlforge.tracking.Metric;
import dev.mlforge.tracking.Param;
import dev.mlforge.tracking.Tag;
import dev.mlforge.tracking.TrackingService;
import dev.mlforge.training.RunRecorder;
import dev.mlforge.training.RunStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records training and pipeline runs in the server's own tracking service, and their artifacts in its artifact
 * repository, so that they show up through the MLflow API like runs logged by any client.
 */
final class TrackingRunRecorder implements RunRecorder {
    static final String PARENT_RUN_TAG = "mlflow.parentRunId";
    private static final String USER = "mlforge-pipelines";
    private static final int BATCH = 1000;

    private final TrackingService tracking;
    private final ArtifactRepository artifacts;
    private final ArtifactTrees trees;
    private final Clock clock;

    TrackingRunRecorder(TrackingService tracking, ArtifactRepository artifacts, Clock clock) {
        this.tracking = tracking;
        this.artifacts = artifacts;
        this.trees = new ArtifactTrees(artifacts);
        this.clock = clock;
    }

    @Override
    public String startRun(String experiment, String runName, String parentRunId, Map<String, String> tags) {
        List<Tag> runTags = new ArrayList<>();
        tags.forEach((key, value) -> runTags.add(new Tag(key, value)));
        if (parentRunId != null) {
            runTags.add(new Tag(PARENT_RUN_TAG, parentRunId));
        }
        return tracking.createRun(experimentId(experiment), USER, runName, clock.millis(), runTags).info().runId();
    }

    /** The id of the experiment named {@code name}, created when missing (another writer may create it first). */
    private synchronized String experimentId(String name) {
        try {
            return tracking.getExperimentByName(name).experimentId();
        } catch (MlforgeException e) {
            if (e.errorCode() != ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                throw e;
            }
        }
        try {
            return tracking.createExperiment(name, null, List.of());
        } catch (MlforgeException e) {
            if (e.errorCode() != ErrorCode.RESOURCE_ALREADY_EXISTS) {
                throw e;
            }
            return tracking.getExperimentByName(name).experimentId();
        }
    }

    @Override
    public void logParams(String runId, Map<String, String> params) {
        List<Param> list = params.entrySet().stream().map(entry -> new Param(entry.getKey(), entry.getValue())).toList();
        for (int from = 0; from < list.size(); from += 100) {
            tracking.logBatch(runId, List.of(), list.subList(from, Math.min(list.size(), from + 100)), List.of(), 0);
        }
    }

    @Override
    public void logMetrics(String runId, Map<String, Double> metrics, long step) {
        long now = clock.millis();
        List<Metric> list = metrics.entrySet().stream()
                .map(entry -> new Metric(entry.getKey(), entry.getValue(), now, step)).toList();
        for (int from = 0; from < list.size(); from += BATCH) {
            tracking.logBatch(runId, list.subList(from, Math.min(list.size(), from + BATCH)), List.of(), List.of(), 0);
        }
    }

    @Override
    public void setTags(String runId, Map<String, String> tags) {
        Map<String, String> ordered = new LinkedHashMap<>(tags);
        List<Tag> list = ordered.entrySet().stream().map(entry -> new Tag(entry.getKey(), entry.getValue())).toList();
        tracking.logBatch(runId, List.of(), List.of(), list, 0);
    }

    @Override
    public void endRun(String runId, RunStatus status) {
        tracking.updateRun(runId, status.name(), clock.millis(), null);
    }

    @Override
    public void logArtifact(String runId, Path localPath, String artifactPath) {
        String root = ArtifactUris.relativePath(tracking.runArtifactUri(runId), artifactPath);
        if (Files.isDirectory(localPath)) {
            trees.upload(localPath, root);
        } else {
            copy(localPath, root + "/" + localPath.getFileName());
        }
    }

    private void copy(Path file, String path) {
        try (InputStream in = Files.newInputStream(file)) {
            artifacts.write(path, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " to log it as artifact " + path, e);
        }
    }
}
