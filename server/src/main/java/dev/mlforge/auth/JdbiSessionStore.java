package dev.mlforge.auth;

import dev.mlforge.http.Role;
import dev.mlforge.store.Database;
import java.util.Optional;

/** The web UI's sign-in sessions on the V24 table {@code auth_sessions}, the same SQL on SQLite and PostgreSQL. */
final class JdbiSessionStore {
    /** A stored session: who, the role its OIDC groups granted (or null), and its times in epoch milliseconds. */
    record StoredSession(String username, Role groupRole, long createdAt, long lastSeenAt, long expiresAt) {
        StoredSession seenAt(long time) {
            return new StoredSession(username, groupRole, createdAt, time, expiresAt);
        }
    }

    private final Database database;

    JdbiSessionStore(Database database) {
        this.database = database;
    }

    void insert(String idHash, StoredSession session) {
        database.write(handle -> handle.createUpdate("INSERT INTO auth_sessions (id_hash, username, group_role, created_at, "
                + "last_seen_at, expires_at) VALUES (:id, :user, :role, :created, :seen, :expires)")
                .bind("id", idHash).bind("user", session.username())
                .bind("role", session.groupRole() == null ? null : session.groupRole().name())
                .bind("created", session.createdAt()).bind("seen", session.lastSeenAt()).bind("expires", session.expiresAt())
                .execute());
    }

    Optional<StoredSession> find(String idHash) {
        return database.read(handle -> handle.createQuery("SELECT * FROM auth_sessions WHERE id_hash = :id").bind("id", idHash)
                .map((rs, ctx) -> new StoredSession(rs.getString("username"),
                        rs.getString("group_role") == null ? null : Role.valueOf(rs.getString("group_role")),
                        rs.getLong("created_at"), rs.getLong("last_seen_at"), rs.getLong("expires_at")))
                .findOne());
    }

    /** Records a session's last use; false when the session is no longer stored (ended elsewhere). */
    boolean touch(String idHash, long lastSeenAt) {
        return database.write(handle -> handle.createUpdate("UPDATE auth_sessions SET last_seen_at = :seen WHERE id_hash = :id")
                .bind("seen", lastSeenAt).bind("id", idHash).execute()) > 0;
    }

    void delete(String idHash) {
        database.write(handle -> handle.createUpdate("DELETE FROM auth_sessions WHERE id_hash = :id").bind("id", idHash).execute());
    }

    /** Forgets sessions past their end or idle since {@code idleBefore}. */
    void deleteExpired(long now, long idleBefore) {
        database.write(handle -> handle.createUpdate("DELETE FROM auth_sessions WHERE expires_at <= :now OR last_seen_at < :idle")
                .bind("now", now).bind("idle", idleBefore).execute());
    }
}
