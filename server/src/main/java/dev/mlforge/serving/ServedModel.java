package dev.mlforge.serving;

import dev.mlforge.http.MlforgeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One model version loaded for one deployment: its runtime, its batching queue and its signature. It is warmed
 * up (one prediction) before {@link #load} returns, so it never takes traffic cold.
 */
final class ServedModel implements AutoCloseable {
    private final String deployment;
    private final ResolvedModel resolved;
    private final String version;
    private final Predictor predictor;
    private final BatchingQueue queue;
    private final ServingMetrics metrics;
    private final ServingMetrics.VersionMeters meters;

    private ServedModel(String deployment, ResolvedModel resolved, Predictor predictor, ServingConfig config,
            ServingMetrics metrics) {
        this.deployment = deployment;
        this.resolved = resolved;
        this.version = versionLabel(resolved);
        this.predictor = predictor;
        this.metrics = metrics;
        this.meters = metrics.versionMeters(deployment, version);
        this.queue = new BatchingQueue(deployment + "-" + version, predictor, config.maxBatchSize(),
                config.maxBatchDelay(), config.queueCapacity(), rows -> meters.batchSize().record(rows));
        metrics.queueDepth(deployment, version, queue::depth);
    }

    /** The version label: the registry version, or the URI for a {@code runs:/} model. */
    static String versionLabel(ResolvedModel resolved) {
        return resolved.version() != null ? resolved.version() : resolved.uri();
    }

    static ServedModel load(String deployment, ResolvedModel resolved, PredictorLoader loader, ServingConfig config,
            ServingMetrics metrics) {
        long start = System.nanoTime();
        Predictor predictor = loader.load(resolved.directory());
        try {
            predictor.predict(Tensors.warmUpInputs(predictor.signature()));
        } catch (RuntimeException e) {
            predictor.close();
            throw MlforgeException.invalidParameter("Model " + resolved.uri() + " failed its warm-up prediction: " + e.getMessage());
        }
        ServedModel model = new ServedModel(deployment, resolved, predictor, config, metrics);
        metrics.modelLoaded(deployment, model.version, Duration.ofNanos(System.nanoTime() - start));
        return model;
    }

    String version() {
        return version;
    }

    ResolvedModel resolved() {
        return resolved;
    }

    ModelSignature signature() {
        return predictor.signature();
    }

    boolean answersDict() {
        return predictor.answersDict();
    }

    /** True when this serves the same files as {@code other} (so a policy change can keep it loaded). */
    boolean serves(ResolvedModel other) {
        return resolved.directory().equals(other.directory()) && version.equals(versionLabel(other));
    }

    /** Predicts (batched with concurrent callers); blocks until answered or the deadline passes. */
    List<Tensor> call(List<Tensor> inputs, long deadlineNanos) {
        return queue.call(inputs, deadlineNanos);
    }

    /**
     * Predicts without waiting (batched with concurrent callers): when the model is idle the batch runs on this
     * thread, else the answer completes on the thread running the batch, or with DEADLINE_EXCEEDED when the deadline
     * passes; a retired model or a full queue throws here.
     */
    CompletableFuture<List<Tensor>> submit(List<Tensor> inputs, long deadlineNanos) {
        return queue.submit(inputs, deadlineNanos);
    }

    /** As {@link #submit(List, long)}, an idle model's batch starting on {@code leaderThreads}, never on this thread. */
    CompletableFuture<List<Tensor>> submit(List<Tensor> inputs, long deadlineNanos, Executor leaderThreads) {
        return queue.submit(inputs, deadlineNanos, leaderThreads);
    }

    /** Counts a live request this version answered, and its latency (queue and model). */
    void answered(long latencyNanos) {
        meters.answered(latencyNanos);
    }

    /** Answers the queued requests, then frees the runtime and the version's meters. */
    @Override
    public void close() {
        queue.close();
        predictor.close();
        metrics.forget(deployment, version);
    }
}
