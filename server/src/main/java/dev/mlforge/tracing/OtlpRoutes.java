package dev.mlforge.tracing;

import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestBodies;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/**
 * OTLP/HTTP span ingest at {@code POST /v1/traces}, as MLflow's server offers it: protobuf or OTLP JSON, the experiment
 * in header {@code x-mlflow-experiment-id}, answered with an empty {@code ExportTraceServiceResponse} in protobuf.
 */
final class OtlpRoutes implements Routes {
    static final String EXPERIMENT_HEADER = "x-mlflow-experiment-id";
    private static final byte[] EMPTY_RESPONSE = new byte[0];

    private final TracingService service;

    OtlpRoutes(TracingService service) {
        this.service = service;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/v1/traces", this::export, Role.WRITE);
    }

    private void export(Context ctx) {
        String experimentId = ctx.header(EXPERIMENT_HEADER);
        if (experimentId == null || experimentId.isBlank()) {
            throw MlforgeException.invalidParameter("Missing header '" + EXPERIMENT_HEADER
                    + "': the experiment to log the spans to");
        }
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        byte[] body = RequestBodies.read(ctx);
        List<SpanRow> spans = contentType.startsWith("application/json")
                ? OtlpSpans.fromJson(body) : OtlpSpans.fromProtobuf(body);
        service.logSpans(experimentId.trim(), spans);
        ctx.contentType("application/x-protobuf").result(EMPTY_RESPONSE);
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag mlflowTracing = ApiDoc.tag("MLflow tracing");
        return List.of(
                mlflowTracing.post("/v1/traces", "OpenTelemetry OTLP/HTTP trace export (protobuf or JSON), stored as MLflow traces")
                        .request("application/x-protobuf").also(404, ""));
    }
}
