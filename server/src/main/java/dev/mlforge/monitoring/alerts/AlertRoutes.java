package dev.mlforge.monitoring.alerts;

import dev.mlforge.monitoring.MonitoringJson;
import dev.mlforge.http.Role;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/** {@code /api/v1/alert-rules} and {@code /api/v1/alerts}: thin HTTP over {@link AlertService}. */
public final class AlertRoutes implements Routes {
    private final AlertService alerts;

    public AlertRoutes(AlertService alerts) {
        this.alerts = alerts;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/v1/alert-rules", ctx -> json(ctx, Map.of("alert_rule", alerts.createRule(body(ctx)))), Role.ADMIN);
        routes.get("/api/v1/alert-rules", ctx -> json(ctx, Map.of("alert_rules", alerts.rules())), Role.READ);
        routes.get("/api/v1/alert-rules/{id}", ctx -> json(ctx, Map.of("alert_rule", alerts.rule(ctx.pathParam("id")))), Role.READ);
        routes.delete("/api/v1/alert-rules/{id}", ctx -> {
            alerts.deleteRule(ctx.pathParam("id"));
            json(ctx, Map.of());
        }, Role.ADMIN);
        routes.get("/api/v1/alerts", ctx -> json(ctx, Map.of("alerts", alerts.alerts(state(ctx.queryParam("state"))))), Role.READ);
        routes.get("/api/v1/alerts/{id}", ctx -> json(ctx, Map.of("alert", alerts.alert(ctx.pathParam("id")))), Role.READ);
        routes.get("/api/v1/alerts/{id}/deliveries", ctx ->
                json(ctx, Map.of("deliveries", alerts.deliveries(ctx.pathParam("id")))), Role.READ);
    }

    private static AlertRuleRequest body(Context ctx) {
        return MonitoringJson.readRequest(ctx.body(), AlertRuleRequest.class, "alert rule");
    }

    private static Alert.State state(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Alert.State.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw MlforgeException.invalidParameter("Query parameter 'state' must be firing or resolved, got '" + text + "'");
        }
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(MonitoringJson.write(body));
    }
}
