package dev.mlforge.audit;

import dev.mlforge.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the audit chain: request threads queue events and return at once; a single thread writes them
 * in batches, one transaction per batch (up to {@link AuditConfig#maxBatchSize()} records gathered for at most
 * {@link AuditConfig#maxBatchDelayMs()} ms). On SQLite every transaction takes the store's write lock that ingest
 * queues on too, so one audit transaction per batch rather than per request keeps the trail off ingest's path.
 * Closing writes everything queued before it returns: every answered request's record is durable at shutdown.
 */
final class AuditWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    /** Beyond this many unwritten records, request threads wait for the writer rather than grow the heap. */
    private static final int QUEUE_CAPACITY = 100_000;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    private static final int ATTEMPTS_WHEN_CLOSING = 3;

    private final AuditStore store;
    private final AuditConfig config;
    private final BlockingQueue<AuditEvent> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Object progress = new Object();
    private final Thread thread;
    private long submitted;
    private long written;
    private volatile boolean closing;

    AuditWriter(AuditStore store, AuditConfig config) {
        this.store = store;
        this.config = config;
        this.thread = DaemonThreads.named("mlforge-audit-writer").newThread(this::run);
    }

    void start() {
        thread.start();
    }

    /** Queues {@code event}; waits only when {@value #QUEUE_CAPACITY} records are already waiting. */
    void submit(AuditEvent event) {
        synchronized (progress) {
            submitted++;
        }
        try {
            queue.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queue.offer(event);
        }
    }

    /** Waits until every event submitted before this call is written (at most {@code timeout}). */
    void flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            long target = submitted;
            while (written < target && thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void run() {
        List<AuditEvent> batch = new ArrayList<>();
        while (true) {
            AuditEvent first = poll(100_000_000L);
            if (first == null) {
                if (closing && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            batch.add(first);
            gather(batch);
            write(batch);
            synchronized (progress) {
                written += batch.size();
                progress.notifyAll();
            }
            batch.clear();
        }
    }

    /** Adds what arrives within the batch delay, up to the batch size; takes only what is queued once closing. */
    private void gather(List<AuditEvent> batch) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.maxBatchDelayMs());
        while (batch.size() < config.maxBatchSize()) {
            queue.drainTo(batch, config.maxBatchSize() - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= config.maxBatchSize() || left <= 0 || closing) {
                return;
            }
            AuditEvent next = poll(left);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    private AuditEvent poll(long nanos) {
        try {
            return queue.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            closing = true;
            return queue.poll();
        }
    }

    /** Writes the batch, retrying while the store refuses; gives up after a few attempts only once closing. */
    private void write(List<AuditEvent> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                store.append(batch);
                return;
            } catch (RuntimeException e) {
                if (closing && attempt >= ATTEMPTS_WHEN_CLOSING) {
                    log.error("Lost {} audit records: the store refused them {} times while closing", batch.size(), attempt, e);
                    return;
                }
                log.error("Writing {} audit records failed (attempt {}); retrying in {} s", batch.size(), attempt,
                        RETRY_DELAY.toSeconds(), e);
                sleep(RETRY_DELAY);
            }
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes every queued record, then stops the writer thread. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.error("The audit writer did not finish within 30 s; {} records were not written", queue.size());
        }
        List<AuditEvent> late = new ArrayList<>();
        queue.drainTo(late);
        if (!late.isEmpty() && !thread.isAlive()) {
            write(late);
        }
    }
}
