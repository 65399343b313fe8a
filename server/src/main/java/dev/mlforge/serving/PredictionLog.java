package dev.mlforge.serving;

import dev.mlforge.concurrent.DaemonThreads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Logs a sample of predictions to the database off the request path: requests only enqueue the arrays they
 * answered with (no copy; dropping, and counting, when the buffer is full); one writer thread packs the tensors
 * ({@link PackedTensors}: bulk little-endian copies, no text) and inserts them in batches, one transaction per linger
 * period (group commit). With a row limit, the writer deletes a deployment's oldest predictions once its log holds
 * more input rows than the limit, down to 99 % of it (so that a delete removes many at once).
 * {@link #flush()} and {@link #close()} write everything buffered.
 */
final class PredictionLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PredictionLog.class);
    private static final int BATCH = 500;
    /** How long the writer lets predictions gather before it writes them: the most a prediction waits unflushed. */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /**
     * Most bytes of tensor elements the buffer holds; past it a prediction is dropped (and counted) as when the
     * buffer is full. A writer behind 256-row requests of 64 floats let 20,000 entries (1.3 GB) gather: the young
     * collections copied each one and promoted it, and took more of the server's CPU than the requests did.
     */
    static final long MAX_BUFFERED_BYTES = 32L << 20;

    /** A prediction as the request path hands it over; JSON encoding happens on the writer thread. */
    record Entry(String requestId, String deployment, String version, List<Tensor> inputs, List<Tensor> outputs,
            long latencyNanos, Instant time, boolean shadow) {
        /** The bytes its tensors' elements hold (BYTES elements counted as 32 each). */
        long bytes() {
            return bytes(inputs) + bytes(outputs);
        }

        private static long bytes(List<Tensor> tensors) {
            long bytes = 0;
            for (Tensor tensor : tensors) {
                bytes += (long) tensor.length() * (tensor.datatype() == DataType.BYTES ? 32 : RawTensors.width(tensor.datatype()));
            }
            return bytes;
        }
    }

    private final DeploymentStore store;
    private final double sampleRate;
    private final BlockingQueue<Entry> buffer = new ArrayBlockingQueue<>(20_000);
    private final AtomicLong dropped = new AtomicLong();
    /** Predictions stored: with {@link #dropped}, what an operator reads of how much of the traffic the log keeps. */
    private final AtomicLong written = new AtomicLong();
    /** Bytes of the entries in {@link #buffer}, at most {@link #maxBufferedBytes} (or one entry's, when alone). */
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final long maxBufferedBytes;
    private final Thread writer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** Most input rows kept per deployment (0: no limit). */
    private final long maxRows;
    /** Input rows each deployment's log holds, as far as this server knows; used under {@link #writeLock} only. */
    private final Map<String, RowCount> rows = new HashMap<>();
    private volatile boolean running = true;

    /** What the writer knows of one deployment's log: its rows, and the rows it added since it last read the count. */
    private static final class RowCount {
        long rows;
        long addedSinceRead;
    }

    PredictionLog(DeploymentStore store, double sampleRate) {
        this(store, sampleRate, 0);
    }

    /** @param maxRows most input rows kept per deployment, oldest deleted first (0: no limit) */
    PredictionLog(DeploymentStore store, double sampleRate, long maxRows) {
        this(store, sampleRate, maxRows, MAX_BUFFERED_BYTES);
    }

    /** @param maxBufferedBytes most bytes of tensor elements waiting for the writer (one larger entry alone is kept) */
    PredictionLog(DeploymentStore store, double sampleRate, long maxRows, long maxBufferedBytes) {
        this.store = store;
        this.maxBufferedBytes = maxBufferedBytes;
        this.sampleRate = sampleRate;
        this.maxRows = maxRows;
        this.writer = DaemonThreads.start("mlforge-prediction-log", this::writeLoop);
    }

    /** Samples and enqueues; never blocks. */
    void record(Entry entry) {
        if (sampleRate < 1.0 && ThreadLocalRandom.current().nextDouble() >= sampleRate) {
            return;
        }
        long bytes = entry.bytes();
        long held = bufferedBytes.addAndGet(bytes);
        if (held > maxBufferedBytes && held != bytes || !buffer.offer(entry)) {
            bufferedBytes.addAndGet(-bytes);
            dropped.incrementAndGet();
        }
    }

    /** Takes up to {@link #BATCH} entries out of the buffer into {@code entries}; answers how many. */
    private int drain(List<Entry> entries) {
        int start = entries.size();
        int taken = buffer.drainTo(entries, BATCH);
        long bytes = 0;
        for (int i = start; i < entries.size(); i++) {
            bytes += entries.get(i).bytes();
        }
        bufferedBytes.addAndGet(-bytes);
        return taken;
    }

    /** Predictions sampled in but not logged: the buffer was full (the writer behind), counted, never blocking a request. */
    long dropped() {
        return dropped.get();
    }

    /** Predictions written to the store. */
    long written() {
        return written.get();
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
                taken = drain(entries);
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
            while (drain(entries) > 0) {
                write(entries);
                entries.clear();
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void write(List<Entry> entries) {
        List<PackedPrediction> packed = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            packed.add(new PackedPrediction(entry.requestId(), entry.deployment(), entry.version(),
                    PackedTensors.pack(entry.inputs()), PackedTensors.pack(entry.outputs()), rows(entry),
                    entry.latencyNanos() / 1e6, entry.time(), entry.shadow()));
        }
        store.insertPredictions(packed);
        written.addAndGet(packed.size());
        if (maxRows > 0) {
            keepWithinLimit(packed);
        }
    }

    /** The input rows of a request: the first input's first dimension (1 for a scalar or no input). */
    private static long rows(Entry entry) {
        return entry.inputs().isEmpty() ? 1 : entry.inputs().get(0).rows();
    }

    /**
     * Counts the rows just written and trims the deployments over the limit. A count is read from the store the first
     * time and again after each limit's worth of own rows, which takes in the rows other servers sharing the store
     * wrote.
     */
    private void keepWithinLimit(List<PackedPrediction> written) {
        Map<String, Long> added = new HashMap<>();
        written.forEach(prediction -> added.merge(prediction.deployment(), prediction.rows(), Long::sum));
        added.forEach((deployment, count) -> {
            RowCount known = rows.get(deployment);
            if (known == null || known.addedSinceRead + count >= maxRows) {
                known = new RowCount();
                known.rows = store.loggedRows(deployment);
                rows.put(deployment, known);
            } else {
                known.rows += count;
                known.addedSinceRead += count;
            }
            if (known.rows > maxRows) {
                known.rows -= store.trimPredictions(deployment, known.rows - (maxRows - maxRows / 100));
            }
        });
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
