package dev.mlforge.monitoring.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.mlforge.http.Json;
import dev.mlforge.store.Database;
import dev.mlforge.store.WorkspaceContext;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks against a real JDK HttpServer on loopback (allowed by name) that fails the first attempts. */
class WebhookNotifierTest {
    static final WebhookTargets LOOPBACK = new WebhookTargets(java.util.Set.of("127.0.0.1"), HostResolver.SYSTEM);
    @TempDir
    Path dir;
    Database database;
    JdbiAlertStore store;
    ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
    HttpServer receiver;
    final AtomicInteger failuresLeft = new AtomicInteger();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<Long> arrivals = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        database = Database.open(null, dir);
        store = new JdbiAlertStore(database);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            arrivals.add(System.nanoTime());
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        retries.shutdownNow();
        database.close();
    }

    private AlertService alerts(int maxAttempts) {
        WebhookNotifier webhook = new WebhookNotifier(HttpClient::newHttpClient, retries, store,
                new WebhookSettings(maxAttempts, Duration.ofMillis(50), Duration.ofSeconds(5)), LOOPBACK, Clock.systemUTC());
        return new AlertService(store, List.of(webhook), LOOPBACK, Clock.systemUTC());
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void retries_with_exponential_backoff_until_the_receiver_accepts() throws Exception {
        failuresLeft.set(2);
        AlertService alerts = alerts(5);
        alerts.createRule(new AlertRuleRequest("drift", "drift_share", ">=", 0.5, 1, null, hookUrl()));

        Alert alert = alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("drift_share", 0.75)).get(0);

        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.deliveries(alert.id()).size() == 3);
        List<Delivery> deliveries = alerts.deliveries(alert.id());
        assertThat(deliveries).extracting(Delivery::attempt).containsExactly(1, 2, 3);
        assertThat(deliveries).extracting(Delivery::statusCode).containsExactly(503, 503, 204);
        assertThat(deliveries).extracting(Delivery::success).containsExactly(false, false, true);
        assertThat(deliveries.get(0).error()).isEqualTo("HTTP 503");
        // backoff: 50 ms before the second attempt, 100 ms before the third
        assertThat(arrivals.get(1) - arrivals.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
        assertThat(arrivals.get(2) - arrivals.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
        JsonNode payload = Json.mapper().readTree(bodies.get(2));
        assertThat(payload.get("event").asText()).isEqualTo("firing");
        assertThat(payload.get("alert_id").asText()).isEqualTo(alert.id());
        assertThat(payload.get("deployment").asText()).isEqualTo("iris");
        assertThat(payload.get("metric").asText()).isEqualTo("drift_share");
        assertThat(payload.get("comparator").asText()).isEqualTo(">=");
        assertThat(payload.get("value").asDouble()).isEqualTo(0.75);
    }

    @Test
    void gives_up_after_the_last_attempt_and_logs_every_failure() {
        failuresLeft.set(100);
        AlertService alerts = alerts(3);
        alerts.createRule(new AlertRuleRequest(null, "accuracy", "<", 0.9, 1, "iris", hookUrl()));

        Alert alert = alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("accuracy", 0.5)).get(0);

        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.deliveries(alert.id()).size() == 3);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> alerts.deliveries(alert.id()).size() == 3);
        assertThat(alerts.deliveries(alert.id())).noneMatch(Delivery::success);
    }

    @Test
    void records_connection_failures_without_a_status() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AlertService alerts = alerts(2);
        alerts.createRule(new AlertRuleRequest(null, "f1", "<", 0.9, 1, null, "http://127.0.0.1:" + closedPort + "/x"));

        Alert alert = alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("f1", 0.5)).get(0);

        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.deliveries(alert.id()).size() == 2);
        assertThat(alerts.deliveries(alert.id())).allSatisfy(delivery -> {
            assertThat(delivery.statusCode()).isNull();
            assertThat(delivery.error()).contains("ConnectException");
        });
    }

    @Test
    void resolving_sends_one_more_notification() {
        AlertService alerts = alerts(3);
        alerts.createRule(new AlertRuleRequest(null, "drift_share", ">", 0.5, 1, null, hookUrl()));

        Alert alert = alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("drift_share", 0.9)).get(0);
        alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("drift_share", 0.95));
        alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("drift_share", 0.1));

        await().atMost(Duration.ofSeconds(10)).until(() -> bodies.size() == 2);
        assertThat(bodies).extracting(body -> Json.mapper().readTree(body).get("event").asText())
                .containsExactlyInAnyOrder("firing", "resolved");
        // The receiver sees a body before the sender has recorded its delivery: wait for the records too.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(alerts.deliveries(alert.id()))
                .extracting(Delivery::event).containsExactlyInAnyOrder("firing", "resolved"));
    }
}
