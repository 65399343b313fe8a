package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RateLimitedException;
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

/** Password sign-in against a real store: attempts per name and address are limited, on the application's clock. */
class BrowserSignInTest {
    @TempDir
    Path dir;
    private Database database;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private BrowserSignIn signIn;

    @BeforeEach
    void open() {
        database = Database.open(null, dir);
        SecureRandom random = new SecureRandom();
        UserService users = new UserService(new JdbiUserStore(database), PasswordHasher.owaspDefaults(random), new AuthChanges());
        users.createUser("dave", "dave-password-1");
        Sessions sessions = new Sessions(new JdbiSessionStore(database), new SessionSettings(Duration.ofHours(1),
                Duration.ofMinutes(30)), clock, random);
        signIn = new BrowserSignIn(true, users, sessions, null, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void after_a_burst_of_attempts_even_the_right_password_waits_until_the_bucket_refills() {
        for (int i = 0; i < BrowserSignIn.ATTEMPT_BURST; i++) {
            assertThatThrownBy(() -> signIn.withPassword("dave", "guess", "10.0.0.1")).isInstanceOf(MlforgeException.class)
                    .isNotInstanceOf(RateLimitedException.class);
        }
        assertThatThrownBy(() -> signIn.withPassword("dave", "dave-password-1", "10.0.0.1"))
                .isInstanceOf(RateLimitedException.class);
        assertThat(signIn.withPassword("dave", "dave-password-1", "10.0.0.2")).as("another address").isNotEmpty();

        clock.advance(Duration.ofSeconds(BrowserSignIn.SECONDS_PER_ATTEMPT));

        String secret = signIn.withPassword("dave", "dave-password-1", "10.0.0.1");
        assertThat(signIn.sessions().live(secret)).isTrue();
    }
}
