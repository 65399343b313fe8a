package dev.mlforge.http;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;

/** {@code /health}, {@code /version} and the Prometheus scrape at {@code /metrics}. */
public final class SystemRoutes implements Routes {
    private final String version;
    private final BooleanSupplier ready;
    private final PrometheusMeterRegistry metrics;

    public SystemRoutes(String version, BooleanSupplier ready, PrometheusMeterRegistry metrics) {
        this.version = version;
        this.ready = ready;
        this.metrics = metrics;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/health", ctx -> {
            if (ready.getAsBoolean()) {
                ctx.result("OK");
            } else {
                ctx.status(503).result("starting");
            }
        });
        routes.get("/version", ctx -> ctx.result(version));
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    }
}
