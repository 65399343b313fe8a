package dev.mlforge.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.mlforge.api.serving.InferenceTensor;
import dev.mlforge.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a sample of predictions to the database off the request path: requests only enqueue (dropping, and
 * counting, when the buffer is full); one writer thread turns tensors into JSON and inserts in batches.
 * {@link #flush()} and {@link #close()} write everything buffered.
 */
final class PredictionLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PredictionLog.class);
    private static final int BATCH = 500;
    /**
     * The logged tensors' writer: the one mapper with the fast (Schubfach) float formatting, which writes the shortest
     * text that reads back as the same float. JDK 17's {@code Float.toString} was a third of the writer thread's time
     * with every prediction logged; this JSON is stored, not answered, so the wire keeps the JDK's digits.
     */
    private static final ObjectWriter TENSORS = Json.mapper().writer().with(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);

    /** A prediction as the request path hands it over; JSON encoding happens on the writer thread. */
    record Entry(String requestId, String deployment, String version, List<Tensor> inputs, List<Tensor> outputs,
            long latencyNanos, Instant time, boolean shadow) {}

    private final DeploymentStore store;
    private final double sampleRate;
    private final BlockingQueue<Entry> buffer = new ArrayBlockingQueue<>(20_000);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
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

    private void writeLoop() {
        while (running) {
            writeLock.lock();
            try {
                // Polling under the lock makes flush() wait for an entry taken but not yet written.
                Entry first = buffer.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Entry> entries = new ArrayList<>();
                    entries.add(first);
                    buffer.drainTo(entries, BATCH - 1);
                    write(entries);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Cannot write logged predictions", e);
            } finally {
                writeLock.unlock();
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
                    tensorsJson(entry.inputs()), tensorsJson(entry.outputs()), entry.latencyNanos() / 1e6,
                    entry.time(), entry.shadow(), null));
        }
        store.insertPredictions(records);
    }

    static String tensorsJson(List<Tensor> tensors) {
        List<InferenceTensor> wire = new ArrayList<>(tensors.size());
        tensors.forEach(tensor -> wire.add(V2Protocol.tensor(tensor)));
        try {
            return TENSORS.writeValueAsString(wire);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write logged tensors as JSON", e);
        }
    }

    @Override
    public void close() {
        running = false;
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
