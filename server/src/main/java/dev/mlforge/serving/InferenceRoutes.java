package dev.mlforge.serving;

import dev.mlforge.api.serving.InferenceResponse;
import dev.mlforge.api.serving.ServerMetadataResponse;
import dev.mlforge.http.Role;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The Open Inference Protocol (KServe V2) REST API: health, server and model metadata, model readiness and
 * inference, each with the optional {@code /versions/{version}} segment. Errors answer {@code {"error": "..."}}.
 */
final class InferenceRoutes implements Routes {
    private static final String MODEL = "/v2/models/{name}";
    private static final String VERSION = "/v2/models/{name}/versions/{version}";

    private final InferenceService inference;
    private final DeploymentService deployments;
    private final ServingConfig config;
    private final String serverVersion;
    private final BooleanSupplier serverReady;

    InferenceRoutes(InferenceService inference, DeploymentService deployments, ServingConfig config,
            String serverVersion, BooleanSupplier serverReady) {
        this.inference = inference;
        this.deployments = deployments;
        this.config = config;
        this.serverVersion = serverVersion;
        this.serverReady = serverReady;
    }

    @Override
    public boolean dataPlane() {
        return true;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/v2/health/live", ctx -> ctx.status(200), Role.PUBLIC);
        routes.get("/v2/health/ready", ctx -> {
            if (!serverReady.getAsBoolean() || !deployments.allReady()) {
                throw new MlforgeException(ErrorCode.BAD_REQUEST, "Server is not ready: models are still loading");
            }
            ctx.status(200);
        }, Role.PUBLIC);
        routes.get("/v2", ctx -> ctx.json(new ServerMetadataResponse("mlforge", serverVersion, List.of())), Role.READ);
        for (String path : List.of(MODEL, VERSION)) {
            routes.post(path + "/infer", this::infer, Role.READ);
            routes.get(path, this::metadata, Role.READ);
            routes.get(path + "/ready", this::ready, Role.READ);
        }
    }

    private static String version(Context ctx) {
        return ctx.pathParamMap().get("version");
    }

    private void metadata(Context ctx) {
        String name = ctx.pathParam("name");
        ModelSignature signature = inference.signature(name, version(ctx));
        ctx.json(V2Protocol.metadata(name, inference.versions(name), signature));
    }

    private void ready(Context ctx) {
        String name = ctx.pathParam("name");
        if (!inference.ready(name, version(ctx))) {
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "Model " + name + " is not ready");
        }
        ctx.status(200);
    }

    private void infer(Context ctx) throws java.io.IOException {
        String name = ctx.pathParam("name");
        byte[] body = ServingRoutes.limitedBody(ctx, config.maxRequestBytes());
        String jsonLength = ctx.header(JSON_LENGTH);
        V2Protocol.Request request = jsonLength == null ? V2Protocol.readRequest(body)
                : V2Protocol.readRequest(body, jsonLength(jsonLength, body.length));
        String requestId = request.id() != null ? request.id() : ServingRoutes.requestId(ctx);
        InferenceResult result = withRetryAfter(ctx, () -> inference.infer(name, version(ctx), request.inputs(),
                requestId, ctx::header));
        InferenceResponse response = V2Protocol.response(name, result.version(), requestId, result.outputs(),
                request.outputs(), request.parameters());
        writeJson(ctx, Json.mapper().writeValueAsBytes(response));
    }

    /**
     * The binary tensor data extension's header: the JSON part's length; the inputs' raw bytes follow it. Answers are
     * JSON (the extension lets a server answer so; clients read {@code data} when an output has no binary size).
     */
    static final String JSON_LENGTH = "Inference-Header-Content-Length";

    private static int jsonLength(String header, int bodyLength) {
        int length;
        try {
            length = Integer.parseInt(header.trim());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0 || length > bodyLength) {
            throw MlforgeException.invalidParameter("The " + JSON_LENGTH + " header must be the length of the JSON part"
                    + " of the body (0 to " + bodyLength + " bytes), got '" + header + "'");
        }
        return length;
    }

    /**
     * Writes a JSON answer to the response stream (compressed when Javalin would compress it) instead of handing it
     * to {@code ctx.result}, which copies every answer through a new 32 KB buffer: a measured share of single-row
     * inference. No Content-Length is set, so Jetty keeps the small answer buffered, uncommitted, until the after
     * handlers have added their headers.
     */
    private static void writeJson(Context ctx, byte[] json) throws java.io.IOException {
        ctx.contentType("application/json");
        ctx.outputStream().write(json);
    }

    /** Runs {@code call}; a full queue answers 503 with {@code Retry-After: 1}. */
    static <T> T withRetryAfter(Context ctx, Supplier<T> call) {
        try {
            return call.get();
        } catch (MlforgeException e) {
            if (e.errorCode() == ErrorCode.TEMPORARILY_UNAVAILABLE) {
                ctx.header("Retry-After", "1");
            }
            throw e;
        }
    }
}
