package dev.mlforge.auth;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RateLimitedException;
import java.time.Clock;

/**
 * How a person signs in to the web UI, for the UI's sign-in pages: a user name and password checked by the same
 * verifier as HTTP Basic, or (when a client id is configured in {@code oidc} mode) the issuer's sign-in page; either
 * opens a {@link Sessions session}. Password attempts are limited per user name and address (a burst of
 * {@value #ATTEMPT_BURST}, then one every {@value #SECONDS_PER_ATTEMPT} seconds), answered 429 beyond that, so a
 * password cannot be guessed at speed; failures are audited by the door as every 401 is.
 */
public final class BrowserSignIn {
    static final int ATTEMPT_BURST = 10;
    static final int SECONDS_PER_ATTEMPT = 6;

    private final boolean enabled;
    private final UserService users;
    private final Sessions sessions;
    private final OidcSignIn oidc;
    private final TokenBuckets attempts;

    BrowserSignIn(boolean enabled, UserService users, Sessions sessions, OidcSignIn oidc, Clock clock) {
        this.enabled = enabled;
        this.users = users;
        this.sessions = sessions;
        this.oidc = oidc;
        this.attempts = new TokenBuckets(1.0 / SECONDS_PER_ATTEMPT, ATTEMPT_BURST, clock);
    }

    /** False without authentication ({@code auth.mode=none}): there is nobody to sign in as. */
    public boolean enabled() {
        return enabled;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** The OIDC sign-in, or null when the UI signs in with passwords only. */
    public OidcSignIn oidc() {
        return oidc;
    }

    /**
     * Checks a user name and password as HTTP Basic does and opens a session: answers its secret. UNAUTHENTICATED for
     * wrong credentials, REQUEST_LIMIT_EXCEEDED once too many attempts for this name from this address failed.
     */
    public String withPassword(String username, String password, String address) {
        if (!enabled) {
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "Sign-in is off: the server runs without authentication");
        }
        long waitMs = attempts.take(username + '\0' + address);
        if (waitMs > 0) {
            throw new RateLimitedException("Too many sign-in attempts for '" + username + "' from this address",
                    Math.max(1, (waitMs + 999) / 1000));
        }
        return sessions.open(users.authenticate(username, password).username(), null);
    }
}
