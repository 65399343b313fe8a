package dev.mlforge.monitoring.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.mlforge.http.Json;
import dev.mlforge.store.WorkspaceContext;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.store.Database;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSRF probe against alert webhooks: rules whose webhook reaches the server's own network are refused unless
 * {@code monitoring.webhook-allowed-hosts} names the host, and a name that resolves to such an address at delivery
 * time is not called (the refusal is logged as a failed delivery).
 */
class WebhookSsrfTest {
    @TempDir
    Path dir;
    HttpServer receiver;
    final AtomicInteger received = new AtomicInteger();
    @RegisterExtension
    final ApplicationExtension closed = webhookServer();
    @RegisterExtension
    final ApplicationExtension allowed = webhookServer().withConfig("monitoring.webhook-allowed-hosts", "127.0.0.1");

    private static ApplicationExtension webhookServer() {
        return ApplicationExtension.sqlite().withConfig("monitoring.webhook-max-attempts", "2")
                .withConfig("monitoring.webhook-initial-backoff-ms", "20").withConfig("monitoring.webhook-timeout-ms", "5000");
    }

    private static HttpResponse<String> post(ApplicationExtension server, String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(ApplicationExtension server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void rules_with_webhooks_to_internal_addresses_are_refused_over_http() throws Exception {
        int port = receiver.getAddress().getPort();
        List<String> internal = List.of("http://127.0.0.1:" + port + "/hook", "http://localhost:" + port + "/hook",
                "http://127.1/", "http://2130706433/", "http://[::1]/", "http://169.254.169.254/latest/meta-data/",
                "http://10.1.2.3/", "http://172.16.0.1/", "http://172.31.255.254/", "http://192.168.1.1/", "http://100.64.0.1/",
                "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[fe80::1]/", "http://0.0.0.0/", "http://[::]/",
                "http://[::ffff:127.0.0.1]/", "http://[::ffff:169.254.169.254]/", "http://[::ffff:a9fe:a9fe]/",
                "http://[::127.0.0.1]/", "http://[64:ff9b::a00:1]/", "http://[2002:7f00:1::]/", "https://224.0.0.1/");
        {
            ApplicationExtension server = closed;
            for (String url : internal) {
                HttpResponse<String> response = post(server, "/api/v1/alert-rules", Json.mapper().writeValueAsString(Map.of(
                        "metric", "accuracy", "comparator", "<", "threshold", 0.5, "webhook_url", url)));
                assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(400);
                JsonNode body = Json.mapper().readTree(response.body());
                assertThat(body.path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
                // "127.1" is not even a host name to java.net.URI: refused as a malformed URL
                assertThat(body.path("message").asText()).as(url).contains("webhook_url")
                        .contains(url.equals("http://127.1/") ? "absolute http or https URL" : "monitoring.webhook-allowed-hosts");
            }
            assertThat(Json.mapper().readTree(get(server, "/api/v1/alert-rules").body()).path("alert_rules")).isEmpty();
        }
        assertThat(received).hasValue(0);
    }

    @Test
    void an_allowlisted_host_is_accepted_and_called_while_other_loopback_names_stay_refused() throws Exception {
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        {
            ApplicationExtension server = allowed;
            AlertService alertService = server.application().monitoring().alerts();
            HttpResponse<String> created = post(server, "/api/v1/alert-rules", Json.mapper().writeValueAsString(Map.of(
                    "metric", "accuracy", "comparator", "<", "threshold", 0.5, "webhook_url", hook)));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            HttpResponse<String> localhost = post(server, "/api/v1/alert-rules", Json.mapper().writeValueAsString(Map.of(
                    "metric", "accuracy", "comparator", "<", "threshold", 0.5, "webhook_url",
                    "http://localhost:" + receiver.getAddress().getPort() + "/hook")));
            assertThat(localhost.statusCode()).as(localhost.body()).isEqualTo(400);

            Alert alert = alertService.observe(WorkspaceContext.DEFAULT, "iris", Map.of("accuracy", 0.2)).get(0);

            await().atMost(Duration.ofSeconds(10)).until(() -> alertService.deliveries(alert.id()).stream()
                    .anyMatch(delivery -> delivery.channel().equals("webhook")));
            assertThat(alertService.deliveries(alert.id())).filteredOn(delivery -> delivery.channel().equals("webhook"))
                    .singleElement().satisfies(delivery -> assertThat(delivery.success()).isTrue());
            assertThat(received).hasValue(1);
        }
    }

    @Test
    void a_name_that_resolves_to_a_private_address_at_delivery_is_not_called_and_the_refusal_is_logged() throws Exception {
        Map<String, InetAddress> dns = new ConcurrentHashMap<>();
        dns.put("hooks.example.com", InetAddress.getByAddress("hooks.example.com", new byte[] {93, (byte) 184, (byte) 216, 34}));
        HostResolver resolver = host -> {
            InetAddress address = dns.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {address};
        };
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
        try (Database database = Database.open(null, dir.resolve("db"))) {
            JdbiAlertStore store = new JdbiAlertStore(database);
            WebhookTargets targets = new WebhookTargets(Set.of(), resolver);
            WebhookNotifier webhook = new WebhookNotifier(HttpClient::newHttpClient, retries, store,
                    new WebhookSettings(3, Duration.ofMillis(20), Duration.ofSeconds(2)), targets, Clock.systemUTC());
            AlertService alerts = new AlertService(store, List.of(webhook), targets, Clock.systemUTC());
            alerts.createRule(new AlertRuleRequest(null, "accuracy", "<", 0.5, 1, null, "http://hooks.example.com:"
                    + receiver.getAddress().getPort() + "/hook"));
            dns.put("hooks.example.com", InetAddress.getByAddress("hooks.example.com", new byte[] {10, 0, 0, 7}));

            Alert alert = alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("accuracy", 0.1)).get(0);

            List<Delivery> deliveries = alerts.deliveries(alert.id());
            assertThat(deliveries).singleElement().satisfies(delivery -> {
                assertThat(delivery.success()).isFalse();
                assertThat(delivery.statusCode()).isNull();
                assertThat(delivery.error()).startsWith("refused: ").contains("hooks.example.com").contains("10.0.0.7")
                        .contains("monitoring.webhook-allowed-hosts");
            });
        } finally {
            retries.shutdownNow();
        }
    }

    @Test
    void public_addresses_pass_and_every_internal_form_is_recognised() throws Exception {
        for (String address : List.of("8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2002:808:808::")) {
            assertThat(WebhookTargets.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
        for (String address : List.of("127.0.0.1", "10.0.0.1", "172.20.1.1", "192.168.0.1", "169.254.169.254", "0.0.0.0",
                "100.100.100.200", "::1", "::", "fc00::1", "fe80::1", "::ffff:10.0.0.1", "::10.0.0.1", "64:ff9b::7f00:1",
                "2002:a9fe:a9fe::", "ff02::1", "255.255.255.255", "198.18.0.1")) {
            assertThat(WebhookTargets.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
    }
}
