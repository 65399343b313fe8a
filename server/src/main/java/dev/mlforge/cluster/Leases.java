package dev.mlforge.cluster;

import java.time.Duration;
import java.util.Optional;

/**
 * Leases on named pieces of background work, so that several servers sharing one store run each piece once. On the
 * embedded single-server store every lease is granted at once ({@link #local(String)}).
 */
public interface Leases {
    /** The name this server holds leases under. */
    String holder();

    /** False on a single server, where every lease is granted and nothing is shared. */
    boolean shared();

    /** The lease on {@code name} for {@code time} when nobody holds it or its holder let it expire; empty otherwise. */
    Optional<Lease> acquire(String name, Duration time);

    /** The lease extended by {@code time} from now; empty when it changed hands (its token is stale). */
    Optional<Lease> renew(Lease lease, Duration time);

    /** Gives the lease up at once so another server may take the work; nothing when it already changed hands. */
    void release(Lease lease);

    /** True while {@code lease} is the current one on its name (nobody took it over). */
    boolean current(Lease lease);

    /**
     * Forgets the leases that expired more than {@code expiredFor} ago (per-occurrence claims would otherwise pile up);
     * returns how many. Tokens stay increasing for a name that is taken again afterwards.
     */
    int prune(Duration expiredFor);

    /** Leases of one server alone: each is granted, renewed and current. */
    static Leases local(String holder) {
        return new Leases() {
            @Override
            public String holder() {
                return holder;
            }

            @Override
            public boolean shared() {
                return false;
            }

            @Override
            public Optional<Lease> acquire(String name, Duration time) {
                return Optional.of(new Lease(name, holder, 1, java.time.Instant.MAX));
            }

            @Override
            public Optional<Lease> renew(Lease lease, Duration time) {
                return Optional.of(lease);
            }

            @Override
            public void release(Lease lease) {
                // nothing is shared
            }

            @Override
            public boolean current(Lease lease) {
                return true;
            }

            @Override
            public int prune(Duration expiredFor) {
                return 0;
            }
        };
    }
}
