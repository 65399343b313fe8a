package dev.mlforge.sdk;

import dev.mlforge.api.tracking.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Buffers the metrics of one run and sends them with {@code runs/log-batch} from a background thread, so a
 * training loop does not wait for HTTP. A batch leaves when it holds {@value #MAX_BATCH} metrics, when the
 * flush interval has passed since the previous send, on {@link #flush()} and on {@link #close()}.
 *
 * <p>A failed send does not stop the thread: the first failure is kept and thrown by the next
 * {@link #add}, {@link #flush} or {@link #close}.
 */
final class MetricFlusher implements AutoCloseable {
    /** The largest batch the server accepts, and so the size that triggers a send. */
    static final int MAX_BATCH = 1000;
    /** How many metrics may wait; {@link #add} blocks beyond that, slowing a producer that outruns the server. */
    private static final int CAPACITY = 100 * MAX_BATCH;
    /** Wakes the thread for an early send; compared by identity and never sent. */
    private static final Metric WAKE_UP = new Metric("", 0.0, 0L, 0L);

    private final String runId;
    private final RunsClient runs;
    private final long intervalNanos;
    private final BlockingQueue<Metric> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Object progress = new Object();
    private final Thread thread;
    private final AtomicLong added = new AtomicLong();
    private long handled;
    private volatile boolean closing;
    private volatile MlforgeClientException failure;

    MetricFlusher(String runId, RunsClient runs, Duration interval) {
        this.runId = runId;
        this.runs = runs;
        this.intervalNanos = interval.toNanos();
        this.thread = new Thread(this::loop, "mlforge-metrics-" + runId);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues one metric; blocks only while {@value #CAPACITY} metrics are waiting. */
    void add(Metric metric) {
        throwIfFailed();
        if (closing) {
            throw new IllegalStateException("run " + runId + " is closed; cannot log metric " + metric.key());
        }
        added.incrementAndGet();
        try {
            queue.put(metric);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            added.decrementAndGet();
            throw new MlforgeClientException(0, null, "interrupted while queueing metric " + metric.key(), e);
        }
    }

    /** Sends every metric queued so far and waits until the server has answered for them. */
    void flush() {
        long target = added.get();
        queue.offer(WAKE_UP);
        synchronized (progress) {
            while (handled < target && thread.isAlive()) {
                try {
                    progress.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MlforgeClientException(0, null, "interrupted while flushing metrics of run " + runId, e);
                }
            }
        }
        throwIfFailed();
    }

    /** Sends what is left, stops the thread and throws the first send failure, if any. */
    @Override
    public void close() {
        if (!closing) {
            closing = true;
            queue.offer(WAKE_UP);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throwIfFailed();
    }

    private void throwIfFailed() {
        MlforgeClientException error = failure;
        if (error != null) {
            throw new MlforgeClientException(error.httpStatus(), error.errorCode(),
                    "logging metrics of run " + runId + " failed: " + error.serverMessage(), error);
        }
    }

    private void loop() {
        List<Metric> batch = new ArrayList<>(MAX_BATCH);
        long deadline = System.nanoTime() + intervalNanos;
        while (true) {
            long wait = deadline - System.nanoTime();
            boolean wakeUp = false;
            try {
                Metric next = wait > 0 && batch.size() < MAX_BATCH ? queue.poll(wait, TimeUnit.NANOSECONDS) : null;
                if (next != null) {
                    batch.add(next);
                }
            } catch (InterruptedException e) {
                wakeUp = true;
            }
            queue.drainTo(batch, MAX_BATCH - batch.size());
            wakeUp |= batch.removeIf(metric -> metric == WAKE_UP);
            boolean due = System.nanoTime() - deadline >= 0;
            if (batch.size() >= MAX_BATCH || wakeUp || due || closing) {
                send(batch);
                batch.clear();
                deadline = System.nanoTime() + intervalNanos;
                if (closing && queue.isEmpty()) {
                    return;
                }
            }
        }
    }

    private void send(List<Metric> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            runs.logBatch(runId, List.copyOf(batch), List.of(), List.of());
        } catch (MlforgeClientException e) {
            if (failure == null) {
                failure = e;
            }
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = new MlforgeClientException(0, null, e.toString(), e);
            }
        } finally {
            synchronized (progress) {
                handled += batch.size();
                progress.notifyAll();
            }
        }
    }
}
