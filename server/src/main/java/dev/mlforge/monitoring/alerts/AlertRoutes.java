package dev.mlforge.monitoring.alerts;

import dev.mlforge.api.monitoring.AlertResponse;
import dev.mlforge.api.monitoring.AlertRuleResponse;
import dev.mlforge.api.monitoring.CreateAlertRuleRequest;
import dev.mlforge.api.monitoring.EmptyMonitoringResponse;
import dev.mlforge.api.monitoring.ListAlertRulesResponse;
import dev.mlforge.api.monitoring.ListAlertsResponse;
import dev.mlforge.api.monitoring.ListDeliveriesResponse;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.Json;
import dev.mlforge.monitoring.RequestBodies;
import dev.mlforge.http.Role;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/** {@code /api/v1/alert-rules} and {@code /api/v1/alerts}: thin HTTP over {@link AlertService}. */
public final class AlertRoutes implements Routes {
    private final AlertService alerts;

    public AlertRoutes(AlertService alerts) {
        this.alerts = alerts;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/v1/alert-rules", ctx -> json(ctx, new AlertRuleResponse(AlertWire.info(alerts.createRule(body(ctx))))),
                Role.ADMIN);
        routes.get("/api/v1/alert-rules", ctx -> json(ctx, new ListAlertRulesResponse(
                alerts.rules().stream().map(AlertWire::info).toList())), Role.READ);
        routes.get("/api/v1/alert-rules/{id}", ctx -> json(ctx,
                new AlertRuleResponse(AlertWire.info(alerts.rule(ctx.pathParam("id"))))), Role.READ);
        routes.delete("/api/v1/alert-rules/{id}", ctx -> {
            alerts.deleteRule(ctx.pathParam("id"));
            json(ctx, new EmptyMonitoringResponse());
        }, Role.ADMIN);
        routes.get("/api/v1/alerts", ctx -> json(ctx, new ListAlertsResponse(
                alerts.alerts(state(ctx.queryParam("state"))).stream().map(AlertWire::info).toList())), Role.READ);
        routes.get("/api/v1/alerts/{id}", ctx -> json(ctx, new AlertResponse(AlertWire.info(alerts.alert(ctx.pathParam("id"))))),
                Role.READ);
        routes.get("/api/v1/alerts/{id}/deliveries", ctx -> json(ctx, new ListDeliveriesResponse(
                alerts.deliveries(ctx.pathParam("id")).stream().map(AlertWire::info).toList())), Role.READ);
    }

    private static AlertRuleRequest body(Context ctx) {
        return AlertWire.request(RequestBodies.read(ctx.body(), CreateAlertRuleRequest.class, "alert rule"));
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

    private static void json(Context ctx, Object body) throws java.io.IOException {
        ctx.contentType("application/json").result(Json.mapper().writeValueAsBytes(body));
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag alerts = ApiDoc.tag("Alerts");
        return List.of(
                alerts.get("/api/v1/alert-rules", "List alert rules").response(ListAlertRulesResponse.class),
                alerts.post("/api/v1/alert-rules", "Create an alert rule").request(CreateAlertRuleRequest.class)
                        .response(AlertRuleResponse.class),
                alerts.delete("/api/v1/alert-rules/{id}", "Delete an alert rule")
                        .response(EmptyMonitoringResponse.class),
                alerts.get("/api/v1/alert-rules/{id}", "Get an alert rule").response(AlertRuleResponse.class),
                alerts.get("/api/v1/alerts", "List alerts, newest first")
                        .query("state", "firing or resolved (default both).").response(ListAlertsResponse.class),
                alerts.get("/api/v1/alerts/{id}", "Get an alert").response(AlertResponse.class),
                alerts.get("/api/v1/alerts/{id}/deliveries", "An alert's notification attempts")
                        .response(ListDeliveriesResponse.class));
    }
}
