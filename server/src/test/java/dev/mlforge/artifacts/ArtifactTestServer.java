package dev.mlforge.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.HttpServer;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The artifact routes on the platform's real HTTP server over loopback, with a run locator backed by a map
 * (a stand-in for the tracking feature, whose TrackingService lands later), and a JDK HttpClient.
 */
final class ArtifactTestServer implements AutoCloseable {
    final LocalArtifactRepository repository;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    ArtifactTestServer(Path root, Map<String, String> runArtifactUris) {
        this.repository = new LocalArtifactRepository(root);
        RunArtifactLocator locator = runId -> {
            String uri = runArtifactUris.get(runId);
            if (uri == null) {
                throw MlforgeException.notFound("Run with id=" + runId + " not found");
            }
            return uri;
        };
        this.server = new HttpServer("127.0.0.1", 0, 16L * 1024 * 1024,
                List.of(new ArtifactRoutes(repository), new RunArtifactRoutes(repository, locator))).start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    int port() {
        return server.port();
    }

    /** Sends {@code pathAndQuery} exactly as written: the JDK client neither decodes nor normalises it. */
    HttpResponse<byte[]> send(String method, String pathAndQuery, byte[] body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).method(method, publisher).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    HttpResponse<byte[]> put(String pathAndQuery, byte[] body) {
        return send("PUT", pathAndQuery, body);
    }

    HttpResponse<byte[]> delete(String pathAndQuery) {
        return send("DELETE", pathAndQuery, null);
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON (HTTP " + response.statusCode() + "): " + new String(response.body()), e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
