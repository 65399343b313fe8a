package dev.mlforge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;


/** The demo's HTTP calls to the server, as any client makes them: JSON in, JSON out, errors as DemoFailure. */
final class DemoClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;

    DemoClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), path);
    }

    /** The answer read into the wire record {@code type}. */
    <T> T get(String path, Class<T> type) {
        return read(get(path), path, type);
    }

    private static <T> T read(JsonNode answer, String path, Class<T> type) {
        try {
            return Json.mapper().treeToValue(answer, type);
        } catch (IOException e) {
            throw new DemoFailure(path + " answered JSON that is not a " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    String getText(String path) {
        return body(HttpRequest.newBuilder(uri(path)).GET(), path);
    }

    JsonNode post(String path, Object body) {
        return send(json(path).POST(HttpRequest.BodyPublishers.ofString(write(body))), path);
    }

    /**
     * POSTs {@code body}; an answer with the error code {@code tolerated} (such as RESOURCE_ALREADY_EXISTS when the
     * demo runs again on the same data dir) gives null instead of a failure.
     */
    JsonNode postTolerating(String path, Object body, String tolerated) {
        HttpResponse<String> response = exchange(json(path).POST(HttpRequest.BodyPublishers.ofString(write(body))), path);
        if (response.statusCode() / 100 != 2 && response.body().contains("\"" + tolerated + "\"")) {
            return null;
        }
        return parse(checked(response, path), path);
    }

    JsonNode patch(String path, Object body) {
        return send(json(path).method("PATCH", HttpRequest.BodyPublishers.ofString(write(body))), path);
    }

    /** POSTs {@code csv} as {@code text/csv}; the answer read into the wire record {@code type}. */
    <T> T postCsv(String path, byte[] csv, Class<T> type) {
        return read(send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)), path), path, type);
    }

    void put(String path, byte[] content) {
        body(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)), path);
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder json(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        return parse(body(request, path), path);
    }

    private static JsonNode parse(String text, String path) {
        try {
            return text.isEmpty() ? Json.mapper().createObjectNode() : Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new DemoFailure(path + " answered something that is not JSON: " + e.getMessage());
        }
    }

    private String body(HttpRequest.Builder request, String path) {
        return checked(exchange(request, path), path);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request, String path) {
        try {
            return http.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DemoFailure("cannot reach " + baseUrl + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted while calling " + path);
        }
    }

    private static String checked(HttpResponse<String> response, String path) {
        if (response.statusCode() / 100 != 2) {
            throw new DemoFailure(response.request().method() + " " + path + " answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static String write(Object body) {
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot write request body: " + e.getMessage(), e);
        }
    }
}
