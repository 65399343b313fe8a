package dev.mlforge.cluster;

import dev.mlforge.concurrent.DaemonThreads;
import dev.mlforge.store.Database;
import dev.mlforge.store.Dialect;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server among the others sharing its store: its leases on background work (renewed while it works, expiring
 * when it dies) and how often it looks for their changes. On the embedded SQLite store the server is alone
 * ({@link #single}): every lease is granted and nothing is polled, exactly as before replicas existed.
 */
public final class Cluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Cluster.class);

    private final Leases leases;
    private final ClusterConfig config;
    private final ScheduledExecutorService renewals;

    Cluster(Leases leases, ClusterConfig config) {
        this.leases = leases;
        this.config = config;
        this.renewals = !leases.shared() ? null
                : Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mlforge-lease-renewals"));
        if (renewals != null) {
            renewals.scheduleWithFixedDelay(this::prune, PRUNE_EVERY.toMinutes(), PRUNE_EVERY.toMinutes(), TimeUnit.MINUTES);
        }
    }

    /** How often expired leases are pruned, and how long past expiry a lease is kept (far longer than any lease). */
    static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    /** A lease is kept an hour past its expiry, or ten lease times when that is longer. */
    Duration pruneAfter() {
        Duration tenLeases = config.leaseTime().multipliedBy(10);
        return tenLeases.compareTo(Duration.ofHours(1)) > 0 ? tenLeases : Duration.ofHours(1);
    }

    /** Deletes leases that expired long ago (every server does it; deleting twice is harmless). */
    void prune() {
        try {
            int pruned = leases.prune(pruneAfter());
            if (pruned > 0) {
                log.debug("Pruned {} expired leases", pruned);
            }
        } catch (RuntimeException e) {
            log.warn("Cannot prune expired leases: {}", e.getMessage());
        }
    }

    /** One server alone on its store (every lease granted at once). */
    public static Cluster single(String instanceId) {
        return new Cluster(Leases.local(instanceId), ClusterConfig.DEFAULT);
    }

    /** Shares leases through {@code database} when it is PostgreSQL; alone on SQLite, which one server owns. */
    public static Cluster open(Database database, ClusterConfig config, Clock clock, String instanceId) {
        if (database.dialect() != Dialect.POSTGRESQL) {
            return new Cluster(Leases.local(instanceId), config);
        }
        return new Cluster(new JdbiLeases(database, instanceId, clock), config);
    }

    /** True when other servers may share the store (PostgreSQL). */
    public boolean shared() {
        return leases.shared();
    }

    public String instanceId() {
        return leases.holder();
    }

    public Leases leases() {
        return leases;
    }

    public Duration leaseTime() {
        return config.leaseTime();
    }

    public Duration pollInterval() {
        return config.pollInterval();
    }

    /**
     * Takes the lease on {@code name} (when free or expired) and keeps renewing it every third of the lease time until
     * the returned hold is closed; empty when another server holds it.
     */
    public Optional<Hold> hold(String name) {
        return leases.acquire(name, config.leaseTime()).map(this::keep);
    }

    /**
     * Takes the lease on {@code name} for {@code time} without renewing it, as a claim on one occurrence of periodic
     * work: the first server to claim it runs that occurrence, the others find it taken until it expires.
     */
    public boolean claim(String name, Duration time) {
        return leases.acquire(name, time).isPresent();
    }

    private Hold keep(Lease lease) {
        Hold hold = new Hold(lease);
        if (leases.shared()) {
            long period = Math.max(1, config.leaseTime().toMillis() / 3);
            hold.renewal = renewals.scheduleAtFixedRate(hold::renew, period, period, TimeUnit.MILLISECONDS);
        }
        return hold;
    }

    /** A lease renewed in the background until closed; {@link #lost()} once another server took it over. */
    public final class Hold implements AutoCloseable {
        private volatile Lease lease;
        private volatile boolean lost;
        private volatile ScheduledFuture<?> renewal;

        private Hold(Lease lease) {
            this.lease = lease;
        }

        public Lease lease() {
            return lease;
        }

        /** True when the lease changed hands: the work's results must not be written by this server any more. */
        public boolean lost() {
            if (!lost && leases.shared() && !leases.current(lease)) {
                lost = true;
            }
            return lost;
        }

        private void renew() {
            try {
                Optional<Lease> renewed = leases.renew(lease, config.leaseTime());
                if (renewed.isPresent()) {
                    lease = renewed.get();
                } else {
                    lost = true;
                    log.warn("Lease {} was taken over by another server", lease.name());
                    stopRenewing();
                }
            } catch (RuntimeException e) {
                // the store may come back before the lease expires; the next renewal tries again
                log.warn("Cannot renew lease {}: {}", lease.name(), e.getMessage());
            }
        }

        private void stopRenewing() {
            ScheduledFuture<?> future = renewal;
            if (future != null) {
                future.cancel(false);
            }
        }

        /** Stops renewing and releases the lease (when still held) so another server may take the work at once. */
        @Override
        public void close() {
            stopRenewing();
            if (!lost) {
                try {
                    leases.release(lease);
                } catch (RuntimeException e) {
                    log.warn("Cannot release lease {} (it expires by itself): {}", lease.name(), e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        if (renewals != null) {
            renewals.shutdownNow();
        }
    }
}
