package dev.mlforge.cluster;

import dev.mlforge.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Leases in the {@code leases} table (V15). Taking a lease is one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE
 * expires_at <= now}: PostgreSQL locks the row, so of two servers racing for an expired lease one updates it and the
 * other finds it held. Expiry times are this server's clock in epoch milliseconds: the servers' clocks must agree to
 * well within the lease time (NTP). A name's first token is the time it was taken in epoch milliseconds, so that a
 * name taken again after its row was pruned still gets a larger token than any before it.
 */
final class JdbiLeases implements Leases {
    private final Database database;
    private final String holder;
    private final Clock clock;

    JdbiLeases(Database database, String holder, Clock clock) {
        this.database = database;
        this.holder = holder;
        this.clock = clock;
    }

    @Override
    public String holder() {
        return holder;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public Optional<Lease> acquire(String name, Duration time) {
        long now = clock.millis();
        long expires = now + time.toMillis();
        return database.write(handle -> {
            int taken = handle.createUpdate("INSERT INTO leases (name, holder, token, expires_at) VALUES (:name, :holder, :now, :expires)"
                            + " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, token = leases.token + 1,"
                            + " expires_at = excluded.expires_at WHERE leases.expires_at <= :now")
                    .bind("name", name).bind("holder", holder).bind("expires", expires).bind("now", now).execute();
            if (taken == 0) {
                return Optional.<Lease>empty();
            }
            long token = handle.createQuery("SELECT token FROM leases WHERE name = :name").bind("name", name)
                    .mapTo(Long.class).one();
            return Optional.of(new Lease(name, holder, token, Instant.ofEpochMilli(expires)));
        });
    }

    @Override
    public Optional<Lease> renew(Lease lease, Duration time) {
        long expires = clock.millis() + time.toMillis();
        int renewed = database.write(handle -> handle.createUpdate("UPDATE leases SET expires_at = :expires"
                        + " WHERE name = :name AND holder = :holder AND token = :token")
                .bind("expires", expires).bind("name", lease.name()).bind("holder", lease.holder()).bind("token", lease.token())
                .execute());
        return renewed == 1 ? Optional.of(new Lease(lease.name(), lease.holder(), lease.token(), Instant.ofEpochMilli(expires)))
                : Optional.empty();
    }

    @Override
    public void release(Lease lease) {
        // the row stays (expired) so that the next holder's token is still larger than this one
        database.write(handle -> handle.createUpdate("UPDATE leases SET expires_at = 0"
                        + " WHERE name = :name AND holder = :holder AND token = :token")
                .bind("name", lease.name()).bind("holder", lease.holder()).bind("token", lease.token()).execute());
    }

    @Override
    public int prune(Duration expiredFor) {
        long before = clock.millis() - expiredFor.toMillis();
        return database.write(handle -> handle.createUpdate("DELETE FROM leases WHERE expires_at < :before")
                .bind("before", before).execute());
    }

    @Override
    public boolean current(Lease lease) {
        return database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM leases"
                        + " WHERE name = :name AND holder = :holder AND token = :token")
                .bind("name", lease.name()).bind("holder", lease.holder()).bind("token", lease.token())
                .mapTo(Integer.class).one()) == 1;
    }
}
