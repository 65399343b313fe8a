package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.http.Role;
import dev.mlforge.store.Database;
import dev.mlforge.testing.MutableClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Web UI sessions in a real store: only a hash of the id is kept, and they end at their maximum age or when idle. */
class SessionsTest {
    @TempDir
    Path dir;
    private Database database;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Sessions sessions;

    @BeforeEach
    void open() {
        database = Database.open(null, dir);
        sessions = new Sessions(new JdbiSessionStore(database), new SessionSettings(Duration.ofHours(2), Duration.ofMinutes(30)),
                clock, new SecureRandom());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void the_store_keeps_only_a_hash_of_the_session_id() {
        String secret = sessions.open("carol", Role.WRITE);

        String stored = database.read(handle -> handle.createQuery("SELECT id_hash FROM auth_sessions").mapTo(String.class).one());
        assertThat(stored).isNotEqualTo(secret).doesNotContain(secret);
        assertThat(sessions.find(secret)).hasValueSatisfying(session -> {
            assertThat(session.username()).isEqualTo("carol");
            assertThat(session.groupRole()).isEqualTo(Role.WRITE);
        });
    }

    @Test
    void a_session_used_regularly_still_ends_at_its_maximum_age() {
        String secret = sessions.open("carol", null);
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofMinutes(17));
            assertThat(sessions.find(secret)).as("after %d minutes", 17 * (i + 1)).isPresent();
        }
        clock.advance(Duration.ofMinutes(2));
        assertThat(sessions.find(secret)).as("after 121 minutes").isEmpty();
    }

    @Test
    void an_idle_session_ends_after_the_idle_timeout() {
        String secret = sessions.open("carol", null);
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.find(secret)).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.find(secret)).as("29 minutes after its last use").isPresent();
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.find(secret)).isEmpty();
        long left = database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM auth_sessions").mapTo(Long.class).one());
        assertThat(left).as("the ended session is deleted").isZero();
    }

    @Test
    void a_session_read_recently_is_answered_without_the_store_and_a_sign_out_elsewhere_ends_it_within_the_cache_time() {
        Sessions replica = new Sessions(new JdbiSessionStore(database), new SessionSettings(Duration.ofHours(2),
                Duration.ofMinutes(30), Duration.ofSeconds(5)), clock, new SecureRandom());
        String secret = sessions.open("carol", null);
        assertThat(replica.find(secret)).isPresent();

        sessions.close(secret);

        assertThat(sessions.find(secret)).as("on the server that signed out").isEmpty();
        clock.advance(Duration.ofSeconds(4));
        assertThat(replica.find(secret)).as("remembered by the other server for 5 s").isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(replica.find(secret)).as("after 5 s the other server reads the store again").isEmpty();
    }

    @Test
    void without_a_cache_a_sign_out_elsewhere_ends_the_session_at_once_and_a_remembered_session_still_idles_out() {
        Sessions strict = new Sessions(new JdbiSessionStore(database), new SessionSettings(Duration.ofHours(2),
                Duration.ofMinutes(30), Duration.ZERO), clock, new SecureRandom());
        String secret = sessions.open("carol", null);
        assertThat(strict.find(secret)).isPresent();
        sessions.close(secret);
        assertThat(strict.find(secret)).isEmpty();

        String other = sessions.open("carol", null);
        assertThat(sessions.find(other)).isPresent();
        clock.advance(Duration.ofMinutes(31));
        assertThat(sessions.find(other)).as("idle, even though it was remembered").isEmpty();
    }

    @Test
    void the_csrf_token_is_bound_to_its_session() {
        String one = sessions.open("carol", null);
        String other = sessions.open("carol", null);

        assertThat(Sessions.csrfMatches(one, Sessions.csrfToken(one))).isTrue();
        assertThat(Sessions.csrfMatches(one, Sessions.csrfToken(other))).isFalse();
        assertThat(Sessions.csrfMatches(one, null)).isFalse();
        assertThat(Sessions.csrfToken(one)).doesNotContain(one);
    }
}
