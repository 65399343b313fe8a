package dev.mlforge.monitoring.monitors;

import dev.mlforge.cluster.Cluster;
import dev.mlforge.concurrent.DaemonThreads;
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
 *
 * <p>When servers share the store, every server arms every monitor, at the same times (intervals are aligned to
 * multiples of the interval since the epoch, cron times are the same everywhere), and each occurrence first claims
 * the lease {@code monitor:<id>} for most of the time to the next occurrence: one server runs it, the others find it
 * claimed. A server that dies claims nothing more, so the next occurrence runs elsewhere.
 */
final class MonitorScheduler {
    private static final Logger log = LoggerFactory.getLogger(MonitorScheduler.class);

    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final Map<String, Future<?>> scheduled = new ConcurrentHashMap<>();
    private final Cluster cluster;

    MonitorScheduler(ScheduledExecutorService executor, Clock clock, Cluster cluster) {
        this.executor = executor;
        this.clock = clock;
        this.cluster = cluster;
    }

    /** The ids of the monitors armed now. */
    java.util.Set<String> armed() {
        return java.util.Set.copyOf(scheduled.keySet());
    }

    /** Runs {@code task} every {@code interval} on the schedules' thread (for following other servers' monitors). */
    void every(Duration interval, Runnable task) {
        try {
            executor.scheduleWithFixedDelay(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("Cannot follow the monitors of other servers: {}", e.getMessage());
                }
            }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("Not following other servers' monitors: shutting down");
        }
    }

    /** The executor of monitor schedules (and webhook retries): one daemon thread. */
    static ScheduledExecutorService newExecutor() {
        return Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mlforge-monitors"));
    }

    synchronized void schedule(Monitor monitor, Runnable run) {
        MonitorSchedule schedule = monitor.schedule();
        if (schedule == null || schedule.onRequestOnly() || scheduled.containsKey(monitor.id())) {
            return;
        }
        try {
            if (schedule.intervalSeconds() != null) {
                long seconds = schedule.intervalSeconds();
                if (cluster.shared()) {
                    long period = seconds * 1000;
                    long firstDelay = period - Math.floorMod(clock.millis(), period);
                    Duration claim = Duration.ofMillis(Math.max(1, period * 8 / 10));
                    scheduled.put(monitor.id(), executor.scheduleAtFixedRate(claimed(monitor, claim, guarded(monitor, run)),
                            firstDelay, period, TimeUnit.MILLISECONDS));
                } else {
                    scheduled.put(monitor.id(), executor.scheduleWithFixedDelay(guarded(monitor, run), seconds, seconds, TimeUnit.SECONDS));
                }
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
            if (cluster.shared()) {
                // claimed until most of the way to the following occurrence
                Duration untilNext = cron.delayAfter(clock.instant().plusSeconds(1)).orElse(Duration.ofMinutes(1)).plusSeconds(1);
                claimed(monitor, Duration.ofMillis(Math.max(1, untilNext.toMillis() * 8 / 10)), guarded(monitor, run)).run();
            } else {
                guarded(monitor, run).run();
            }
            rearm(monitor, cron, run);
        };
        scheduled.put(monitor.id(), executor.schedule(once, Math.max(1, delay.get().toMillis()), TimeUnit.MILLISECONDS));
    }

    private synchronized void rearm(Monitor monitor, CronExpression cron, Runnable run) {
        if (scheduled.containsKey(monitor.id())) {
            scheduled.remove(monitor.id());
            armCron(monitor, cron, run);
        }
    }

    /** {@code run} when this server claims the occurrence (lease {@code monitor:<id>} for {@code time}), else nothing. */
    private Runnable claimed(Monitor monitor, Duration time, Runnable run) {
        return () -> {
            boolean mine;
            try {
                mine = cluster.claim("monitor:" + monitor.id(), time);
            } catch (RuntimeException e) {
                log.warn("Cannot claim the scheduled run of monitor {}: {}", monitor.id(), e.getMessage());
                return;
            }
            if (mine) {
                run.run();
            }
        };
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

    synchronized void cancel(String monitorId) {
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
