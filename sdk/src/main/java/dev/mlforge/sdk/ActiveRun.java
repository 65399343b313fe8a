package dev.mlforge.sdk;

import dev.mlforge.api.tracking.DatasetInput;
import dev.mlforge.api.tracking.Metric;
import dev.mlforge.api.tracking.Param;
import dev.mlforge.api.tracking.Run;
import dev.mlforge.api.tracking.RunInfo;
import dev.mlforge.api.tracking.RunTag;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A run in progress, for the fluent tracking API:
 *
 * <pre>{@code
 * try (ActiveRun run = client.startRun("churn-model")) {
 *     run.logParam("learning_rate", "0.01");
 *     for (int step = 0; step < epochs; step++) {
 *         run.logMetric("loss", loss, step);   // buffered, sent in the background
 *     }
 *     run.logArtifact(Path.of("model.onnx"));
 * } // FINISHED here
 * }</pre>
 *
 * <p>Closing marks the run {@code FINISHED}, or {@code FAILED} when {@link #fail(Throwable)} was called.
 * Try-with-resources cannot see an exception thrown in its block, so either call {@code fail} in a catch
 * block or use {@link MlforgeClient#run(String, RunAction)}, which does it for you.
 *
 * <p>Metrics are queued and sent with {@code runs/log-batch} by a background thread (at 1000 metrics, every
 * 200 ms, on {@link #flush()} and on {@link #close()}); a failed send is thrown by the next metric call,
 * {@code flush} or {@code close}. Params, tags and artifacts are sent at once. Thread-safe.
 */
public final class ActiveRun implements AutoCloseable {
    /** The tag that links a child run to its parent. */
    public static final String PARENT_RUN_ID_TAG = "mlflow.parentRunId";
    private static final int MAX_PARAMS_PER_BATCH = 100;

    private final MlforgeClient client;
    private final Run run;
    private final Clock clock;
    private final MetricFlusher metrics;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Throwable failure;

    ActiveRun(MlforgeClient client, Run run, Clock clock, Duration flushInterval) {
        this.client = client;
        this.run = run;
        this.clock = clock;
        this.metrics = new MetricFlusher(run.info().runId(), client.runs(), flushInterval);
    }

    /**
     * The run's id.
     *
     * @return the 32-character hex id
     */
    public String runId() {
        return run.info().runId();
    }

    /**
     * The run's metadata as it was when the run started.
     *
     * @return the run info (status {@code RUNNING})
     */
    public RunInfo info() {
        return run.info();
    }

    /**
     * Logs a parameter now.
     *
     * @param key the parameter name
     * @param value the value; logging another value for the same key later is rejected by the server
     */
    public void logParam(String key, String value) {
        client.runs().logParam(runId(), key, value);
    }

    /**
     * Logs several parameters now, in batches of 100.
     *
     * @param params the parameters, in the map's order
     */
    public void logParams(Map<String, String> params) {
        List<Param> all = params.entrySet().stream().map(e -> new Param(e.getKey(), e.getValue())).toList();
        for (int from = 0; from < all.size(); from += MAX_PARAMS_PER_BATCH) {
            List<Param> chunk = all.subList(from, Math.min(all.size(), from + MAX_PARAMS_PER_BATCH));
            client.runs().logBatch(runId(), List.of(), new ArrayList<>(chunk), List.of());
        }
    }

    /**
     * Queues a metric measurement at step 0, timestamped now.
     *
     * @param key the metric name
     * @param value the value (NaN and infinities are allowed)
     */
    public void logMetric(String key, double value) {
        logMetric(key, value, 0);
    }

    /**
     * Queues a metric measurement, timestamped now; it is sent in the background.
     *
     * @param key the metric name
     * @param value the value (NaN and infinities are allowed)
     * @param step the training step
     */
    public void logMetric(String key, double value, long step) {
        metrics.add(new Metric(key, value, clock.millis(), step));
    }

    /**
     * Queues several metric measurements of one step, all with the same timestamp.
     *
     * @param values metric names and values
     * @param step the training step
     */
    public void logMetrics(Map<String, Double> values, long step) {
        long now = clock.millis();
        values.forEach((key, value) -> metrics.add(new Metric(key, value, now, step)));
    }

    /**
     * Sets (or overwrites) a run tag now.
     *
     * @param key the tag key
     * @param value the tag value
     */
    public void setTag(String key, String value) {
        client.runs().setTag(runId(), key, value);
    }

    /**
     * Records datasets the run used.
     *
     * @param datasets the dataset inputs
     */
    public void logInputs(List<DatasetInput> datasets) {
        client.runs().logInputs(runId(), datasets);
    }

    /**
     * Uploads a file (to the artifact root, under its own name) or the content of a directory.
     *
     * @param local the local file or directory
     * @return the artifact paths written
     */
    public List<String> logArtifact(Path local) {
        return logArtifact(local, null);
    }

    /**
     * Uploads a file (as {@code artifactPath/<file name>}) or the content of a directory (under {@code artifactPath}).
     *
     * @param local the local file or directory
     * @param artifactPath the destination directory in the run's artifacts; null for the root
     * @return the artifact paths written
     */
    public List<String> logArtifact(Path local, String artifactPath) {
        return client.artifacts().uploadTo(ArtifactLocation.proxyRoot(run.info().artifactUri()), local, artifactPath,
                ProgressListener.NONE);
    }

    /**
     * Starts a child run in the same experiment, tagged {@value #PARENT_RUN_ID_TAG} with this run's id.
     * Close it before this one.
     *
     * @param runName the child's name, or null for a generated one
     * @return the child run, {@code RUNNING}
     */
    public ActiveRun startChild(String runName) {
        return client.startRun(run.info().experimentId(), runName, List.of(new RunTag(PARENT_RUN_ID_TAG, runId())));
    }

    /**
     * Sends the queued metrics and waits for the server's answer.
     *
     * @throws MlforgeClientException when a batch of this run's metrics was rejected
     */
    public void flush() {
        metrics.flush();
    }

    /**
     * Records that the run's work failed; {@link #close()} will then mark the run {@code FAILED}.
     *
     * @param cause what went wrong (it is not sent to the server)
     */
    public void fail(Throwable cause) {
        failure = cause == null ? new IllegalStateException("failed") : cause;
    }

    /**
     * Sends the queued metrics and ends the run: {@code FINISHED}, or {@code FAILED} after {@link #fail}.
     * Closing twice does nothing.
     *
     * @throws MlforgeClientException when metrics could not be sent (the run is still ended) or the update failed
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException flushFailure = null;
        try {
            metrics.close();
        } catch (RuntimeException e) {
            flushFailure = e;
        }
        try {
            client.runs().terminate(runId(), failure == null ? "FINISHED" : "FAILED", clock.millis());
        } catch (RuntimeException e) {
            if (flushFailure != null) {
                e.addSuppressed(flushFailure);
            }
            throw e;
        }
        if (flushFailure != null) {
            throw flushFailure;
        }
    }
}
