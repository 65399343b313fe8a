package dev.mlforge.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.HttpServer;
import dev.mlforge.http.Json;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.events.InProcessEventBus;
import dev.mlforge.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The serving feature wired as the Application wires it (database, event bus, Prometheus registry, HTTP server),
 * but with a {@link DirectoryModelSource} in place of the registry, plus a small JSON HTTP client.
 */
final class ServingTestServer implements AutoCloseable {
    final InProcessEventBus events = new InProcessEventBus();
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final Database database;
    final Serving serving;
    final HttpServer http;
    /** What the deployment recorder was told, as "deployment role uri version". */
    final List<String> recorded = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    ServingTestServer(Path dataDir, ModelSource source, Map<String, String> settings) {
        database = Database.open(null, dataDir);
        serving = new Serving(database, source, ServingConfig.from(ConfigValues.of(settings)), events,
                (deployment, role, model) -> recorded.add(deployment + " " + role + " " + model.uri() + " " + model.version()),
                metrics, Clock.systemUTC(), "test", () -> true);
        http = new HttpServer("127.0.0.1", 0, 16L * 1024 * 1024, serving.routes());
        serving.start();
        http.start();
    }

    record Response(int status, JsonNode json, String body, HttpResponse<String> raw) {}

    Response send(String method, String path, String body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : parse(response.body());
            return new Response(response.statusCode(), json, response.body(), response);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    Response get(String path) {
        return send("GET", path, null, null);
    }

    Response post(String path, String json, String... headers) {
        return send("POST", path, json, "application/json", headers);
    }

    Response deploy(String name, String modelUri) {
        return post("/api/v1/deployments", "{\"name\": \"" + name + "\", \"model_uri\": \"" + modelUri + "\"}");
    }

    @Override
    public void close() {
        http.stop();
        serving.close();
        events.close();
        database.close();
    }
}
