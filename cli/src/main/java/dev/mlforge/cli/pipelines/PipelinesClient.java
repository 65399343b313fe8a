package dev.mlforge.cli.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.sdk.ServerLocation;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Talks to a server's {@code /api/v1/pipelines} routes over HTTP; server errors become {@link MlforgeException}s. */
final class PipelinesClient {
    private final String baseUrl;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    PipelinesClient(ServerLocation server) {
        this.baseUrl = server.baseUrl();
        this.authorization = server.authorizationHeader().orElse(null);
    }

    String submit(String yaml, Map<String, String> params, String baseDir) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pipeline", yaml);
        body.put("params", params);
        body.put("base_dir", baseDir);
        return send("POST", "/api/v1/pipelines/runs?trigger=cli", body).path("run_id").asText();
    }

    JsonNode run(String runId) {
        return send("GET", "/api/v1/pipelines/runs/" + encode(runId), null).path("run");
    }

    JsonNode runs(String pipeline, int limit) {
        String query = "?limit=" + limit + (pipeline == null ? "" : "&pipeline=" + encode(pipeline));
        return send("GET", "/api/v1/pipelines/runs" + query, null).path("runs");
    }

    JsonNode schedule(String name, String cron, String yaml, Map<String, String> params) {
        return send("POST", "/api/v1/pipelines/schedules", Map.of("name", name, "cron", cron, "pipeline", yaml, "params", params))
                .path("schedule");
    }

    JsonNode schedules() {
        return send("GET", "/api/v1/pipelines/schedules", null).path("schedules");
    }

    private JsonNode send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(response.body());
            if (response.statusCode() >= 300) {
                ErrorCode code = json.has("error_code") ? parse(json.path("error_code").asText()) : ErrorCode.INTERNAL_ERROR;
                throw new MlforgeException(code, json.path("message").asText("HTTP " + response.statusCode() + " from " + path));
            }
            return json;
        } catch (IOException e) {
            throw new MlforgeException(ErrorCode.TEMPORARILY_UNAVAILABLE, "Cannot reach " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlforgeException(ErrorCode.INTERNAL_ERROR, "Interrupted while calling " + baseUrl, e);
        }
    }

    private static ErrorCode parse(String code) {
        try {
            return ErrorCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            return ErrorCode.INTERNAL_ERROR;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
