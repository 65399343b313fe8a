package dev.mlforge.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;

/**
 * {@code /health} (MLflow's), the probes {@code /health/live} (the process answers) and {@code /health/ready} (started,
 * not closing, and the database answers), {@code /version} and the Prometheus scrape at {@code /metrics}.
 * {@code /version} answers, as MLflow's server does, the MLflow version whose API this server implements: MLflow's
 * clients parse it (PEP 440) to choose their trace path, span export to {@code /v1/traces} from 3.4 on. mlforge's own
 * version is at {@code /version/mlforge}. The OpenAPI description of every route is at {@code /api/openapi.yaml} and
 * {@code /api/openapi.json}.
 */
public final class SystemRoutes implements Routes {
    /** The MLflow release whose REST API (3.x traces, logged models...) this server implements. */
    public static final String MLFLOW_API_VERSION = "3.11.0";

    private final String version;
    private final BooleanSupplier started;
    private final BooleanSupplier databaseAnswers;
    private final PrometheusMeterRegistry metrics;
    private volatile OpenApiDocument openApi;

    public SystemRoutes(String version, BooleanSupplier started, BooleanSupplier databaseAnswers, PrometheusMeterRegistry metrics) {
        this.version = version;
        this.started = started;
        this.databaseAnswers = databaseAnswers;
        this.metrics = metrics;
    }

    /** Routes for a server without a database of its own: ready once started. */
    public SystemRoutes(String version, BooleanSupplier started, PrometheusMeterRegistry metrics) {
        this(version, started, () -> true, metrics);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/health", ctx -> {
            if (started.getAsBoolean()) {
                ctx.result("OK");
            } else {
                ctx.status(503).result("starting");
            }
        }, Role.PUBLIC);
        routes.get("/health/live", ctx -> ctx.result("OK"), Role.PUBLIC);
        routes.get("/health/ready", this::ready, Role.PUBLIC);
        routes.get("/version", ctx -> ctx.result(MLFLOW_API_VERSION), Role.PUBLIC);
        routes.get("/version/mlforge", ctx -> ctx.result(version), Role.PUBLIC);
        routes.get("/api/openapi.yaml", ctx -> ctx.contentType("application/yaml; charset=utf-8").result(openApi().yaml()),
                Role.PUBLIC);
        routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi().json()), Role.PUBLIC);
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()),
                Role.READ);
    }

    /** The description, read on first request (start-up does not pay for parsing it). */
    private OpenApiDocument openApi() {
        OpenApiDocument document = openApi;
        if (document == null) {
            document = OpenApiDocument.load();
            openApi = document;
        }
        return document;
    }

    private void ready(Context ctx) {
        if (!started.getAsBoolean()) {
            ctx.status(503).result("not started, or closing");
        } else if (!databaseAnswers.getAsBoolean()) {
            ctx.status(503).result("the database does not answer");
        } else {
            ctx.result("OK");
        }
    }
}
