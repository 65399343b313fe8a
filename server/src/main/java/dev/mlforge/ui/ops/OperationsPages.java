package dev.mlforge.ui.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import dev.mlforge.monitoring.alerts.Alert;
import dev.mlforge.monitoring.alerts.AlertService;
import dev.mlforge.monitoring.alerts.Delivery;
import dev.mlforge.monitoring.alerts.StoredAlertRule;
import dev.mlforge.monitoring.drift.ColumnDrift;
import dev.mlforge.monitoring.monitors.Monitor;
import dev.mlforge.monitoring.monitors.MonitorResult;
import dev.mlforge.monitoring.monitors.MonitorService;
import dev.mlforge.monitoring.monitors.StoredColumnDrift;
import dev.mlforge.serving.DeploymentStatus;
import dev.mlforge.serving.PredictionRecord;
import dev.mlforge.serving.Serving;
import dev.mlforge.serving.TrafficPolicy;
import dev.mlforge.ui.PageKit;
import dev.mlforge.ui.Visibility;
import dev.mlforge.ui.ops.OperationsViews.AlertRow;
import dev.mlforge.ui.ops.OperationsViews.ColumnRow;
import dev.mlforge.ui.ops.OperationsViews.DeliveryRow;
import dev.mlforge.ui.ops.OperationsViews.DeploymentRow;
import dev.mlforge.ui.ops.OperationsViews.LiveView;
import dev.mlforge.ui.ops.OperationsViews.MonitorRow;
import dev.mlforge.ui.ops.OperationsViews.PolicyRow;
import dev.mlforge.ui.ops.OperationsViews.PredictionRow;
import dev.mlforge.ui.ops.OperationsViews.ResultRow;
import dev.mlforge.ui.ops.OperationsViews.RuleRow;
import dev.mlforge.ui.ops.RegistryViews.Fact;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operations pages: deployments (traffic policy, live traffic from the server's own meters, recent predictions
 * and feedback, rollback through the REST API) and monitors (drift per column over time, reference against current
 * distributions, performance from feedback, alerts and their deliveries).
 */
public final class OperationsPages implements Routes {
    private static final int PREDICTIONS_SHOWN = 25;
    private static final int RESULTS_CHARTED = 200;
    private static final int DISTRIBUTIONS_SHOWN = 24;

    private final PageKit kit;
    private final Serving serving;
    private final MonitorService monitors;
    private final AlertService alerts;
    private final LiveMetrics live;
    private final Visibility visibility;

    public OperationsPages(PageKit kit, Serving serving, MonitorService monitors, AlertService alerts, MeterRegistry metrics,
            Clock clock, Visibility visibility) {
        this.kit = kit;
        this.serving = serving;
        this.monitors = monitors;
        this.alerts = alerts;
        this.live = new LiveMetrics(metrics, clock);
        this.visibility = visibility;
        // registered at start, so a URL a browser kept answers before any page names it again
        kit.assets().url("ops.js");
        kit.assets().url("ops.css");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/ui/deployments", this::deployments, Role.READ);
        routes.get("/ui/deployments/{name}", this::deployment, Role.READ);
        routes.get("/ui/deployments/{name}/live", this::liveJson, Role.READ);
        routes.get("/ui/monitors", this::monitorsPage, Role.READ);
        routes.get("/ui/monitors/{id}", this::monitor, Role.READ);
    }

    private void deployments(Context ctx) {
        RequestIdentity identity = RequestIdentity.of(ctx);
        List<DeploymentRow> rows = serving.deployments().list().stream()
                .filter(status -> visibility.mayRead(identity, Visibility.Kind.DEPLOYMENT, status.deployment().name())
                        && kit.inWorkspace(ctx, Visibility.Kind.DEPLOYMENT, status.deployment().name()))
                .map(OperationsPages::deploymentRow).toList();
        kit.render(ctx, "ops/deployments.jte", new OperationsViews.DeploymentsPage(kit.frame(ctx, "Deployments", "deployments"), rows));
    }

    private static DeploymentRow deploymentRow(DeploymentStatus status) {
        TrafficPolicy policy = status.deployment().policy();
        String name = status.deployment().name();
        return new DeploymentRow(name, deploymentHref(name), policy.modelUri(),
                policy.canaryUri() == null ? "" : policy.canaryUri() + " (" + policy.canaryPercent() + "%)",
                text(policy.shadowUri()), text(policy.stickyHeader()), status.ready(), versions(status.versions()),
                Shown.time(status.deployment().updatedAt()));
    }

    private static String versions(Map<String, String> versions) {
        return String.join(", ", versions.entrySet().stream().map(e -> e.getKey() + " v" + e.getValue()).toList());
    }

    private void deployment(Context ctx) {
        String name = ctx.pathParam("name");
        kit.requireInWorkspace(ctx, Visibility.Kind.DEPLOYMENT, name);
        DeploymentStatus status = serving.deployments().get(name);
        TrafficPolicy policy = status.deployment().policy();
        List<Fact> facts = new ArrayList<>();
        facts.add(Fact.of("Primary", policy.modelUri()));
        facts.add(Fact.of("Canary", policy.canaryUri() == null ? "none" : policy.canaryUri()));
        facts.add(Fact.of("Canary weight", policy.canaryUri() == null ? "0%" : policy.canaryPercent() + "%"));
        facts.add(Fact.of("Shadow", policy.shadowUri() == null ? "none" : policy.shadowUri()));
        facts.add(Fact.of("Sticky header", policy.stickyHeader() == null ? "none" : policy.stickyHeader()));
        facts.add(Fact.of("Updated", Shown.time(status.deployment().updatedAt())));
        List<Fact> versions = status.versions().entrySet().stream().map(e -> Fact.of(e.getKey(), "v" + e.getValue())).toList();
        List<PolicyRow> previous = new ArrayList<>();
        List<TrafficPolicy> policies = status.deployment().previousPolicies();
        for (int i = 0; i < policies.size(); i++) {
            TrafficPolicy earlier = policies.get(i);
            previous.add(new PolicyRow(i + 1, earlier.modelUri(), earlier.canaryUri() == null ? ""
                    : earlier.canaryUri() + " (" + earlier.canaryPercent() + "%)", text(earlier.shadowUri()), text(earlier.stickyHeader())));
        }
        TrafficPolicy back = status.deployment().previousPolicy();
        List<PredictionRow> predictions = serving.recentPredictions(name, PREDICTIONS_SHOWN).stream()
                .map(OperationsPages::predictionRow).toList();
        List<Fact> monitorLinks = monitors.monitors().stream().filter(m -> m.deployment().equals(name))
                .map(m -> new Fact("Monitor " + Shown.cut(m.id(), 8), m.reference().describe(), monitorHref(m.id()))).toList();
        kit.render(ctx, "ops/deployment.jte", new OperationsViews.DeploymentPage(kit.frame(ctx, name, "deployments"), name,
                status.ready(), status.error(), facts, versions, back == null ? null : back.modelUri(), previous,
                liveView(live.read(name)), predictions, monitorLinks,
                visibility.permits(RequestIdentity.of(ctx), Visibility.Kind.DEPLOYMENT, name, Visibility.Access.UPDATE)));
    }

    private static LiveView liveView(LiveMetrics.Live traffic) {
        return new LiveView(Double.isNaN(traffic.requestsPerSecond()) ? "–" : Shown.number(round(traffic.requestsPerSecond())),
                Double.isNaN(traffic.meanLatencyMillis()) ? "–" : Shown.number(round(traffic.meanLatencyMillis())) + " ms",
                Double.isNaN(traffic.p95LatencyMillis()) ? "–" : "≤ " + Shown.number(round(traffic.p95LatencyMillis())) + " ms",
                Long.toString(traffic.totalRequests()), Long.toString(traffic.failedRequests()));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** The live traffic as JSON, polled by the deployment page's script. */
    private void liveJson(Context ctx) {
        String name = ctx.pathParam("name");
        kit.requireInWorkspace(ctx, Visibility.Kind.DEPLOYMENT, name);
        serving.deployments().get(name);
        LiveView view = liveView(live.read(name));
        ctx.header("Cache-Control", "no-store");
        ctx.json(view);
    }

    private static PredictionRow predictionRow(PredictionRecord record) {
        return new PredictionRow(Shown.time(record.time()), text(record.requestId()), text(record.version()),
                Shown.cut(tensors(record.inputsJson()), 160), Shown.cut(tensors(record.outputsJson()), 160),
                Shown.number(round(record.latencyMillis())) + " ms", text(record.label()), record.shadow());
    }

    /** Logged Open Inference Protocol tensors in short: {@code alcohol=12.84, label=2, output=[0.007, 0.99]}. */
    static String tensors(String json) {
        if (json == null || json.isBlank()) {
            return "";
        }
        try {
            List<String> parts = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode tensor : Json.mapper().readTree(json)) {
                com.fasterxml.jackson.databind.JsonNode data = tensor.path("data");
                List<String> values = new ArrayList<>();
                data.forEach(value -> values.add(value.isNumber() ? Shown.number(value.asDouble()) : value.asText()));
                parts.add(tensor.path("name").asText("?") + "=" + (values.size() == 1 ? values.get(0) : values.toString()));
            }
            return String.join(", ", parts);
        } catch (java.io.IOException | RuntimeException e) {
            return json;
        }
    }

    private void monitorsPage(Context ctx) {
        List<MonitorRow> rows = new ArrayList<>();
        RequestIdentity identity = RequestIdentity.of(ctx);
        for (Monitor monitor : monitors.monitors()) {
            if (!visibility.mayRead(identity, Visibility.Kind.MONITOR, monitor.id())
                    || !kit.inWorkspace(ctx, Visibility.Kind.MONITOR, monitor.id())) {
                continue;
            }
            List<MonitorResult> last = monitors.results(monitor.id(), 1);
            MonitorResult result = last.isEmpty() ? null : last.get(0);
            rows.add(new MonitorRow(monitor.id(), monitorHref(monitor.id()), monitor.deployment(),
                    deploymentHref(monitor.deployment()), monitor.reference().describe(), window(monitor), schedule(monitor),
                    result == null ? "never" : Shown.time(result.time()),
                    result == null ? "–" : Shown.percent(result.drift().driftShare()), result != null && result.drift().datasetDrift(),
                    result == null ? "" : String.join(", ", result.drift().driftedColumnNames())));
        }
        List<RuleRow> rules = alerts.rules().stream().map(OperationsPages::ruleRow).toList();
        kit.render(ctx, "ops/monitors.jte", new OperationsViews.MonitorsPage(kit.frame(ctx, "Monitors", "monitors"), rows,
                alertRows(null), rules));
    }

    private static RuleRow ruleRow(StoredAlertRule rule) {
        return new RuleRow(text(rule.name()), rule.metric(), rule.comparator().symbol() + " " + Shown.number(rule.threshold())
                + (rule.forWindows() > 1 ? " for " + rule.forWindows() + " runs" : ""),
                rule.deployment() == null ? "all" : rule.deployment(), rule.webhookUrl() == null ? "log" : "webhook");
    }

    /** The alerts, newest first, of one deployment (all for null), each with its delivery attempts. */
    private List<AlertRow> alertRows(String deployment) {
        List<AlertRow> rows = new ArrayList<>();
        for (Alert alert : alerts.alerts(null)) {
            if (deployment != null && !deployment.equals(alert.deployment())) {
                continue;
            }
            List<DeliveryRow> deliveries = alerts.deliveries(alert.id()).stream().map(OperationsPages::deliveryRow).toList();
            rows.add(new AlertRow(alert.id(), text(alert.ruleName()), alert.deployment(), alert.metric(), alert.state().name(),
                    Shown.number(alert.value()), Shown.number(alert.threshold()), Shown.time(alert.firedAt()),
                    Shown.time(alert.resolvedAt()), deliveries));
        }
        return rows;
    }

    private static DeliveryRow deliveryRow(Delivery delivery) {
        return new DeliveryRow(Shown.time(delivery.time()), delivery.channel(), delivery.event(), delivery.attempt(),
                delivery.success(), delivery.statusCode() == null ? "" : delivery.statusCode().toString(), text(delivery.error()));
    }

    private void monitor(Context ctx) {
        kit.requireInWorkspace(ctx, Visibility.Kind.MONITOR, ctx.pathParam("id"));
        Monitor monitor = monitors.monitor(ctx.pathParam("id"));
        List<MonitorResult> results = new ArrayList<>(monitors.results(monitor.id(), RESULTS_CHARTED));
        Collections.reverse(results);
        MonitorResult latest = results.isEmpty() ? null : results.get(results.size() - 1);
        List<Fact> facts = List.of(Fact.of("Deployment", monitor.deployment()), Fact.of("Reference", monitor.reference().describe()),
                Fact.of("Window", window(monitor)), Fact.of("Schedule", schedule(monitor)),
                Fact.of("Dataset drift from", Shown.percent(monitor.driftShare()) + " of columns drifted"),
                Fact.of("Task", monitor.task() == null ? "drift only" : monitor.task().label()),
                Fact.of("Created", Shown.time(monitor.createdAt())));
        List<ColumnRow> columns = latest == null ? List.of() : latest.drift().columns().stream().map(OperationsPages::columnRow).toList();
        List<ResultRow> history = new ArrayList<>();
        for (int i = results.size() - 1; i >= 0 && history.size() < 50; i--) {
            history.add(resultRow(results.get(i)));
        }
        String distributions = "[]";
        String distributionsError = null;
        try {
            distributions = json(distributions(monitors.compareColumns(monitor.id())));
        } catch (RuntimeException e) {
            // an empty window or an unreadable reference is the page's news, not a failure of the page
            distributionsError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        List<Fact> performance = latest == null ? List.of() : new TreeMap<>(latest.performance()).entrySet().stream()
                .map(e -> Fact.of(e.getKey(), Shown.number(e.getValue()))).toList();
        kit.render(ctx, "ops/monitor.jte", new OperationsViews.MonitorPage(kit.frame(ctx, "Monitor of " + monitor.deployment(),
                "monitors"), monitor.id(), monitor.deployment(), deploymentHref(monitor.deployment()), facts, columns,
                latest == null ? null : Shown.time(latest.time()), history, json(chart(results)), distributions, distributionsError,
                performance, alertRows(monitor.deployment()),
                visibility.permits(RequestIdentity.of(ctx), Visibility.Kind.MONITOR, monitor.id(), Visibility.Access.UPDATE)));
    }

    private static ColumnRow columnRow(StoredColumnDrift column) {
        return new ColumnRow(column.column(), text(column.type()), text(column.method()), Shown.number(column.score()),
                Shown.number(column.threshold()), column.drifted(), text(column.error()));
    }

    private static ResultRow resultRow(MonitorResult result) {
        String performance = String.join(", ", new TreeMap<>(result.performance()).entrySet().stream()
                .map(e -> e.getKey() + " " + Shown.number(e.getValue())).toList());
        return new ResultRow(Shown.time(result.time()), Shown.percent(result.drift().driftShare()), result.drift().datasetDrift(),
                String.join(", ", result.drift().driftedColumnNames()), result.currentRows(), result.labelledRows(), performance);
    }

    /** The series the drift and performance charts plot, oldest result first. */
    private static Map<String, Object> chart(List<MonitorResult> results) {
        List<String> times = new ArrayList<>();
        List<Double> share = new ArrayList<>();
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        Map<String, Double> thresholds = new LinkedHashMap<>();
        Map<String, String> methods = new LinkedHashMap<>();
        Map<String, List<Double>> performance = new TreeMap<>();
        for (int i = 0; i < results.size(); i++) {
            MonitorResult result = results.get(i);
            times.add(result.time().toString());
            share.add(result.drift().driftShare());
            for (StoredColumnDrift column : result.drift().columns()) {
                series(scores, column.column(), i).set(i, finite(column.score()));
                thresholds.put(column.column(), column.threshold());
                methods.put(column.column(), text(column.method()));
            }
            for (Map.Entry<String, Double> metric : result.performance().entrySet()) {
                series(performance, metric.getKey(), i).set(i, finite(metric.getValue()));
            }
        }
        scores.values().forEach(values -> pad(values, results.size()));
        performance.values().forEach(values -> pad(values, results.size()));
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("times", times);
        chart.put("share", share);
        chart.put("scores", scores);
        chart.put("thresholds", thresholds);
        chart.put("methods", methods);
        chart.put("performance", performance);
        return chart;
    }

    /** The series of {@code key}, created with nulls for the results before it first appeared, and long enough for {@code index}. */
    private static List<Double> series(Map<String, List<Double>> all, String key, int index) {
        List<Double> values = all.computeIfAbsent(key, k -> new ArrayList<>());
        pad(values, index + 1);
        return values;
    }

    private static void pad(List<Double> values, int size) {
        while (values.size() < size) {
            values.add(null);
        }
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static List<Map<String, Object>> distributions(List<ColumnDrift> columns) {
        List<Map<String, Object>> shown = new ArrayList<>();
        // drifted columns first: they are what the reader came for
        List<ColumnDrift> ordered = new ArrayList<>(columns);
        ordered.sort(java.util.Comparator.comparing(column -> !column.drifted()));
        for (ColumnDrift column : ordered.subList(0, Math.min(ordered.size(), DISTRIBUTIONS_SHOWN))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("column", column.name());
            entry.put("drifted", column.drifted());
            entry.put("method", column.method() == null ? "" : column.method().id());
            entry.put("score", finite(column.score()));
            entry.put("labels", column.histogram().labels());
            entry.put("reference", column.histogram().reference());
            entry.put("current", column.histogram().current());
            shown.add(entry);
        }
        return shown;
    }

    /** JSON to embed in a {@code <script type="application/json">}: no {@code </} can end the element early. */
    static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String window(Monitor monitor) {
        return monitor.window().lastN() != null ? "last " + monitor.window().lastN() + " predictions"
                : "last " + monitor.window().spanSeconds() + " s of predictions";
    }

    private static String schedule(Monitor monitor) {
        if (monitor.schedule().cron() != null) {
            return "cron " + monitor.schedule().cron();
        }
        return monitor.schedule().intervalSeconds() != null ? "every " + monitor.schedule().intervalSeconds() + " s" : "on request";
    }

    static String deploymentHref(String name) {
        return "/ui/deployments/" + Shown.url(name);
    }

    static String monitorHref(String id) {
        return "/ui/monitors/" + Shown.url(id);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag webUI = ApiDoc.tag("Web UI");
        return List.of(
                webUI.get("/ui/deployments", "Web UI: deployments and their traffic policies").htmlPage(),
                webUI.get("/ui/deployments/{name}", "Web UI: a deployment with its traffic policy, live traffic, recent predictions and feedback, and rollback")
                        .htmlPage(),
                webUI.get("/ui/deployments/{name}/live", "Web UI: a deployment's live requests per second and latency from the server's own meters (polled by its page)")
                        .status(200, "Live traffic figures, formatted for display"),
                webUI.get("/ui/monitors", "Web UI: monitors with their latest drift, alerts with their deliveries, and alert rules")
                        .htmlPage(),
                webUI.get("/ui/monitors/{id}", "Web UI: a monitor with drift per column over time, reference against current distributions, performance and alerts")
                        .htmlPage());
    }
}
