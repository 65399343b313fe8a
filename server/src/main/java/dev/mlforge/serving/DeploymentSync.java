package dev.mlforge.serving;

import dev.mlforge.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the deployments of this server in line with the changes other servers sharing the store make: every poll
 * reads each stored deployment's revision (one small query) and refreshes the deployments whose revision moved, that
 * appeared or that disappeared since the previous poll; then it reads where the alias, stage and {@code latest} URIs
 * of the deployments point (a few small queries per such URI) and reloads those that moved. Only names seen in the
 * store are refreshed, so a deployment this server is creating (loading models before its row is written) is left
 * alone. A deployment whose load failed here (its model files not readable yet, a database hiccup) is tried again
 * after 2, 4, 8 ... polls, at most every {@value #MAX_RETRY_POLLS} polls, until it loads: the store need not change
 * again for this server to catch up with the others.
 */
final class DeploymentSync implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeploymentSync.class);
    /** Longest wait between two attempts to load a deployment that failed to load, in polls. */
    static final int MAX_RETRY_POLLS = 64;

    private final DeploymentStore store;
    private final DeploymentService deployments;
    private final Duration interval;
    private Map<String, Long> known = Map.of();
    /** Per deployment that failed to load: the failed attempts so far and the poll of the next attempt. */
    private final Map<String, Retry> retries = new HashMap<>();
    private long polls;
    private ScheduledExecutorService thread;

    DeploymentSync(DeploymentStore store, DeploymentService deployments, Duration interval) {
        this.store = store;
        this.deployments = deployments;
        this.interval = interval;
    }

    /** Reads the revisions the next polls compare against; call before loading the stored deployments. */
    void baseline() {
        known = store.revisions();
    }

    /** Refreshes what changed since the previous poll; returns the names refreshed. */
    synchronized Set<String> poll() {
        Map<String, Long> now = store.revisions();
        Set<String> changed = new HashSet<>();
        now.forEach((name, revision) -> {
            if (!revision.equals(known.get(name))) {
                changed.add(name);
            }
        });
        known.keySet().stream().filter(name -> !now.containsKey(name)).forEach(changed::add);
        for (String name : changed) {
            deployments.refresh(name);
        }
        known = new HashMap<>(now);
        changed.addAll(deployments.followMovedUris());
        changed.addAll(retryFailedLoads(changed));
        return changed;
    }

    /**
     * Tries again the deployments whose load failed and whose next attempt is due (those refreshed by this poll have
     * just had theirs); forgets those that loaded or left. Returns the names tried.
     */
    private Set<String> retryFailedLoads(Set<String> refreshedNow) {
        polls++;
        Set<String> failed = deployments.failedToLoad();
        retries.keySet().retainAll(failed);
        Set<String> tried = new HashSet<>();
        for (String name : failed) {
            Retry retry = retries.get(name);
            if (retry == null || refreshedNow.contains(name)) {
                retries.put(name, Retry.after(retry, polls));
            } else if (polls >= retry.dueAtPoll()) {
                deployments.refresh(name);
                tried.add(name);
                retries.put(name, Retry.after(retry, polls));
            }
        }
        return tried;
    }

    /** A failed deployment's attempts so far and the poll its next attempt is due at. */
    private record Retry(int attempts, long dueAtPoll) {
        static Retry after(Retry previous, long poll) {
            int attempts = previous == null ? 1 : previous.attempts + 1;
            return new Retry(attempts, poll + Math.min(1L << Math.min(attempts, 30), MAX_RETRY_POLLS));
        }
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mlforge-deployment-sync"));
        thread.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                log.warn("Cannot read the deployments other servers changed: {}", e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }
}
