package dev.mlforge.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.store.WorkspaceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * JSON requests to a running application over the JDK HttpClient, the one HTTP client of the server's tests.
 * A body is sent as written when it is a {@code String} or {@code byte[]}, and serialized with the server's JSON
 * mapper otherwise; paths and queries are sent exactly as written (the client neither decodes nor normalises them).
 */
public final class TestHttp {
    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String authorization;

    public TestHttp(String baseUrl) {
        this(baseUrl, null);
    }

    /** A client whose requests carry {@code authorization} unless a request sets its own. */
    public TestHttp(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /** A response: status, raw bytes and headers, with readers for text and JSON. */
    public record Response(int status, byte[] bytes, HttpHeaders headers) {
        /** The body as UTF-8 text. */
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** The body as JSON; a missing node when it is empty or not JSON. */
        public JsonNode json() {
            try {
                JsonNode node = Json.mapper().readTree(bytes);
                return node == null ? Json.mapper().missingNode() : node;
            } catch (IOException e) {
                return Json.mapper().missingNode();
            }
        }

        /** Fails unless the status is {@code expectedStatus}; returns the body as JSON. */
        public JsonNode json(int expectedStatus) {
            if (status != expectedStatus) {
                throw new AssertionError("Expected " + expectedStatus + ", got " + status + ": " + body());
            }
            return json();
        }

        /** Fails unless the status is 2xx; returns this response. */
        public Response ok() {
            if (status / 100 != 2) {
                throw new AssertionError("Expected success, got " + status + ": " + body());
            }
            return this;
        }

        /** MLflow's {@code error_code} of an error body, or an empty string. */
        public String errorCode() {
            return json().path("error_code").asText();
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Response get(String pathAndQuery) {
        return send("GET", pathAndQuery, null, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, "application/json", body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, "application/json", body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, "application/json", body);
    }

    /** PUTs raw bytes with no content type, as an artifact upload. */
    public Response upload(String path, byte[] bytes) {
        return send("PUT", path, null, bytes);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Response delete(String path, Object body) {
        return send("DELETE", path, "application/json", body);
    }

    /** Sends {@code body} (JSON when not null) with the workspace header naming {@code workspace}. */
    public Response in(String workspace, String method, String path, Object body) {
        return send(method, path, body == null ? null : "application/json", body, WorkspaceContext.HEADER, workspace);
    }

    /** POSTs as the Basic-authenticated {@code user}. */
    public Response postAs(String user, String path, Object body) {
        String credentials = Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, "application/json", body, "Authorization", "Basic " + credentials);
    }

    /**
     * Sends any request: {@code contentType} may be null (no header), {@code body} null (no body), and
     * {@code headers} are name, value pairs.
     */
    public Response send(String method, String pathAndQuery, String contentType, Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(Object body) {
        if (body instanceof byte[] raw) {
            return raw;
        }
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize " + body, e);
        }
    }
}
