package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.app.Application;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The V24 sessions table and its SQL on PostgreSQL: a session opened on one replica is honoured by another replica of
 * the same store, and ends on both when signed out.
 */
class SessionsOnPostgresTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.postgres().withBasicAuth(Callers.ADMIN, Callers.ADMIN_PASSWORD);

    @Test
    void a_session_opened_on_one_replica_works_on_another() throws InterruptedException {
        TestHttp.Response signedIn = new TestHttp(server.baseUrl()).send("POST", "/ui/login", "application/x-www-form-urlencoded",
                "username=" + Callers.ADMIN + "&password=" + Callers.ADMIN_PASSWORD);
        assertThat(signedIn.status()).isEqualTo(303);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        String session = cookie.substring("mlforge_session=".length(), cookie.indexOf(';'));
        String stored = server.application().database().read(handle -> handle.createQuery("SELECT id_hash FROM auth_sessions")
                .mapTo(String.class).one());
        assertThat(stored).isNotEqualTo(session);

        try (Application replica = new Application(server.config()).start()) {
            TestHttp other = new TestHttp(replica.baseUrl());
            assertThat(other.send("GET", "/api/2.0/mlflow/users/current", null, null, "Cookie", "mlforge_session=" + session)
                    .json(200).at("/user/username").asText()).isEqualTo(Callers.ADMIN);

            String page = other.send("GET", "/ui/experiments", null, null, "Cookie", "mlforge_session=" + session).ok().body();
            String csrf = page.replaceAll("(?s).*<meta name=\"csrf-token\" content=\"([^\"]+)\">.*", "$1");
            assertThat(new TestHttp(server.baseUrl()).send("POST", "/ui/logout", "application/x-www-form-urlencoded",
                    "_csrf=" + csrf, "Cookie", "mlforge_session=" + session).status()).isEqualTo(303);
            assertThat(new TestHttp(server.baseUrl()).send("GET", "/api/2.0/mlflow/users/current", null, null, "Cookie",
                    "mlforge_session=" + session).status()).as("on the replica that signed out: at once").isEqualTo(401);
            // The other replica may answer from its session cache for auth.session.cache-seconds (5 s by default).
            int status = 200;
            for (long end = System.nanoTime() + 30_000_000_000L; status != 401 && System.nanoTime() < end; ) {
                Thread.sleep(250);
                status = other.send("GET", "/api/2.0/mlflow/users/current", null, null, "Cookie", "mlforge_session=" + session)
                        .status();
            }
            assertThat(status).as("on the other replica, once its cache time has passed").isEqualTo(401);
        }
    }
}
