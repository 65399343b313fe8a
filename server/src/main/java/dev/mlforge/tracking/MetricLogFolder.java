package dev.mlforge.tracking;

import dev.mlforge.concurrent.DaemonThreads;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one background thread that folds the staged metric log into the history table ({@link MetricLog#fold}): as soon
 * as {@link MetricLogConfig#foldRows} rows wait, or when rows wait and {@link MetricLogConfig#foldMillis} passed since
 * the last fold. It folds everything at start (rows a killed server left in the log) and at close.
 */
final class MetricLogFolder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricLogFolder.class);
    /** Longest the thread sleeps between two looks at the clock. */
    private static final long MAX_POLL_MILLIS = 250;

    private final MetricLog metricLog;
    private final Clock clock;
    private final MetricLogConfig config;
    private final Object signal = new Object();
    private final Thread thread;
    private volatile boolean closing;
    private long lastFoldAt;

    MetricLogFolder(MetricLog metricLog, Clock clock, MetricLogConfig config) {
        this.metricLog = metricLog;
        this.clock = clock;
        this.config = config;
        this.thread = DaemonThreads.named("mlforge-metric-log-folder").newThread(this::run);
    }

    /** Folds what a previous process left in the log, then starts watching it. */
    void start() {
        fold();
        metricLog.onAppend(this::appended);
        thread.start();
    }

    private void appended(long pending) {
        if (pending >= config.foldRows()) {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }

    private void run() {
        long pause = Math.min(MAX_POLL_MILLIS, config.foldMillis());
        while (!closing) {
            try {
                synchronized (signal) {
                    if (!closing && metricLog.pending() < config.foldRows()) {
                        signal.wait(pause);
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
            long pending = metricLog.pending();
            boolean due = pending > 0 && clock.millis() - lastFoldAt >= config.foldMillis();
            if (!closing && (pending >= config.foldRows() || due) && !fold()) {
                sleepAfterFailure();
            }
        }
    }

    /** Folds now; false (logged) when the database refused, so that the rows wait for the next attempt. */
    private boolean fold() {
        lastFoldAt = clock.millis();
        try {
            int rows = metricLog.fold();
            log.debug("folded {} metric points into the history", rows);
            return true;
        } catch (RuntimeException e) {
            log.warn("Cannot fold the metric log into the history yet: {}", e.getMessage());
            return false;
        }
    }

    private void sleepAfterFailure() {
        try {
            Thread.sleep(config.foldMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    /** Stops the thread and folds the rest, so that a stopped server leaves the log empty. */
    @Override
    public void close() {
        closing = true;
        synchronized (signal) {
            signal.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metricLog.onAppend(rows -> {});
        fold();
    }
}
