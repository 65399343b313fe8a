package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * State-changing requests are limited per identity: a caller over its burst gets 429 REQUEST_LIMIT_EXCEEDED in
 * MLflow's error shape with Retry-After, the refused request changes nothing, other identities and reads are not
 * held back, and the bucket refills at the configured rate.
 */
class WriteRateLimitTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().startOnFirstUse();

    private Callers start(String perSecond, String burst) {
        server.withConfig("auth.mode", "basic").withConfig("admin-username", Callers.ADMIN)
                .withConfig("admin-password", Callers.ADMIN_PASSWORD)
                .withConfig("auth.rate-limit.writes-per-second", perSecond).withConfig("auth.rate-limit.burst", burst);
        Callers as = new Callers(server.http());
        return as;
    }

    private static String tag(Callers as, String user, String password, String experiment, String value, int status) {
        TestHttp.Response response = as.as(user, password, "POST", "/api/2.0/mlflow/experiments/set-experiment-tag",
                "{\"experiment_id\":\"" + experiment + "\",\"key\":\"k\",\"value\":\"" + value + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response.body();
    }

    @Test
    void a_caller_over_its_burst_is_refused_with_retry_after_and_changes_nothing() {
        Callers as = start("0.01", "4");
        // the admin's burst: user creation and the experiment take 2 of its 4 tokens
        as.createUser("alice", "alice-password");
        String experiment = as.admin("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"limited\"}").json(200)
                .path("experiment_id").asText();
        as.admin("POST", "/api/2.0/mlflow/experiments/permissions/create", "{\"experiment_id\":\"" + experiment
                + "\",\"username\":\"alice\",\"permission\":\"EDIT\"}").ok();
        for (int i = 0; i < 4; i++) {
            tag(as, "alice", "alice-password", experiment, "v" + i, 200);
        }
        TestHttp.Response refused = as.as("alice", "alice-password", "POST", "/api/2.0/mlflow/experiments/set-experiment-tag",
                "{\"experiment_id\":\"" + experiment + "\",\"key\":\"k\",\"value\":\"refused\"}");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(90L, 100L);
        JsonNode body = refused.json();
        assertThat(body.path("error_code").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(body.path("message").asText()).contains("user 'alice'", "0.01 writes per second", "bursts of 4");
        assertThat(body.size()).as("MLflow's error shape: error_code and message only").isEqualTo(2);

        // reads are not counted, and the refused write did nothing
        for (int i = 0; i < 5; i++) {
            JsonNode read = as.as("alice", "alice-password", "GET", "/api/2.0/mlflow/experiments/get?experiment_id="
                    + experiment, null).json(200);
            assertThat(read.path("experiment").path("tags").get(0).path("value").asText()).isEqualTo("v3");
        }
        // another identity has its own bucket (the admin has 1 token left of 4)
        tag(as, Callers.ADMIN, Callers.ADMIN_PASSWORD, experiment, "by-admin", 200);
    }

    @Test
    void the_bucket_refills_at_the_configured_rate() throws Exception {
        Callers as = start("1", "1");
        as.admin("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"first\"}").ok();
        Thread.sleep(1100);
        as.admin("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"after-a-second\"}").ok();
    }

    @Test
    void an_api_token_shares_the_bucket_of_its_user() {
        Callers as = start("0.01", "2");
        String token = as.admin("POST", "/api/v1/tokens", "{\"name\":\"ci\"}").json(201).path("secret").asText();
        as.admin("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"a\"}").ok();
        as.bearer(token, "POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"b\"}").ok();
        TestHttp.Response refused = as.bearer(token, "POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"c\"}");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(90L, 100L);
        assertThat(as.admin("GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=c", null).status()).isEqualTo(404);
    }

    @Test
    void zero_turns_the_limit_off() {
        Callers as = start("0", "1");
        for (int i = 0; i < 10; i++) {
            as.admin("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"e" + i + "\"}").ok();
        }
    }
}
