package dev.mlforge.training;

import dev.mlforge.datasets.MlflowDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps runs in memory: for local pipeline runs without a tracking server, the demo's summary, and tests.
 * Artifacts are recorded by reference (the local path), not copied.
 */
public final class InMemoryRunRecorder implements RunRecorder {
    /** One recorded run; its collections are guarded by the run's monitor. */
    public static final class RecordedRun {
        private final String runId;
        private final String experiment;
        private final String runName;
        private final String parentRunId;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private final Map<String, String> params = new LinkedHashMap<>();
        private final List<LoggedMetric> metrics = new ArrayList<>();
        private final Map<String, Path> artifacts = new LinkedHashMap<>();
        private final List<LoggedInput> inputs = new ArrayList<>();
        private RunOutcome status;

        RecordedRun(String runId, String experiment, String runName, String parentRunId) {
            this.runId = runId;
            this.experiment = experiment;
            this.runName = runName;
            this.parentRunId = parentRunId;
        }

        public String runId() {
            return runId;
        }

        public String experiment() {
            return experiment;
        }

        public String runName() {
            return runName;
        }

        public String parentRunId() {
            return parentRunId;
        }

        public synchronized Map<String, String> tags() {
            return Map.copyOf(tags);
        }

        public synchronized Map<String, String> params() {
            return Map.copyOf(params);
        }

        public synchronized List<LoggedMetric> metrics() {
            return List.copyOf(metrics);
        }

        public synchronized Map<String, Path> artifacts() {
            return Map.copyOf(artifacts);
        }

        /** The datasets the run consumed, in logging order, one per name and digest. */
        public synchronized List<LoggedInput> inputs() {
            return List.copyOf(inputs);
        }

        /** Null while the run is active. */
        public synchronized RunOutcome status() {
            return status;
        }

        public synchronized Double lastMetric(String key) {
            Double value = null;
            for (LoggedMetric metric : metrics) {
                if (metric.key().equals(key)) {
                    value = metric.value();
                }
            }
            return value;
        }
    }

    public record LoggedMetric(String key, double value, long step) {}

    /** A dataset input; {@code context} is its {@code mlflow.data.context}, null when none was given. */
    public record LoggedInput(MlflowDataset dataset, String context) {}

    private final Map<String, RecordedRun> runs = new ConcurrentHashMap<>();
    private final List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ids = new AtomicLong();

    @Override
    public String startRun(String experiment, String runName, String parentRunId, Map<String, String> tags) {
        String id = String.format("run%06d", ids.incrementAndGet());
        RecordedRun run = new RecordedRun(id, experiment, runName, parentRunId);
        run.tags.putAll(tags);
        run.tags.put("mlflow.runName", runName);
        if (parentRunId != null) {
            run.tags.put("mlflow.parentRunId", parentRunId);
        }
        runs.put(id, run);
        order.add(id);
        return id;
    }

    @Override
    public void logParams(String runId, Map<String, String> params) {
        RecordedRun run = run(runId);
        synchronized (run) {
            run.params.putAll(params);
        }
    }

    @Override
    public void logMetrics(String runId, Map<String, Double> metrics, long step) {
        RecordedRun run = run(runId);
        synchronized (run) {
            metrics.forEach((key, value) -> run.metrics.add(new LoggedMetric(key, value, step)));
        }
    }

    @Override
    public void logArtifact(String runId, Path localPath, String artifactPath) {
        RecordedRun run = run(runId);
        synchronized (run) {
            run.artifacts.put(artifactPath, localPath);
        }
    }

    @Override
    public void setTags(String runId, Map<String, String> tags) {
        RecordedRun run = run(runId);
        synchronized (run) {
            run.tags.putAll(tags);
        }
    }

    @Override
    public void logDatasetInput(String runId, MlflowDataset dataset, String context) {
        RecordedRun run = run(runId);
        synchronized (run) {
            boolean logged = run.inputs.stream().anyMatch(input -> input.dataset().name().equals(dataset.name())
                    && input.dataset().digest().equals(dataset.digest()));
            if (!logged) {
                run.inputs.add(new LoggedInput(dataset, context));
            }
        }
    }

    @Override
    public void endRun(String runId, RunOutcome status) {
        RecordedRun run = run(runId);
        synchronized (run) {
            run.status = status;
        }
    }

    public RecordedRun run(String runId) {
        RecordedRun run = runs.get(runId);
        if (run == null) {
            throw new IllegalArgumentException("No run " + runId);
        }
        return run;
    }

    /** All runs in start order. */
    public List<RecordedRun> runs() {
        synchronized (order) {
            return order.stream().map(runs::get).toList();
        }
    }

    public List<RecordedRun> children(String parentRunId) {
        return runs().stream().filter(run -> parentRunId.equals(run.parentRunId())).toList();
    }
}
