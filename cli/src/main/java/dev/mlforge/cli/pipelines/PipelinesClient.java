package dev.mlforge.cli.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.pipelines.CreatePipelineScheduleRequest;
import dev.mlforge.api.pipelines.GetPipelineRunResponse;
import dev.mlforge.api.pipelines.ListPipelineRunsResponse;
import dev.mlforge.api.pipelines.ListPipelineSchedulesResponse;
import dev.mlforge.api.pipelines.PipelineRun;
import dev.mlforge.api.pipelines.PipelineSchedule;
import dev.mlforge.api.pipelines.PipelineScheduleResponse;
import dev.mlforge.api.pipelines.SubmitPipelineRunRequest;
import dev.mlforge.api.pipelines.SubmitPipelineRunResponse;
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
import java.util.List;
import java.util.Map;

/**
 * Talks to a server's {@code /api/v1/pipelines} routes over HTTP with the api-model records of
 * {@code dev.mlforge.api.pipelines}; server errors become {@link MlforgeException}s.
 */
final class PipelinesClient {
    private final String baseUrl;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    PipelinesClient(ServerLocation server) {
        this.baseUrl = server.baseUrl();
        this.authorization = server.authorizationHeader().orElse(null);
    }

    String submit(String yaml, Map<String, String> params, String baseDir) {
        return send("POST", "/api/v1/pipelines/runs?trigger=cli",
                new SubmitPipelineRunRequest(yaml, new LinkedHashMap<>(params), baseDir), SubmitPipelineRunResponse.class).runId();
    }

    PipelineRun run(String runId) {
        return send("GET", "/api/v1/pipelines/runs/" + encode(runId), null, GetPipelineRunResponse.class).run();
    }

    List<PipelineRun> runs(String pipeline, int limit) {
        String query = "?limit=" + limit + (pipeline == null ? "" : "&pipeline=" + encode(pipeline));
        return orEmpty(send("GET", "/api/v1/pipelines/runs" + query, null, ListPipelineRunsResponse.class).runs());
    }

    PipelineSchedule schedule(String name, String cron, String yaml, Map<String, String> params) {
        return send("POST", "/api/v1/pipelines/schedules",
                new CreatePipelineScheduleRequest(name, cron, yaml, new LinkedHashMap<>(params), null),
                PipelineScheduleResponse.class).schedule();
    }

    List<PipelineSchedule> schedules() {
        return orEmpty(send("GET", "/api/v1/pipelines/schedules", null, ListPipelineSchedulesResponse.class).schedules());
    }

    private static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : values;
    }

    private <T> T send(String method, String path, Object body, Class<T> answer) {
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
            if (response.statusCode() >= 300) {
                throw error(response, path);
            }
            return Json.mapper().readValue(response.body(), answer);
        } catch (IOException e) {
            throw new MlforgeException(ErrorCode.TEMPORARILY_UNAVAILABLE, "Cannot reach " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlforgeException(ErrorCode.INTERNAL_ERROR, "Interrupted while calling " + baseUrl, e);
        }
    }

    /** The server's {@code {"error_code", "message"}} error answer as an exception; any other body names the status. */
    private static MlforgeException error(HttpResponse<String> response, String path) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        String fallback = "HTTP " + response.statusCode() + " from " + path;
        if (json == null) {
            return new MlforgeException(ErrorCode.INTERNAL_ERROR, fallback);
        }
        ErrorCode code = json.has("error_code") ? parse(json.path("error_code").asText()) : ErrorCode.INTERNAL_ERROR;
        return new MlforgeException(code, json.path("message").asText(fallback));
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
