package dev.mlforge.monitoring.monitors;

import dev.mlforge.monitoring.MonitoringJson;
import dev.mlforge.http.Role;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** {@code /api/v1/monitors}: thin HTTP over {@link MonitorService}, snake_case JSON. */
public final class MonitorRoutes implements Routes {
    private final MonitorService monitors;

    public MonitorRoutes(MonitorService monitors) {
        this.monitors = monitors;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/v1/monitors", ctx -> json(ctx, Map.of("monitor", monitors.create(body(ctx)))), Role.WRITE);
        routes.get("/api/v1/monitors", ctx -> json(ctx, Map.of("monitors", monitors.monitors())), Role.READ);
        routes.get("/api/v1/monitors/{id}", ctx -> json(ctx, Map.of("monitor", monitors.monitor(ctx.pathParam("id")))), Role.READ);
        routes.delete("/api/v1/monitors/{id}", ctx -> {
            monitors.delete(ctx.pathParam("id"));
            json(ctx, Map.of());
        }, Role.WRITE);
        routes.post("/api/v1/monitors/{id}/run", ctx -> json(ctx, Map.of("result", monitors.run(ctx.pathParam("id")))), Role.WRITE);
        routes.get("/api/v1/monitors/{id}/results", ctx -> json(ctx, Map.of("results",
                monitors.results(ctx.pathParam("id"), maxResults(ctx.queryParam("max_results"))))), Role.READ);
    }

    private static MonitorRequest body(Context ctx) {
        return MonitoringJson.readRequest(ctx.body(), MonitorRequest.class, "monitor");
    }

    private static int maxResults(String text) {
        if (text == null || text.isBlank()) {
            return 100;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw MlforgeException.invalidParameter("'max_results' must be a whole number, got '" + text + "'");
        }
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(MonitoringJson.write(body));
    }
}
