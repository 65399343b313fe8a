package dev.mlforge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.sdk.testing.ScriptedHttpServer;
import dev.mlforge.sdk.testing.ScriptedHttpServer.Answer;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpTransportTest {
    private static final String EXPERIMENT_JSON = "{\"experiment\":{\"experiment_id\":\"7\",\"name\":\"e\"}}";

    private static MlforgeClient clientWithRetries(String url) {
        return MlforgeClient.builder(url).retries(3, Duration.ofMillis(1), Duration.ofMillis(5)).build();
    }

    @Test
    void idempotent_get_is_retried_after_server_errors() {
        try (ScriptedHttpServer server = new ScriptedHttpServer(new Answer(503, ""), new Answer(500, "{}"),
                new Answer(200, EXPERIMENT_JSON))) {
            assertThat(clientWithRetries(server.url()).experiments().get("7").name()).isEqualTo("e");
            assertThat(server.received()).hasSize(3);
        }
    }

    @Test
    void non_idempotent_create_is_not_retried_after_an_internal_error() {
        try (ScriptedHttpServer server = new ScriptedHttpServer(
                new Answer(500, "{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"boom\"}"))) {
            assertThatThrownBy(() -> clientWithRetries(server.url()).experiments().create("x"))
                    .isInstanceOfSatisfying(MlforgeClientException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(500);
                        assertThat(e.errorCode()).isEqualTo("INTERNAL_ERROR");
                        assertThat(e.serverMessage()).isEqualTo("boom");
                    });
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void non_idempotent_create_is_retried_after_too_many_requests() {
        try (ScriptedHttpServer server = new ScriptedHttpServer(new Answer(429, ""),
                new Answer(200, "{\"experiment_id\":\"3\"}"))) {
            assertThat(clientWithRetries(server.url()).experiments().create("x")).isEqualTo("3");
            assertThat(server.received()).hasSize(2);
            assertThat(server.received().get(1).body()).isEqualTo("{\"name\":\"x\"}");
        }
    }

    @Test
    void gives_up_after_the_configured_number_of_retries() {
        try (ScriptedHttpServer server = new ScriptedHttpServer(new Answer(503, ""), new Answer(503, ""),
                new Answer(503, ""), new Answer(503, ""), new Answer(200, EXPERIMENT_JSON))) {
            assertThatThrownBy(() -> clientWithRetries(server.url()).experiments().get("7"))
                    .isInstanceOfSatisfying(MlforgeClientException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(503);
                        assertThat(e.errorCode()).isNull();
                        assertThat(e.getMessage()).contains("HTTP 503");
                    });
            assertThat(server.received()).hasSize(4);
        }
    }

    @Test
    void sends_the_bearer_token_and_basic_credentials() {
        try (ScriptedHttpServer server = new ScriptedHttpServer(new Answer(200, EXPERIMENT_JSON),
                new Answer(200, EXPERIMENT_JSON))) {
            MlforgeClient.builder(server.url()).bearerToken("t0k").build().experiments().get("7");
            MlforgeClient.builder(server.url()).basicAuth("ann", "pw").build().experiments().get("7");
            assertThat(server.received()).extracting(ScriptedHttpServer.Received::authorization)
                    .containsExactly("Bearer t0k", "Basic YW5uOnB3");
            assertThat(server.received().get(0).path()).isEqualTo("/api/2.0/mlflow/experiments/get?experiment_id=7");
        }
    }

    @Test
    void refused_connection_is_a_transport_failure_without_status() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        MlforgeClient client = MlforgeClient.builder("http://127.0.0.1:" + port)
                .retries(1, Duration.ofMillis(1), Duration.ofMillis(1)).build();
        assertThatThrownBy(() -> client.runs().get("abc"))
                .isInstanceOfSatisfying(MlforgeClientException.class, e -> {
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e.getMessage()).startsWith("cannot connect to http://127.0.0.1:" + port);
                });
    }

    @Test
    void rejects_a_tracking_uri_that_is_not_http() {
        assertThatThrownBy(() -> MlforgeClient.create("file:///tmp/mlruns"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an http:// or https:// URL");
        assertThat(MlforgeClient.create("http://host:5000/").trackingUri()).isEqualTo("http://host:5000");
    }

    @Test
    void query_string_repeats_collection_values_and_skips_nulls() {
        java.util.Map<String, Object> query = new java.util.LinkedHashMap<>();
        query.put("a", "x y");
        query.put("b", java.util.List.of("1", "2"));
        query.put("c", null);
        assertThat(HttpTransport.queryString(query)).isEqualTo("?a=x%20y&b=1&b=2");
        assertThat(HttpTransport.queryString(java.util.Map.of())).isEmpty();
    }
}
