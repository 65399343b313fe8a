package dev.mlforge.serving;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.MlforgeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded request queue of one model version and the worker that drains it: requests queued together
 * (and those arriving within the batch delay) are merged into one model call of at most {@code maxBatchSize}
 * rows, and the outputs are split back per request. A full queue refuses with TEMPORARILY_UNAVAILABLE; a
 * request whose deadline passed while queued is answered DEADLINE_EXCEEDED without running.
 */
final class BatchingQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchingQueue.class);

    private record Job(List<Tensor> inputs, int rows, long deadlineNanos, CompletableFuture<List<Tensor>> result) {}

    private final String name;
    private final Predictor predictor;
    private final int maxBatchSize;
    private final long maxDelayNanos;
    private final BlockingQueue<Job> queue;
    private final IntConsumer batchSizes;
    private final Thread worker;
    private volatile boolean accepting = true;
    private Job carried;

    BatchingQueue(String name, Predictor predictor, int maxBatchSize, Duration maxDelay, int capacity,
            IntConsumer batchSizes) {
        this.name = name;
        this.predictor = predictor;
        this.maxBatchSize = maxBatchSize;
        this.maxDelayNanos = maxDelay.toNanos();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSizes = batchSizes;
        this.worker = new Thread(this::work, "mlforge-serving-" + name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Queues checked inputs; the future completes with the outputs or the failure. */
    CompletableFuture<List<Tensor>> submit(List<Tensor> inputs, long deadlineNanos) {
        CompletableFuture<List<Tensor>> result = new CompletableFuture<>();
        if (!accepting) {
            throw new MlforgeException(ErrorCode.TEMPORARILY_UNAVAILABLE, "Model " + name + " is being unloaded; retry");
        }
        if (!queue.offer(new Job(inputs, inputs.get(0).rows(), deadlineNanos, result))) {
            throw new MlforgeException(ErrorCode.TEMPORARILY_UNAVAILABLE, "The request queue of " + name
                    + " is full (" + (queue.size() + queue.remainingCapacity()) + " requests); retry later");
        }
        return result;
    }

    int depth() {
        return queue.size();
    }

    private void work() {
        while (accepting || carried != null || !queue.isEmpty()) {
            try {
                List<Job> batch = nextBatch();
                if (!batch.isEmpty()) {
                    run(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Serving worker of {} failed", name, e);
            }
        }
    }

    private List<Job> nextBatch() throws InterruptedException {
        Job first = carried != null ? carried : queue.poll(50, TimeUnit.MILLISECONDS);
        carried = null;
        if (first == null) {
            return List.of();
        }
        List<Job> batch = new ArrayList<>();
        batch.add(first);
        int rows = first.rows();
        long until = System.nanoTime() + maxDelayNanos;
        while (rows < maxBatchSize) {
            long wait = until - System.nanoTime();
            Job next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            if (rows + next.rows() > maxBatchSize || !Tensors.batchable(first.inputs(), next.inputs())) {
                carried = next;
                break;
            }
            batch.add(next);
            rows += next.rows();
        }
        return batch;
    }

    private void run(List<Job> batch) {
        long now = System.nanoTime();
        List<Job> live = new ArrayList<>(batch.size());
        for (Job job : batch) {
            if (now - job.deadlineNanos() > 0) {
                job.result().completeExceptionally(new MlforgeException(ErrorCode.DEADLINE_EXCEEDED,
                        "Request timed out in the queue of " + name));
            } else {
                live.add(job);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        int rows = live.stream().mapToInt(Job::rows).sum();
        batchSizes.accept(rows);
        try {
            if (live.size() == 1) {
                live.get(0).result().complete(predictor.predict(live.get(0).inputs()));
                return;
            }
            List<Tensor> outputs = predictor.predict(merge(live));
            split(live, outputs, rows);
        } catch (RuntimeException e) {
            live.forEach(job -> job.result().completeExceptionally(e));
        }
    }

    private static List<Tensor> merge(List<Job> jobs) {
        int inputs = jobs.get(0).inputs().size();
        List<Tensor> merged = new ArrayList<>(inputs);
        for (int i = 0; i < inputs; i++) {
            List<Tensor> parts = new ArrayList<>(jobs.size());
            for (Job job : jobs) {
                parts.add(job.inputs().get(i));
            }
            merged.add(Tensors.concat(parts));
        }
        return merged;
    }

    private void split(List<Job> jobs, List<Tensor> outputs, int rows) {
        for (Tensor output : outputs) {
            if (output.shape().length == 0 || output.rows() != rows) {
                throw MlforgeException.invalidState("Model " + name + " answered output '" + output.name()
                        + "' without one row per input row; set serving.max-batch-size=1 for it");
            }
        }
        int offset = 0;
        for (Job job : jobs) {
            List<Tensor> own = new ArrayList<>(outputs.size());
            for (Tensor output : outputs) {
                own.add(output.rows(offset, offset + job.rows()));
            }
            offset += job.rows();
            job.result().complete(own);
        }
    }

    /** Stops taking requests, answers those already queued, then stops the worker. */
    @Override
    public void close() {
        accepting = false;
        try {
            worker.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
