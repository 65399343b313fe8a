package dev.mlforge.serving;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The bounded request queue of one model version, drained by its callers (leader/follower): a caller queues its
 * rows, and whichever caller finds the model idle becomes the leader and runs everything queued (and what arrives
 * within the batch delay) as one model call of at most {@code maxBatchSize} rows, splitting the outputs back per
 * request. An idle model is thus called on the request's own thread with no hand-off, and concurrent requests
 * merge into batches. A leader leaving a non-empty queue wakes the next waiting caller to lead. A predictor with
 * {@link Predictor#concurrency()} above 1 (parallel Python workers) has up to that many leaders at once, each
 * running its own batch.
 *
 * <p>A caller that must not wait (a gRPC call) {@link #submit}s instead: its rows are queued the same way with a
 * future. When the model is idle the caller leads as above (the model runs on its thread, no hand-off); when a
 * leader is busy it returns at once and that leader answers the future after the batch it joins. No thread is parked
 * for a submitted request, so every request in flight can wait in the queue and join the next batch, not only as
 * many as there are threads. Blocking and submitted requests share the queue and merge into the same batches.
 *
 * <p>A full queue refuses with TEMPORARILY_UNAVAILABLE; a request whose deadline passed answers DEADLINE_EXCEEDED
 * (and is skipped if still queued).
 */
final class BatchingQueue implements AutoCloseable {
    private static final class Job {
        final List<Tensor> inputs;
        final int rows;
        final long deadlineNanos;
        /** The blocked caller to wake, or null for a submitted request (answered through {@link #answer}). */
        final Thread caller;
        final CompletableFuture<List<Tensor>> answer;
        volatile List<Tensor> outputs;
        volatile RuntimeException failure;
        volatile boolean done;

        Job(List<Tensor> inputs, long deadlineNanos, Thread caller, CompletableFuture<List<Tensor>> answer) {
            this.inputs = inputs;
            this.rows = inputs.get(0).rows();
            this.deadlineNanos = deadlineNanos;
            this.caller = caller;
            this.answer = answer;
        }

        void finish(List<Tensor> result, RuntimeException error) {
            outputs = result;
            failure = error;
            done = true;
            if (caller != null) {
                LockSupport.unpark(caller);
            } else if (error != null) {
                answer.completeExceptionally(error);
            } else {
                answer.complete(result);
            }
        }
    }

    private final String name;
    private final Predictor predictor;
    private final int maxBatchSize;
    private final long maxDelayNanos;
    private final BlockingQueue<Job> queue;
    private final IntConsumer batchSizes;
    private final AtomicInteger leaders = new AtomicInteger();
    private final int maxLeaders;
    private volatile boolean accepting = true;
    /** Callers inside {@link #call}: close waits for them, so the predictor is never used after it is closed. */
    private final AtomicInteger callers = new AtomicInteger();

    BatchingQueue(String name, Predictor predictor, int maxBatchSize, Duration maxDelay, int capacity,
            IntConsumer batchSizes) {
        this.name = name;
        this.predictor = predictor;
        this.maxBatchSize = maxBatchSize;
        this.maxDelayNanos = maxDelay.toNanos();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSizes = batchSizes;
        this.maxLeaders = Math.max(1, predictor.concurrency());
    }

    /** Predicts checked inputs, in a batch with other callers' when they are queued together. Blocks. */
    List<Tensor> call(List<Tensor> inputs, long deadlineNanos) {
        callers.incrementAndGet();
        try {
            if (!accepting) {
                throw new ModelRetiredException(name);
            }
            return enqueueAndAwait(inputs, deadlineNanos);
        } finally {
            callers.decrementAndGet();
        }
    }

    /**
     * Queues checked inputs without waiting for a busy model: leads (runs batches on this thread) when the model is
     * idle, else returns and the busy leader answers; DEADLINE_EXCEEDED once {@code deadlineNanos} passes while
     * queued. A retired model or a full queue throws here.
     */
    CompletableFuture<List<Tensor>> submit(List<Tensor> inputs, long deadlineNanos) {
        return submit(inputs, deadlineNanos, null);
    }

    /**
     * As {@link #submit(List, long)}; with {@code leaderThreads} not null the model never runs on this thread (a
     * transport thread that must not block): an idle model's batch starts on {@code leaderThreads}, and a busy
     * model's leader takes the request with no hand-off at all.
     */
    CompletableFuture<List<Tensor>> submit(List<Tensor> inputs, long deadlineNanos, Executor leaderThreads) {
        if (!accepting) {
            throw new ModelRetiredException(name);
        }
        callers.incrementAndGet();
        CompletableFuture<List<Tensor>> answer = new CompletableFuture<>();
        Job job = new Job(inputs, deadlineNanos, null, answer);
        try {
            offer(job);
        } catch (RuntimeException e) {
            callers.decrementAndGet();
            throw e;
        }
        answer.whenComplete((outputs, failure) -> callers.decrementAndGet());
        if (leaderThreads == null) {
            leadIfIdle();
        } else if (leaders.get() < maxLeaders) {
            // A leader leaving after this check finds the job queued and leads it (see leadIfIdle).
            try {
                leaderThreads.execute(this::leadIfIdle);
            } catch (RejectedExecutionException shuttingDown) {
                leadIfIdle();
            }
        }
        if (!answer.isDone()) {
            // Answers the deadline even while a long batch holds the model (the queued job is then skipped).
            answer.completeOnTimeout(null, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        return answer.thenApply(outputs -> {
            if (outputs == null) {
                queue.remove(job);
                throw timeout();
            }
            return outputs;
        });
    }

    /**
     * Runs the queued batches on this thread when a leader slot is free; a running leader takes them otherwise. A
     * request queued while this leader was leaving is led here too, unless a blocked caller is first to lead it.
     */
    private void leadIfIdle() {
        while (tryToLead()) {
            try {
                lead(null);
            } finally {
                leaders.decrementAndGet();
            }
            Job next = queue.peek();
            if (next == null) {
                return;
            }
            if (next.caller != null) {
                LockSupport.unpark(next.caller);
                return;
            }
        }
    }

    private void offer(Job job) {
        if (!queue.offer(job)) {
            throw new MlforgeException(ErrorCode.TEMPORARILY_UNAVAILABLE, "The request queue of " + name
                    + " is full (" + (queue.size() + queue.remainingCapacity()) + " requests); retry later");
        }
    }

    private List<Tensor> enqueueAndAwait(List<Tensor> inputs, long deadlineNanos) {
        Job job = new Job(inputs, deadlineNanos, Thread.currentThread(), null);
        offer(job);
        while (!job.done) {
            if (tryToLead()) {
                try {
                    lead(job);
                } finally {
                    leaders.decrementAndGet();
                }
                wakeNextLeader();
                continue;
            }
            long wait = job.deadlineNanos - System.nanoTime();
            if (wait <= 0) {
                if (queue.remove(job)) {
                    throw timeout();
                }
                wait = TimeUnit.MILLISECONDS.toNanos(1);
            }
            LockSupport.parkNanos(this, wait);
        }
        if (job.failure != null) {
            throw job.failure;
        }
        return job.outputs;
    }

    private boolean tryToLead() {
        for (int current = leaders.get(); current < maxLeaders; current = leaders.get()) {
            if (leaders.compareAndSet(current, current + 1)) {
                return true;
            }
        }
        return false;
    }

    int depth() {
        return queue.size();
    }

    /** Runs batches until the leader's own request (if any) is answered or nothing is queued. */
    private void lead(Job own) {
        while (own == null || !own.done) {
            List<Job> batch = nextBatch();
            if (batch.isEmpty()) {
                return;
            }
            run(batch);
        }
    }

    /**
     * After a leader leaves: a queued blocked caller is woken to lead; a queued submitted request (it has no thread
     * of its own to wake) is led by this thread, which is done with its own request.
     */
    private void wakeNextLeader() {
        Job next = queue.peek();
        if (next == null) {
            return;
        }
        if (next.caller != null) {
            LockSupport.unpark(next.caller);
        } else {
            leadIfIdle();
        }
    }

    private List<Job> nextBatch() {
        Job first = queue.poll();
        if (first == null) {
            return List.of();
        }
        List<Job> batch = new ArrayList<>();
        batch.add(first);
        int rows = first.rows;
        long until = System.nanoTime() + maxDelayNanos;
        while (rows < maxBatchSize) {
            Job next = queue.peek();
            if (next == null && maxDelayNanos > 0 && until - System.nanoTime() > 0) {
                LockSupport.parkNanos(this, Math.min(until - System.nanoTime(), 50_000));
                continue;
            }
            if (next == null || rows + next.rows > maxBatchSize || !Tensors.batchable(first.inputs, next.inputs)
                    || !queue.remove(next)) {
                break;
            }
            batch.add(next);
            rows += next.rows;
        }
        return batch;
    }

    private void run(List<Job> batch) {
        long now = System.nanoTime();
        List<Job> live = new ArrayList<>(batch.size());
        for (Job job : batch) {
            if (now - job.deadlineNanos > 0) {
                job.finish(null, timeout());
            } else {
                live.add(job);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        int rows = live.stream().mapToInt(job -> job.rows).sum();
        batchSizes.accept(rows);
        try {
            if (live.size() == 1) {
                live.get(0).finish(predictor.predict(live.get(0).inputs), null);
                return;
            }
            split(live, predictor.predict(merge(live)), rows);
        } catch (RuntimeException e) {
            live.forEach(job -> job.finish(null, e));
        }
    }

    private MlforgeException timeout() {
        return new MlforgeException(ErrorCode.DEADLINE_EXCEEDED, "Request timed out in the queue of " + name
                + " (serving.request-timeout)");
    }

    private static List<Tensor> merge(List<Job> jobs) {
        int inputs = jobs.get(0).inputs.size();
        List<Tensor> merged = new ArrayList<>(inputs);
        for (int i = 0; i < inputs; i++) {
            List<Tensor> parts = new ArrayList<>(jobs.size());
            for (Job job : jobs) {
                parts.add(job.inputs.get(i));
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
                own.add(output.rows(offset, offset + job.rows));
            }
            offset += job.rows;
            job.finish(own, null);
        }
    }

    /** Stops taking requests and waits (up to 30 s) until the callers already inside are answered. */
    @Override
    public void close() {
        accepting = false;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((callers.get() > 0 || !queue.isEmpty() || leaders.get() > 0) && until - System.nanoTime() > 0) {
            wakeNextLeader();
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
