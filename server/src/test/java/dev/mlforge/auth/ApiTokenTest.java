package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * API tokens as {@code MLFLOW_TRACKING_TOKEN} sends them ({@code Authorization: Bearer mlf_...}): shown once, stored
 * hashed, usable until revoked or expired, with a last-used time.
 */
class ApiTokenTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("auth.mode", "basic")
            .withConfig("admin-username", Callers.ADMIN).withConfig("admin-password", Callers.ADMIN_PASSWORD);

    private static final String SEARCH = "/api/2.0/mlflow/experiments/search?max_results=1";

    private JsonNode create(Callers as, String user, String password, String body) {
        return as.as(user, password, "POST", "/api/v1/tokens", body).json(201);
    }

    @Test
    void a_token_authenticates_its_owner_and_its_secret_is_shown_once_and_stored_hashed() {
        Callers as = new Callers(server.http());
        as.createUser("alice", "alice-password");
        JsonNode created = create(as, "alice", "alice-password", "{\"name\":\"ci\"}");
        String secret = created.path("secret").asText();

        assertThat(secret).startsWith("mlf_").hasSizeGreaterThan(40);
        assertThat(as.bearer(secret, "GET", "/api/2.0/mlflow/users/current", null).json(200).path("user").path("username")
                .asText()).isEqualTo("alice");
        JsonNode listed = as.as("alice", "alice-password", "GET", "/api/v1/tokens", null).json(200);
        assertThat(listed.path("tokens")).hasSize(1);
        assertThat(listed.toString()).doesNotContain(secret);
        List<Map<String, Object>> rows = server.application().database().read(handle ->
                handle.createQuery("SELECT * FROM auth_api_tokens").mapToMap().list());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).values().toString()).doesNotContain(secret.substring(4));
    }

    @Test
    void a_revoked_token_is_refused_at_once() {
        Callers as = new Callers(server.http());
        as.createUser("alice", "alice-password");
        JsonNode created = create(as, "alice", "alice-password", "{\"name\":\"ci\"}");
        String secret = created.path("secret").asText();
        assertThat(as.bearer(secret, "GET", SEARCH, null).status()).isEqualTo(200);

        assertThat(as.as("alice", "alice-password", "DELETE", "/api/v1/tokens/" + created.path("token").path("id").asText(),
                null).status()).isEqualTo(204);

        assertThat(as.bearer(secret, "GET", SEARCH, null).status()).isEqualTo(401);
        assertThat(as.as("alice", "alice-password", "GET", "/api/v1/tokens", null).json(200).path("tokens").get(0)
                .has("revoked_at")).isTrue();
    }

    @Test
    void another_users_token_cannot_be_revoked() {
        Callers as = new Callers(server.http());
        as.createUser("alice", "alice-password");
        as.createUser("bob", "bob-password");
        JsonNode created = create(as, "alice", "alice-password", "{}");

        assertThat(as.as("bob", "bob-password", "DELETE", "/api/v1/tokens/" + created.path("token").path("id").asText(), null)
                .status()).isEqualTo(404);
        assertThat(as.bearer(created.path("secret").asText(), "GET", SEARCH, null).status()).isEqualTo(200);
    }

    @Test
    void an_expired_token_is_refused() {
        Callers as = new Callers(server.http());
        as.createUser("alice", "alice-password");
        String secret = create(as, "alice", "alice-password", "{\"name\":\"short\",\"expires_in_seconds\":1}")
                .path("secret").asText();
        assertThat(as.bearer(secret, "GET", SEARCH, null).status()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> as.bearer(secret, "GET", SEARCH, null).status() == 401);
    }

    @Test
    void an_unknown_or_forged_token_is_refused() {
        Callers as = new Callers(server.http());

        assertThat(as.bearer("mlf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "GET", SEARCH, null).status()).isEqualTo(401);
        assertThat(as.bearer("eyJhbGciOiJub25lIn0.e30.", "GET", SEARCH, null).status()).isEqualTo(401);
    }

    @Test
    void the_last_use_is_recorded_without_a_write_per_request() {
        Callers as = new Callers(server.http());
        as.createUser("alice", "alice-password");
        JsonNode created = create(as, "alice", "alice-password", "{}");
        String secret = created.path("secret").asText();

        as.bearer(secret, "GET", SEARCH, null).ok();
        Long first = lastUsed();
        as.bearer(secret, "GET", SEARCH, null).ok();

        assertThat(first).isNotNull();
        assertThat(lastUsed()).as("a second use within the minute writes nothing").isEqualTo(first);
    }

    private Long lastUsed() {
        return server.application().database().read(handle -> handle.createQuery(
                "SELECT last_used_at FROM auth_api_tokens").mapTo(Long.class).one());
    }
}
