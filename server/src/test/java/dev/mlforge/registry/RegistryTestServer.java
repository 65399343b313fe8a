package dev.mlforge.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.HttpServer;
import dev.mlforge.http.Json;
import dev.mlforge.artifacts.LocalArtifactRepository;
import dev.mlforge.events.Event;
import dev.mlforge.events.InProcessEventBus;
import dev.mlforge.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registry on a real SQLite store, a real local artifact store and a real HTTP server on a free port, with
 * runs from {@link FakeRunSource} (tracking is not merged yet). Also a small JSON client over the JDK HttpClient.
 */
final class RegistryTestServer implements AutoCloseable {
    static final String API = "/api/2.0/mlflow/";

    final FakeRunSource runs = new FakeRunSource();
    final List<Event> events = new CopyOnWriteArrayList<>();
    final Path artifactRoot;
    final LocalArtifactRepository artifacts;
    final Registry registry;
    private final Database database;
    private final InProcessEventBus bus = new InProcessEventBus();
    private final HttpServer http;
    private final HttpClient client = HttpClient.newHttpClient();

    RegistryTestServer(Path dir) {
        this(dir, null);
    }

    RegistryTestServer(Path dir, String backendStoreUri) {
        try {
            artifactRoot = Files.createDirectories(dir.resolve("artifacts")).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database = Database.open(backendStoreUri, dir);
        artifacts = new LocalArtifactRepository(artifactRoot);
        bus.subscribe(Event.class, events::add);
        registry = new Registry(database, artifacts, runs, bus, Clock.systemUTC());
        http = new HttpServer("127.0.0.1", 0, 16L * 1024 * 1024, registry.routes()).start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + http.port();
    }

    /** Copies the logged-model fixture {@code iris-onnx} to {@code <experiment>/<run>/artifacts/<path>} and returns the run's facts. */
    RunFacts logModel(String runId, String path, Map<String, Double> metrics, Map<String, String> tags,
            List<DatasetRef> datasets) {
        RunFacts run = runs.add(runId, "1", metrics, tags, datasets);
        for (String file : List.of("MLmodel", "model.onnx", "conda.yaml", "python_env.yaml", "requirements.txt")) {
            try (InputStream in = RegistryTestServer.class.getResourceAsStream("iris-onnx/" + file)) {
                artifacts.write("1/" + runId + "/artifacts/" + path + "/" + file, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return run;
    }

    RunFacts logModel(String runId) {
        return logModel(runId, "model", Map.of("accuracy", 0.95), Map.of(), List.of());
    }

    /** Registers {@code runs:/<runId>/model} as a new version of {@code name} (creating the model if needed). */
    String register(String name, String runId) {
        if (get(API + "registered-models/get?name=" + name).status() == 404) {
            post(API + "registered-models/create", Map.of("name", name)).ok();
        }
        return post(API + "model-versions/create", Map.of("name", name, "source", "runs:/" + runId + "/model", "run_id", runId))
                .ok().body().at("/model_version/version").asText();
    }

    record Response(int status, JsonNode body, String text) {
        Response ok() {
            if (status != 200 && status != 201) {
                throw new AssertionError("Expected success, got " + status + ": " + text);
            }
            return this;
        }

        String errorCode() {
            return body.path("error_code").asText();
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET());
    }

    Response post(String path, Object body) {
        return send(withBody("POST", path, body));
    }

    Response put(String path, Object body) {
        return send(withBody("PUT", path, body));
    }

    Response patch(String path, Object body) {
        return send(withBody("PATCH", path, body));
    }

    Response delete(String path, Object body) {
        return send(withBody("DELETE", path, body));
    }

    Response postAs(String user, String path, Object body) {
        String credentials = java.util.Base64.getEncoder().encodeToString((user + ":secret").getBytes());
        return send(withBody("POST", path, body).header("Authorization", "Basic " + credentials));
    }

    private HttpRequest.Builder withBody(String method, String path, Object body) {
        try {
            return HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = Json.mapper().readTree(response.body());
            } catch (IOException e) {
                body = Json.mapper().missingNode();
            }
            return new Response(response.statusCode(), body == null ? Json.mapper().missingNode() : body, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.stop();
        bus.close();
        database.close();
    }
}
