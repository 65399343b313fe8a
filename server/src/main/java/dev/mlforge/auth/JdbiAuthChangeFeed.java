package dev.mlforge.auth;

import dev.mlforge.concurrent.DaemonThreads;
import dev.mlforge.store.Database;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers sharing one PostgreSQL store tell each other about changes of users, tokens, grants and workspace
 * memberships with
 * {@code NOTIFY} (no table, no schema): each server announces its stored changes on one channel and listens on one
 * pooled connection, which it reads every poll interval ({@code cluster.poll-millis}). When the listening connection
 * breaks, announcements may have been missed: every version moves, so the caches read the store again.
 */
final class JdbiAuthChangeFeed implements AuthChanges.ChangeFeed {
    private static final Logger log = LoggerFactory.getLogger(JdbiAuthChangeFeed.class);
    static final String CHANNEL = "mlforge_auth_changes";

    private final Database database;
    private final AuthChanges changes;
    private final Duration interval;
    /** Tells this server's own announcements apart, which it has already applied. */
    private final String instance = UUID.randomUUID().toString();
    private final Thread listener;
    private volatile boolean closed;

    JdbiAuthChangeFeed(Database database, AuthChanges changes, Duration interval) {
        this.database = database;
        this.changes = changes;
        this.interval = interval;
        this.listener = DaemonThreads.start("mlforge-auth-changes", this::listen);
    }

    @Override
    public void publish(AuthChanges.Kind kind) {
        try {
            database.write(handle -> handle.execute("SELECT pg_notify(?, ?)", CHANNEL, kind.name() + " " + instance));
        } catch (RuntimeException e) {
            log.warn("Cannot announce a change of {} to the other servers: {}", kind, e.getMessage());
        }
    }

    private void listen() {
        while (!closed) {
            try (Handle handle = database.jdbi().open()) {
                handle.execute("LISTEN " + CHANNEL);
                // what changed while nobody listened is unknown: read everything again
                everythingChanged();
                PGConnection connection = handle.getConnection().unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = connection.getNotifications((int) interval.toMillis());
                    for (PGNotification notification : notifications == null ? new PGNotification[0] : notifications) {
                        receive(notification.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    log.warn("Listening for other servers' changes of users and grants failed ({}); listening again", e.getMessage());
                    sleep();
                }
            }
        }
    }

    private void receive(String payload) {
        int space = payload.indexOf(' ');
        if (space > 0 && !payload.substring(space + 1).equals(instance)) {
            try {
                changes.received(AuthChanges.Kind.valueOf(payload.substring(0, space)));
            } catch (IllegalArgumentException unknown) {
                everythingChanged();
            }
        }
    }

    private void everythingChanged() {
        for (AuthChanges.Kind kind : AuthChanges.Kind.values()) {
            changes.received(kind);
        }
    }

    private void sleep() {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.join(2 * interval.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
