package dev.mlforge.monitoring.testing;

import dev.mlforge.artifacts.LocalArtifactRepository;
import dev.mlforge.http.HttpServer;
import dev.mlforge.http.SystemRoutes;
import dev.mlforge.events.InProcessEventBus;
import dev.mlforge.monitoring.alerts.AlertRoutes;
import dev.mlforge.monitoring.alerts.AlertService;
import dev.mlforge.monitoring.alerts.WebhookSettings;
import dev.mlforge.monitoring.monitors.ArtifactCsvReferenceSource;
import dev.mlforge.monitoring.monitors.CalculatorDriftEvaluator;
import dev.mlforge.monitoring.monitors.MonitorRoutes;
import dev.mlforge.monitoring.monitors.MonitorService;
import dev.mlforge.monitoring.monitors.ReferenceSpec;
import dev.mlforge.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The monitoring feature behind the platform's real HTTP server, SQLite database, event bus, drift calculator and
 * Prometheus registry, with the two inputs owned by other helpers replaced: predictions come from an
 * {@link InMemoryPredictionLog} and reference CSVs from a {@link LocalArtifactRepository}
 * ({@code datasets/<name>/v<version>.csv} and {@code runs/<run_id>/<path>}).
 */
public final class MonitoringServer implements AutoCloseable {
    public final InMemoryPredictionLog predictions = new InMemoryPredictionLog();
    public final LocalArtifactRepository artifacts;
    public final InProcessEventBus events = new InProcessEventBus();
    public final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    public final Database database;
    public final MonitorService monitors;
    public final AlertService alerts;
    private final HttpServer http;
    private final HttpClient client = HttpClient.newHttpClient();

    /** Webhook receivers on loopback are tests' own: 127.0.0.1 is allowed (monitoring.webhook-allowed-hosts). */
    public static final WebhookSettings LOOPBACK_WEBHOOKS = new WebhookSettings(4, Duration.ofMillis(20), Duration.ofSeconds(5),
            java.util.Set.of("127.0.0.1"));

    public MonitoringServer(Path dir) {
        this(dir, null);
    }

    /** With the database at {@code backendStoreUri} (a JDBC URL), or SQLite in {@code dir} when null. */
    public MonitoringServer(Path dir, String backendStoreUri) {
        this(dir, backendStoreUri, LOOPBACK_WEBHOOKS);
    }

    /** With the given webhook settings (e.g. without an allowlist). */
    public MonitoringServer(Path dir, String backendStoreUri, WebhookSettings webhooks) {
        this.artifacts = new LocalArtifactRepository(dir.resolve("artifacts"));
        this.database = Database.open(backendStoreUri, dir);
        ScheduledExecutorService executor = MonitorService.newExecutor();
        this.alerts = AlertService.create(database, HttpClient::newHttpClient, executor, webhooks, Clock.systemUTC());
        this.monitors = MonitorService.create(database, new ArtifactCsvReferenceSource(artifacts, MonitoringServer::path),
                predictions, new CalculatorDriftEvaluator(), alerts, events, registry, executor, Clock.systemUTC());
        this.http = new HttpServer("127.0.0.1", 0, 1 << 20, List.of(new SystemRoutes("test", () -> true, registry),
                new MonitorRoutes(monitors), new AlertRoutes(alerts)));
        http.start();
        monitors.start();
    }

    private static String path(ReferenceSpec spec) {
        return spec.namesDataset() ? "datasets/" + spec.dataset() + "/v" + spec.datasetVersion() + ".csv"
                : "runs/" + spec.runId() + "/" + spec.artifactPath();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + http.port() + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.stop();
        monitors.close();
        events.close();
        database.close();
    }

    /** Stores {@code text} as the artifact at {@code path} (UTF-8). */
    public void writeArtifact(String path, String text) {
        artifacts.write(path, new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
