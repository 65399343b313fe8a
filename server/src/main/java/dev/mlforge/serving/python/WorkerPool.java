package dev.mlforge.serving.python;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.concurrent.DaemonThreads;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.serving.Tensor;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervised Python workers of one loaded model: lends an idle worker to each call, and replaces a worker that
 * died or was killed for a timeout in the background (retrying with back-off while its start fails), so the next
 * calls find a live one. {@link #close()} stops every worker, leaving no process behind.
 */
final class WorkerPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final String label;
    private final Duration callTimeout;
    private final Supplier<PythonWorker> starter;
    private final BlockingQueue<PythonWorker> idle = new LinkedBlockingQueue<>();
    private final Set<PythonWorker> workers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;
    private final ExecutorService restarter;
    private volatile boolean closed;

    /** Starts {@code size} workers with {@code starter}; fails (stopping those started) when one cannot start. */
    WorkerPool(String label, int size, Duration callTimeout, ScheduledExecutorService watchdog,
            Supplier<PythonWorker> starter) {
        this.label = label;
        this.callTimeout = callTimeout;
        this.starter = starter;
        this.watchdog = watchdog;
        this.restarter = Executors.newSingleThreadExecutor(DaemonThreads.named("mlforge-python-restart"));
        try {
            for (int i = 0; i < size; i++) {
                add(starter.get());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The first worker, whose ready message describes the model. */
    PythonWorker any() {
        return workers.iterator().next();
    }

    /** The process ids of the live workers (for tests and diagnostics). */
    List<Long> pids() {
        return workers.stream().map(PythonWorker::pid).toList();
    }

    /** Runs one batch on an idle worker, waiting for one up to the call timeout. */
    PythonWorker.Answer predict(List<Tensor> inputs) {
        PythonWorker worker = borrow();
        try {
            PythonWorker.Answer answer = worker.predict(inputs, callTimeout);
            giveBack(worker);
            return answer;
        } catch (WorkerLostException e) {
            replace(worker);
            throw e;
        } catch (RuntimeException e) {
            giveBack(worker);
            throw e;
        }
    }

    private PythonWorker borrow() {
        try {
            PythonWorker worker = closed ? null : idle.poll(callTimeout.toNanos(), TimeUnit.NANOSECONDS);
            if (worker == null) {
                throw new MlforgeException(ErrorCode.TEMPORARILY_UNAVAILABLE, "No Python worker of " + label
                        + " became available within serving.request-timeout (they are being restarted); retry later");
            }
            return worker;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlforgeException(ErrorCode.TEMPORARILY_UNAVAILABLE, "Interrupted waiting for a Python worker of " + label);
        }
    }

    private void giveBack(PythonWorker worker) {
        if (closed) {
            worker.stop();
        } else if (!worker.alive()) {
            replace(worker);
        } else {
            idle.add(worker);
        }
    }

    private void add(PythonWorker worker) {
        workers.add(worker);
        idle.add(worker);
        if (closed) {
            stopAll();
        }
    }

    /** Drops a dead or killed worker and starts its successor in the background. */
    private void replace(PythonWorker worker) {
        worker.kill();
        workers.remove(worker);
        if (closed) {
            return;
        }
        log.warn("Python worker {} of {} is gone; starting a replacement", worker.pid(), label);
        try {
            restarter.execute(this::startReplacement);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: no replacement wanted
        }
    }

    private void startReplacement() {
        long backoff = 250;
        while (!closed) {
            try {
                add(starter.get());
                return;
            } catch (RuntimeException e) {
                log.error("Cannot restart a Python worker of {} (retrying in {} ms): {}", label, backoff, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private void stopAll() {
        idle.clear();
        for (PythonWorker worker : workers) {
            worker.kill();
        }
        for (PythonWorker worker : workers) {
            worker.stop();
        }
        workers.clear();
    }

    /** Stops taking calls and stops every worker (killing any still busy). */
    @Override
    public void close() {
        closed = true;
        restarter.shutdownNow();
        stopAll();
        watchdog.shutdown(); // a start still loading is killed by its pending start-timeout guard
    }
}
