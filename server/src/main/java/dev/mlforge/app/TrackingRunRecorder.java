package dev.mlforge.app;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.datasets.MlflowDataset;
import dev.mlforge.tracking.DatasetEntity;
import dev.mlforge.tracking.DatasetInputEntity;
import dev.mlforge.tracking.MetricEntity;
import dev.mlforge.tracking.ParamEntity;
import dev.mlforge.tracking.Tag;
import dev.mlforge.tracking.TrackingService;
import dev.mlforge.training.RunRecorder;
import dev.mlforge.training.RunOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Records pipeline and training runs in the server's tracking service, so they appear in the MLflow API and UI;
 * artifacts are copied into the run's artifact folder of the artifact repository.
 */
public final class TrackingRunRecorder implements RunRecorder {
    private static final int BATCH = 100;
    private static final List<String> ARTIFACT_SCHEMES = List.of("mlflow-artifacts:/", "mlforge-artifacts:/");

    private final TrackingService tracking;
    private final ArtifactRepository artifacts;
    private final Clock clock;

    public TrackingRunRecorder(TrackingService tracking, ArtifactRepository artifacts, Clock clock) {
        this.tracking = tracking;
        this.artifacts = artifacts;
        this.clock = clock;
    }

    @Override
    public String startRun(String experiment, String runName, String parentRunId, Map<String, String> tags) {
        List<Tag> runTags = new ArrayList<>();
        tags.forEach((key, value) -> runTags.add(new Tag(key, value)));
        if (parentRunId != null) {
            runTags.add(new Tag("mlflow.parentRunId", parentRunId));
        }
        runTags.add(new Tag("mlflow.source.type", "JOB"));
        return tracking.createRun(experimentId(experiment), "mlforge-pipelines", runName, clock.millis(), runTags).info().runId();
    }

    private synchronized String experimentId(String name) {
        try {
            return tracking.getExperimentByName(name).experimentId();
        } catch (MlforgeException missing) {
            if (missing.errorCode() != ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                throw missing;
            }
            return tracking.createExperiment(name, null, List.of());
        }
    }

    @Override
    public void logParams(String runId, Map<String, String> params) {
        List<ParamEntity> list = params.entrySet().stream().map(entry -> new ParamEntity(entry.getKey(), entry.getValue())).toList();
        for (int i = 0; i < list.size(); i += BATCH) {
            List<ParamEntity> chunk = list.subList(i, Math.min(list.size(), i + BATCH));
            tracking.logBatch(runId, List.of(), chunk, List.of(), chunk.stream().mapToLong(p -> p.key().length() + p.value().length()).sum());
        }
    }

    @Override
    public void logMetrics(String runId, Map<String, Double> metrics, long step) {
        long now = clock.millis();
        List<MetricEntity> list = metrics.entrySet().stream().map(entry -> new MetricEntity(entry.getKey(), entry.getValue(), now, step)).toList();
        for (int i = 0; i < list.size(); i += BATCH) {
            List<MetricEntity> chunk = list.subList(i, Math.min(list.size(), i + BATCH));
            tracking.logBatch(runId, chunk, List.of(), List.of(), chunk.size() * 64L);
        }
    }

    @Override
    public void logArtifact(String runId, Path localPath, String artifactPath) {
        String root = artifactRoot(runId);
        try (Stream<Path> files = Files.isDirectory(localPath) ? Files.walk(localPath) : Stream.of(localPath)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = Files.isDirectory(localPath) ? localPath.relativize(file).toString().replace('\\', '/')
                        : file.getFileName().toString();
                try (InputStream in = Files.newInputStream(file)) {
                    artifacts.write(root + "/" + artifactPath + "/" + relative, in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot log artifact " + localPath + " to run " + runId, e);
        }
    }

    private String artifactRoot(String runId) {
        String uri = tracking.runArtifactUri(runId);
        for (String scheme : ARTIFACT_SCHEMES) {
            if (uri.startsWith(scheme)) {
                return uri.substring(scheme.length()).replaceAll("^/+", "");
            }
        }
        throw MlforgeException.invalidState("Run " + runId + " stores artifacts at " + uri
                + ", outside this server's artifact repository; pipelines cannot log artifacts there");
    }

    @Override
    public void setTags(String runId, Map<String, String> tags) {
        List<Tag> list = tags.entrySet().stream().map(entry -> new Tag(entry.getKey(), entry.getValue())).toList();
        tracking.logBatch(runId, List.of(), List.of(), list, list.stream().mapToLong(t -> t.key().length() + t.value().length()).sum());
    }

    /** Through the tracking service's {@code log-inputs}, so {@code runs/get} shows it under {@code inputs.dataset_inputs}. */
    @Override
    public void logDatasetInput(String runId, MlflowDataset dataset, String context) {
        DatasetEntity logged = new DatasetEntity(dataset.name(), dataset.digest(), dataset.sourceType(), dataset.source(), dataset.schema(),
                dataset.profile());
        List<Tag> tags = context == null ? List.of() : List.of(new Tag(DatasetInputEntity.CONTEXT_TAG, context));
        tracking.logInputs(runId, List.of(new DatasetInputEntity(logged, tags)));
    }

    @Override
    public void endRun(String runId, RunOutcome status) {
        tracking.updateRun(runId, status.name(), clock.millis(), null);
    }
}
