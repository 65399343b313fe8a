package dev.mlforge.monitoring.monitors;

import dev.mlforge.api.monitoring.CreateMonitorRequest;
import dev.mlforge.api.monitoring.EmptyMonitoringResponse;
import dev.mlforge.api.monitoring.ListMonitorResultsResponse;
import dev.mlforge.api.monitoring.ListMonitorsResponse;
import dev.mlforge.api.monitoring.MonitorResponse;
import dev.mlforge.api.monitoring.MonitorResultResponse;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.Json;
import dev.mlforge.http.Role;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import dev.mlforge.monitoring.RequestBodies;
import java.util.List;

/** {@code /api/v1/monitors}: thin HTTP over {@link MonitorService}, reading and answering api-model records. */
public final class MonitorRoutes implements Routes {
    private final MonitorService monitors;

    public MonitorRoutes(MonitorService monitors) {
        this.monitors = monitors;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/v1/monitors", ctx -> json(ctx, new MonitorResponse(MonitorWire.info(monitors.create(body(ctx))))),
                Role.WRITE);
        routes.get("/api/v1/monitors", ctx -> json(ctx, new ListMonitorsResponse(
                monitors.monitors().stream().map(MonitorWire::info).toList())), Role.READ);
        routes.get("/api/v1/monitors/{id}", ctx -> json(ctx,
                new MonitorResponse(MonitorWire.info(monitors.monitor(ctx.pathParam("id"))))), Role.READ);
        routes.delete("/api/v1/monitors/{id}", ctx -> {
            monitors.delete(ctx.pathParam("id"));
            json(ctx, new EmptyMonitoringResponse());
        }, Role.WRITE);
        routes.post("/api/v1/monitors/{id}/run", ctx -> json(ctx,
                new MonitorResultResponse(MonitorWire.info(monitors.run(ctx.pathParam("id"))))), Role.WRITE);
        routes.get("/api/v1/monitors/{id}/results", ctx -> json(ctx, new ListMonitorResultsResponse(
                monitors.results(ctx.pathParam("id"), maxResults(ctx.queryParam("max_results"))).stream()
                        .map(MonitorWire::info).toList())), Role.READ);
    }

    private static MonitorRequest body(Context ctx) {
        return MonitorWire.request(RequestBodies.read(ctx.body(), CreateMonitorRequest.class, "monitor"));
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

    private static void json(Context ctx, Object body) throws java.io.IOException {
        ctx.contentType("application/json").result(Json.mapper().writeValueAsBytes(body));
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag monitoring = ApiDoc.tag("Monitoring");
        return List.of(
                monitoring.get("/api/v1/monitors", "List monitors").response(ListMonitorsResponse.class),
                monitoring.post("/api/v1/monitors", "Create a monitor").request(CreateMonitorRequest.class)
                        .response(MonitorResponse.class).also(404, ""),
                monitoring.delete("/api/v1/monitors/{id}", "Delete a monitor and its results")
                        .response(EmptyMonitoringResponse.class),
                monitoring.get("/api/v1/monitors/{id}", "Get a monitor").response(MonitorResponse.class),
                monitoring.get("/api/v1/monitors/{id}/results", "A monitor's results, newest first")
                        .query("max_results", "At most this many (default 100).")
                        .response(ListMonitorResultsResponse.class),
                monitoring.post("/api/v1/monitors/{id}/run", "Run a monitor now")
                        .response(MonitorResultResponse.class));
    }
}
