package dev.mlforge.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.http.Role;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/v1/pipelines}: submit runs (a JSON body {@code {"pipeline": "<yaml>", "params": {...}, "base_dir": "/abs"}},
 * or the YAML itself with {@code Content-Type: application/yaml}, {@code ?param=k=v} and {@code ?base_dir=}; relative
 * paths in the pipeline resolve against {@code base_dir}, and every file stays inside {@code pipelines.base-dir}),
 * list runs, read a run with its steps,
 * manage cron schedules and drift triggers.
 */
public final class PipelineRoutes implements Routes {
    private static final String BASE = "/api/v1/pipelines";

    private final PipelineService service;
    private final PipelineScheduler scheduler;
    private final DriftTrigger driftTrigger;

    public PipelineRoutes(PipelineService service, PipelineScheduler scheduler, DriftTrigger driftTrigger) {
        this.service = service;
        this.scheduler = scheduler;
        this.driftTrigger = driftTrigger;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(BASE + "/runs", this::submit, Role.WRITE);
        routes.get(BASE + "/runs", ctx -> ctx.json(Map.of("runs",
                service.runs(ctx.queryParam("pipeline"), limit(ctx.queryParam("limit"))))), Role.READ);
        routes.get(BASE + "/runs/{run_id}", ctx -> ctx.json(Map.of("run", service.run(ctx.pathParam("run_id")))), Role.READ);
        routes.post(BASE + "/schedules", ctx -> {
            JsonNode body = jsonBody(ctx);
            ScheduledPipeline schedule = scheduler.schedule(text(body, "name"), text(body, "cron"), text(body, "pipeline"), params(body),
                    !body.has("enabled") || body.get("enabled").asBoolean(true));
            ctx.status(201).json(Map.of("schedule", schedule));
        }, Role.ADMIN);
        routes.get(BASE + "/schedules", ctx -> ctx.json(Map.of("schedules", scheduler.schedules())), Role.READ);
        routes.delete(BASE + "/schedules/{name}", ctx -> {
            scheduler.unschedule(ctx.pathParam("name"));
            ctx.json(Map.of());
        }, Role.ADMIN);
        routes.post(BASE + "/triggers", ctx -> {
            JsonNode body = jsonBody(ctx);
            ctx.status(201).json(Map.of("trigger", driftTrigger.register(text(body, "deployment"), text(body, "pipeline"), params(body))));
        }, Role.ADMIN);
        routes.get(BASE + "/triggers", ctx -> ctx.json(Map.of("triggers", driftTrigger.triggers())), Role.READ);
        routes.delete(BASE + "/triggers/{deployment}", ctx -> {
            driftTrigger.unregister(ctx.pathParam("deployment"));
            ctx.json(Map.of());
        }, Role.ADMIN);
    }

    private void submit(Context ctx) {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        String yaml;
        String baseDir = ctx.queryParam("base_dir");
        Map<String, String> params = new LinkedHashMap<>();
        if (contentType.contains("yaml")) {
            yaml = ctx.body();
            for (String pair : ctx.queryParams("param")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw MlforgeException.invalidParameter("Query parameter 'param' must be KEY=VALUE, got '" + pair + "'");
                }
                params.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        } else {
            JsonNode body = jsonBody(ctx);
            yaml = text(body, "pipeline");
            params = params(body);
            if (body.hasNonNull("base_dir")) {
                if (!body.get("base_dir").isTextual()) {
                    throw MlforgeException.invalidParameter("'base_dir' must be a string (a folder on the server)");
                }
                baseDir = body.get("base_dir").asText();
            }
        }
        String trigger = ctx.queryParam("trigger") == null ? "api" : "api:" + ctx.queryParam("trigger");
        String runId = service.submit(yaml, params, trigger, baseDir);
        ctx.status(201).json(Map.of("run_id", runId, "status", PipelineStatus.RUNNING));
    }

    private static JsonNode jsonBody(Context ctx) {
        try {
            JsonNode body = Json.mapper().readTree(ctx.body());
            if (body == null || !body.isObject()) {
                throw MlforgeException.invalidParameter("The request body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw MlforgeException.invalidParameter("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || !value.isTextual() || value.asText().isBlank()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter '" + field + "'");
        }
        return value.asText();
    }

    private static Map<String, String> params(JsonNode body) {
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode node = body.get("params");
        if (node == null || node.isNull()) {
            return params;
        }
        if (!node.isObject()) {
            throw MlforgeException.invalidParameter("'params' must be an object of parameter names to values");
        }
        node.fields().forEachRemaining(field -> params.put(field.getKey(),
                field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString()));
        return params;
    }

    private static int limit(String raw) {
        if (raw == null) {
            return 100;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw MlforgeException.invalidParameter("limit must be an integer, got '" + raw + "'");
        }
    }
}
