package dev.mlforge.monitoring.monitors;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs monitors on their schedules on one scheduled executor: a fixed delay for intervals, and for cron one
 * timer per next matching time, re-armed after each run.
 */
final class MonitorScheduler {
    private static final Logger log = LoggerFactory.getLogger(MonitorScheduler.class);

    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final Map<String, Future<?>> scheduled = new ConcurrentHashMap<>();

    MonitorScheduler(ScheduledExecutorService executor, Clock clock) {
        this.executor = executor;
        this.clock = clock;
    }

    /** The executor of monitor schedules (and webhook retries): one daemon thread. */
    static ScheduledExecutorService newExecutor() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mlforge-monitors");
            thread.setDaemon(true);
            return thread;
        });
    }

    void schedule(Monitor monitor, Runnable run) {
        MonitorSchedule schedule = monitor.schedule();
        if (schedule == null || schedule.onRequestOnly()) {
            return;
        }
        try {
            if (schedule.intervalSeconds() != null) {
                long seconds = schedule.intervalSeconds();
                scheduled.put(monitor.id(), executor.scheduleWithFixedDelay(guarded(monitor, run), seconds, seconds, TimeUnit.SECONDS));
            } else {
                armCron(monitor, CronExpression.parse(schedule.cron()), run);
            }
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("Not scheduling monitor {}: shutting down", monitor.id());
        }
    }

    private void armCron(Monitor monitor, CronExpression cron, Runnable run) {
        Optional<Duration> delay = cron.delayAfter(clock.instant());
        if (delay.isEmpty()) {
            log.warn("Cron expression of monitor {} never matches again", monitor.id());
            return;
        }
        Runnable once = () -> {
            guarded(monitor, run).run();
            if (scheduled.containsKey(monitor.id())) {
                armCron(monitor, cron, run);
            }
        };
        scheduled.put(monitor.id(), executor.schedule(once, Math.max(1, delay.get().toMillis()), TimeUnit.MILLISECONDS));
    }

    private static Runnable guarded(Monitor monitor, Runnable run) {
        return () -> {
            try {
                run.run();
            } catch (RuntimeException e) {
                // a failed run must not cancel the schedule
                log.warn("Scheduled run of monitor {} ({}) failed: {}", monitor.id(), monitor.deployment(), e.getMessage());
            }
        };
    }

    void cancel(String monitorId) {
        Future<?> future = scheduled.remove(monitorId);
        if (future != null) {
            future.cancel(false);
        }
    }

    /** Cancels every schedule and stops the executor, waiting briefly for a running monitor. */
    void close() {
        scheduled.keySet().forEach(this::cancel);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
