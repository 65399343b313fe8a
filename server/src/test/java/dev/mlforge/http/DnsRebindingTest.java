package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A page on an attacker's name that re-resolves to the server's address (DNS rebinding) sends that name as Host:
 * the server answers only the names it was told about, as MLflow 3's security middleware does.
 */
class DnsRebindingTest {
    private static final String SEARCH = "/api/2.0/mlflow/experiments/search?max_results=10";

    @RegisterExtension
    final ApplicationExtension app = ApplicationExtension.sqlite().startOnFirstUse();

    private int startApplication(Map<String, String> settings) {
        settings.forEach(app::withConfig);
        return app.port();
    }

    @Test
    void a_foreign_host_name_is_refused_with_403_in_mlflows_error_shape_and_nothing_is_read() throws Exception {
        int port = startApplication(Map.of());

        RawHttp.Response response = RawHttp.get(port, SEARCH, "attacker.example:" + port);

        assertThat(response.status()).isEqualTo(403);
        JsonNode body = response.json();
        assertThat(body.path("error_code").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(body.path("message").asText()).contains("attacker.example").contains("allowed-hosts");
        assertThat(body.has("experiments")).isFalse();
    }

    @Test
    void a_foreign_host_cannot_write_either() throws Exception {
        int port = startApplication(Map.of());

        RawHttp.Response response = RawHttp.send(port, "POST", "/api/2.0/mlflow/experiments/create", "rebound.example",
                "{\"name\":\"planted\"}", "Content-Type: application/json");

        assertThat(response.status()).isEqualTo(403);
        assertThat(RawHttp.get(port, "/api/2.0/mlflow/experiments/get-by-name?experiment_name=planted", "localhost").status())
                .isEqualTo(404);
    }

    @Test
    void loopback_names_and_addresses_are_answered_with_or_without_a_port() throws Exception {
        int port = startApplication(Map.of());

        for (String host : List.of("localhost", "localhost:" + port, "LOCALHOST.", "app.localhost:8080", "127.0.0.1",
                "127.0.0.1:" + port, "127.9.8.7:1", "[::1]", "[::1]:" + port)) {
            assertThat(RawHttp.get(port, SEARCH, host).status()).as(host).isEqualTo(200);
        }
    }

    @Test
    void names_that_only_look_like_loopback_are_refused() throws Exception {
        int port = startApplication(Map.of());

        for (String host : List.of("localhost.attacker.example", "127.0.0.1.attacker.example", "128.0.0.1", "10.0.0.5",
                "[::2]")) {
            assertThat(RawHttp.get(port, SEARCH, host).status()).as(host).isEqualTo(403);
        }
    }

    @Test
    void a_request_without_a_host_header_is_refused() throws Exception {
        int port = startApplication(Map.of());
        String response;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + SEARCH + " HTTP/1.0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(response).startsWith("HTTP/1.1 403");
    }

    @Test
    void health_and_version_answer_whatever_name_they_are_reached_by() throws Exception {
        int port = startApplication(Map.of());

        for (String path : List.of("/health", "/health/live", "/health/ready", "/version")) {
            assertThat(RawHttp.get(port, path, "pod-10-0-0-5.internal").status()).as(path).isEqualTo(200);
        }
        assertThat(RawHttp.get(port, "/metrics", "pod-10-0-0-5.internal").status()).isEqualTo(403);
    }

    @Test
    void configured_names_and_globs_are_answered_on_any_port_unless_one_is_given() throws Exception {
        int port = startApplication(Map.of("allowed-hosts", "mlflow.example.com, *.corp.example, pinned.example:8443"));

        assertThat(RawHttp.get(port, SEARCH, "mlflow.example.com").status()).isEqualTo(200);
        assertThat(RawHttp.get(port, SEARCH, "MLflow.Example.com:443").status()).isEqualTo(200);
        assertThat(RawHttp.get(port, SEARCH, "ml.team.corp.example:5000").status()).isEqualTo(200);
        assertThat(RawHttp.get(port, SEARCH, "pinned.example:8443").status()).isEqualTo(200);
        assertThat(RawHttp.get(port, SEARCH, "pinned.example:8444").status()).isEqualTo(403);
        assertThat(RawHttp.get(port, SEARCH, "corp.example.attacker.example").status()).isEqualTo(403);
        assertThat(RawHttp.get(port, SEARCH, "localhost").status()).as("loopback stays allowed").isEqualTo(200);
    }

    @Test
    void a_star_allows_every_host() throws Exception {
        int port = startApplication(Map.of("allowed-hosts", "*"));

        assertThat(RawHttp.get(port, SEARCH, "anything.example").status()).isEqualTo(200);
    }

    @Test
    void disabling_the_security_middleware_turns_the_host_check_off() throws Exception {
        int port = startApplication(Map.of("disable-security-middleware", "true"));

        assertThat(RawHttp.get(port, SEARCH, "anything.example").status()).isEqualTo(200);
    }

    @Test
    void bound_to_a_wildcard_address_any_ip_address_is_answered_but_names_still_are_not() throws Exception {
        int port = startApplication(Map.of("host", "0.0.0.0", "auth.allow-unauthenticated-remote", "true"));

        assertThat(RawHttp.get(port, SEARCH, "192.168.1.20:5000").status()).isEqualTo(200);
        assertThat(RawHttp.get(port, SEARCH, "203.0.113.7").status()).isEqualTo(200);
        assertThat(RawHttp.get(port, SEARCH, "[fd00::1]:5000").status()).isEqualTo(200);
        assertThat(RawHttp.get(port, SEARCH, "myhost.attacker.example").status()).isEqualTo(403);
    }

    @Test
    void bound_to_one_address_that_address_is_answered_and_other_addresses_are_not() throws Exception {
        String address = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                .filter(candidate -> candidate instanceof java.net.Inet4Address && !candidate.isLoopbackAddress())
                .map(java.net.InetAddress::getHostAddress).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(address != null, "this machine has no non-loopback IPv4 address");
        int port = startApplication(Map.of("host", address, "auth.allow-unauthenticated-remote", "true"));

        assertThat(rawGet(address, port, address + ":" + port)).startsWith("HTTP/1.1 200");
        assertThat(rawGet(address, port, "203.0.113.9")).startsWith("HTTP/1.1 403");
    }

    private static String rawGet(String address, int port, String host) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(address, port)) {
            socket.getOutputStream().write(("GET " + SEARCH + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
