package dev.mlforge.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code /health} (MLflow's), the probes {@code /health/live} (the process answers) and {@code /health/ready} (started,
 * not closing, and the database answers), {@code /version} and the Prometheus scrape at {@code /metrics}.
 * {@code /version} answers, as MLflow's server does, the MLflow version whose API this server implements: MLflow's
 * clients parse it (PEP 440) to choose their trace path, span export to {@code /v1/traces} from 3.4 on. mlforge's own
 * version is at {@code /version/mlforge}. The OpenAPI description of every route, which
 * {@link HttpServer} serves at {@code /api/openapi.yaml} and {@code /api/openapi.json}, lists these under "System".
 */
public final class SystemRoutes implements Routes {
    /** The MLflow release whose REST API (3.x traces, logged models...) this server implements. */
    public static final String MLFLOW_API_VERSION = "3.11.0";

    private final String version;
    private final BooleanSupplier started;
    private final BooleanSupplier databaseAnswers;
    private final PrometheusMeterRegistry metrics;

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
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()),
                Role.READ);
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

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag system = ApiDoc.tag("System");
        return List.of(
                system.get("/health", "MLflow's health check: OK once started").response("text/plain")
                        .also(503, "starting"),
                system.get("/health/live", "Liveness probe").response("text/plain").also(404, ""),
                system.get("/health/ready", "Readiness probe: started, not closing, the database answers")
                        .response("text/plain").also(503, "not ready"),
                system.get("/metrics", "Prometheus scrape").response("text/plain")
                        .status(200, "Prometheus text format 0.0.4").also(404, ""),
                system.get("/version", "The MLflow version whose REST API this server implements")
                        .response("text/plain").status(200, "e.g. 3.11.0").also(404, ""),
                system.get("/version/mlforge", "mlforge's own version").response("text/plain")
                        .status(200, "the version").also(404, ""));
    }
}
