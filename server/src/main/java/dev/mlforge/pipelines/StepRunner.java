package dev.mlforge.pipelines;

import dev.mlforge.datasets.MlflowDataset;
import dev.mlforge.training.RunRecorder;
import dev.mlforge.training.RunOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one step of a pipeline run: looks it up in the cache by the digest of its type, parameters and inputs;
 * otherwise runs it with a timeout per attempt and retries with exponential backoff; records it as a child run, with
 * the dataset versions it derives from as the run's dataset inputs.
 */
final class StepRunner {
    private static final String CACHE_FORMAT = "mlforge-step-cache-1";
    /** How long a timed-out attempt may take to stop once interrupted. */
    static final java.time.Duration STOP_GRACE = java.time.Duration.ofSeconds(10);

    /** A timed-out attempt still running after the grace: retrying would race it for the output folder. */
    private static final class AbandonedAttempt extends TimeoutException {
        AbandonedAttempt(String message) {
            super(message);
        }
    }

    private final StepCatalog catalog;
    private final StepCache cache;
    private final PipelineServices services;
    private final Path workDir;
    private final ExecutorService attempts;

    StepRunner(StepCatalog catalog, StepCache cache, PipelineServices services, Path workDir, ExecutorService attempts) {
        this.catalog = catalog;
        this.cache = cache;
        this.services = services;
        this.workDir = workDir;
        this.attempts = attempts;
    }

    /** Runs {@code definition}; {@code datasets} are the dataset versions declared upstream of it. */
    StepOutcome run(RunInProgress run, StepDefinition definition, Map<String, StepValue> inputs, List<MlflowDataset> datasets) {
        RunRecorder recorder = services.recorder();
        String cacheKey = cacheKey(definition, inputs);
        String trackingRunId = recorder.startRun(run.experiment(), definition.name(), run.trackingRunId(), Map.of(
                "mlforge.pipeline_run_id", run.id(), "mlforge.step", definition.name(), "mlforge.step_type", definition.uses(),
                "mlforge.cache_key", cacheKey));
        recorder.logParams(trackingRunId, RunParams.flatten(definition.with()));
        Step step;
        try {
            step = catalog.create(definition.uses());
        } catch (RuntimeException e) {
            return fail(run, definition, trackingRunId, 0, "cannot create step: " + e.getMessage());
        }
        try {
            datasets.forEach(dataset -> recorder.logDatasetInput(trackingRunId, dataset, step.datasetContext()));
        } catch (RuntimeException e) {
            return fail(run, definition, trackingRunId, 0, "cannot record the step's dataset inputs: " + describe(e));
        }
        boolean cacheable = definition.cache() && step.cacheable();
        if (cacheable) {
            var cached = cache.find(cacheKey);
            if (cached.isPresent()) {
                recorder.setTags(trackingRunId, Map.of("mlforge.cache_hit", "true"));
                recordDeclaredDatasets(run, trackingRunId, step, cached.get());
                recorder.endRun(trackingRunId, RunOutcome.FINISHED);
                run.emit(definition.name(), StepState.CACHED, 0, "cache hit " + cacheKey.substring(0, 12));
                return new StepOutcome.Succeeded(definition.name(), cached.get(), true, 0, cacheKey, trackingRunId);
            }
        }
        Path outputDir = cacheable ? workDir.resolve("cache").resolve(cacheKey)
                : workDir.resolve("runs").resolve(run.id()).resolve(definition.name());
        int maxAttempts = definition.retries() + 1;
        for (int attempt = 1; ; attempt++) {
            run.emit(definition.name(), StepState.RUNNING, attempt, null);
            try {
                StepOutputs outputs = attempt(step, new StepContext(run.id(), definition, inputs, datasets, recreate(outputDir),
                        run.experiment(), trackingRunId, attempt, services), definition.timeoutSeconds());
                if (!outputs.metrics().isEmpty()) {
                    recorder.logMetrics(trackingRunId, outputs.metrics(), 0);
                }
                recordDeclaredDatasets(run, trackingRunId, step, outputs.values());
                if (cacheable) {
                    cache.save(cacheKey, definition.uses(), outputs.values());
                }
                recorder.endRun(trackingRunId, RunOutcome.FINISHED);
                run.emit(definition.name(), StepState.SUCCEEDED, attempt, null);
                return new StepOutcome.Succeeded(definition.name(), outputs.values(), false, attempt, cacheKey, trackingRunId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail(run, definition, trackingRunId, attempt, "interrupted");
            } catch (Exception e) {
                String message = describe(e);
                if (attempt >= maxAttempts || e instanceof AbandonedAttempt) {
                    return fail(run, definition, trackingRunId, attempt, message);
                }
                long backoff = definition.retryBackoffMillis() << Math.min(attempt - 1, 20);
                run.emit(definition.name(), StepState.RETRYING, attempt, message + "; retrying in " + backoff + " ms");
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return fail(run, definition, trackingRunId, attempt, "interrupted while waiting to retry");
                }
            }
        }
    }

    /** Logs the datasets the step declared as inputs of its own run and of the pipeline's run. */
    private void recordDeclaredDatasets(RunInProgress run, String trackingRunId, Step step, Map<String, StepValue> outputs) {
        for (MlflowDataset dataset : DatasetLineage.declared(outputs)) {
            services.recorder().logDatasetInput(trackingRunId, dataset, step.datasetContext());
            services.recorder().logDatasetInput(run.trackingRunId(), dataset, null);
        }
    }

    /**
     * Runs one attempt on its own thread. At the timeout the attempt is interrupted and its outputs, should it still
     * return some, are never recorded; the runner then waits up to {@link #STOP_GRACE} for it to stop, so that a retry
     * never shares the output folder with it. An attempt that ignores the interrupt fails the step without a retry.
     */
    private StepOutputs attempt(Step step, StepContext context, long timeoutSeconds) throws Exception {
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        Future<StepOutputs> future = attempts.submit(() -> {
            try {
                return step.run(context);
            } finally {
                ended.countDown();
            }
        });
        try {
            StepOutputs outputs = timeoutSeconds > 0 ? future.get(timeoutSeconds, TimeUnit.SECONDS) : future.get();
            if (outputs == null) {
                throw new IllegalStateException("the step returned no outputs");
            }
            return outputs;
        } catch (TimeoutException e) {
            future.cancel(true);
            if (!ended.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AbandonedAttempt("timed out after " + timeoutSeconds + " s and did not stop within "
                        + STOP_GRACE.toSeconds() + " s of being interrupted; not retried, its outputs are discarded");
            }
            throw new TimeoutException("timed out after " + timeoutSeconds + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception exception ? exception : new RuntimeException(cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    private StepOutcome fail(RunInProgress run, StepDefinition definition, String trackingRunId, int attempt, String message) {
        services.recorder().setTags(trackingRunId, Map.of("mlforge.error", message.length() > 5000 ? message.substring(0, 5000) : message));
        services.recorder().endRun(trackingRunId, RunOutcome.FAILED);
        run.emit(definition.name(), StepState.FAILED, attempt, message);
        return new StepOutcome.Failed(definition.name(), message, attempt, trackingRunId);
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof dev.mlforge.http.MlforgeException || e instanceof TimeoutException
                ? message : e.getClass().getSimpleName() + ": " + message;
    }

    /** The digest of everything that determines a step's result. */
    static String cacheKey(StepDefinition definition, Map<String, StepValue> inputs) {
        Map<String, Object> material = new LinkedHashMap<>();
        material.put("format", CACHE_FORMAT);
        material.put("uses", definition.uses());
        material.put("with", definition.with());
        Map<String, String> inputDigests = new java.util.TreeMap<>();
        inputs.forEach((name, value) -> inputDigests.put(name, value.digest()));
        material.put("inputs", inputDigests);
        return Digests.ofJson(material);
    }

    private static Path recreate(Path dir) {
        try {
            Folders.deleteTree(dir);
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare step folder " + dir, e);
        }
    }
}
