package dev.mlforge.serving;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a sample of predictions to the database off the request path: requests only enqueue (dropping, and
 * counting, when the buffer is full); one writer thread turns tensors into JSON and inserts them in batches, one
 * transaction per linger period (group commit).
 * {@link #flush()} and {@link #close()} write everything buffered.
 */
final class PredictionLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PredictionLog.class);
    private static final int BATCH = 500;
    /** How long the writer lets predictions gather before it writes them: the most a prediction waits unflushed. */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** A prediction as the request path hands it over; JSON encoding happens on the writer thread. */
    record Entry(String requestId, String deployment, String version, List<Tensor> inputs, List<Tensor> outputs,
            long latencyNanos, Instant time, boolean shadow) {}

    private final DeploymentStore store;
    private final double sampleRate;
    private final BlockingQueue<Entry> buffer = new ArrayBlockingQueue<>(20_000);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** Encodes the tensors of the entries being written; used under {@link #writeLock} only. */
    private final LoggedTensors tensors = new LoggedTensors();
    private volatile boolean running = true;

    PredictionLog(DeploymentStore store, double sampleRate) {
        this.store = store;
        this.sampleRate = sampleRate;
        this.writer = new Thread(this::writeLoop, "mlforge-prediction-log");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Samples and enqueues; never blocks. */
    void record(Entry entry) {
        if (sampleRate < 1.0 && ThreadLocalRandom.current().nextDouble() >= sampleRate) {
            return;
        }
        if (!buffer.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    long dropped() {
        return dropped.get();
    }

    /**
     * Group commit: the writer wakes every {@link #LINGER_NANOS} (at once again after a full batch) and writes what
     * gathered in one transaction. It never waits inside the queue, so a request's {@code offer} finds no thread to
     * wake (a futex call and a context switch per prediction when the writer polled), and a busy deployment's
     * predictions go in as a few large transactions instead of one small commit (WAL frames of the table and both
     * indexes) per handful of rows. Readers call {@link #flush()} first, so the linger never hides a prediction.
     */
    private void writeLoop() {
        List<Entry> entries = new ArrayList<>(BATCH);
        while (running) {
            int taken = 0;
            writeLock.lock();
            try {
                // Draining under the lock makes flush() wait for entries taken but not yet written.
                taken = buffer.drainTo(entries, BATCH);
                if (taken > 0) {
                    write(entries);
                }
            } catch (RuntimeException e) {
                log.warn("Cannot write logged predictions", e);
            } finally {
                entries.clear();
                writeLock.unlock();
            }
            if (taken < BATCH) {
                LockSupport.parkNanos(this, LINGER_NANOS);
                if (Thread.interrupted()) {
                    return;
                }
            }
        }
    }

    /** Writes everything buffered now. */
    void flush() {
        writeLock.lock();
        try {
            List<Entry> entries = new ArrayList<>();
            while (buffer.drainTo(entries, BATCH) > 0) {
                write(entries);
                entries.clear();
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void write(List<Entry> entries) {
        List<PredictionRecord> records = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            records.add(new PredictionRecord(entry.requestId(), entry.deployment(), entry.version(),
                    tensors.json(entry.inputs()), tensors.json(entry.outputs()), entry.latencyNanos() / 1e6,
                    entry.time(), entry.shadow(), null));
        }
        store.insertPredictions(records);
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        if (dropped.get() > 0) {
            log.warn("Prediction log dropped {} entries because its buffer was full", dropped.get());
        }
    }
}
