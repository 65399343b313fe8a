package dev.mlforge.tracing;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.servlet.MaxRequestSize;
import java.io.IOException;
import java.io.InputStream;
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
        List<SpanRow> spans = contentType.startsWith("application/json")
                ? OtlpSpans.fromJson(ctx.bodyAsBytes()) : OtlpSpans.fromProtobuf(protobufBody(ctx));
        service.logSpans(experimentId.trim(), spans);
        ctx.contentType("application/x-protobuf").result(EMPTY_RESPONSE);
    }

    /**
     * The body read straight into an array of its declared length, instead of Javalin's copy loop that
     * grows a buffer from 32 bytes (15 % of a request thread's time at 100 spans a request). A body without a length,
     * longer than the server's request size limit or with a content encoding, goes through Javalin as before.
     */
    private static byte[] protobufBody(Context ctx) {
        long length = ctx.contentLength();
        Long limit = ctx.appData(MaxRequestSize.INSTANCE.getMaxRequestSizeKey());
        if (length <= 0 || limit == null || length > limit || ctx.header("Content-Encoding") != null) {
            return ctx.bodyAsBytes();
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] body = new byte[(int) length];
            if (in.readNBytes(body, 0, body.length) < body.length) {
                throw MlforgeException.invalidParameter("Invalid OTLP protobuf body: its length is not its Content-Length");
            }
            return body;
        } catch (IOException e) {
            throw MlforgeException.invalidParameter("Invalid OTLP protobuf body: reading it failed (" + e.getMessage() + ")");
        }
    }
}
