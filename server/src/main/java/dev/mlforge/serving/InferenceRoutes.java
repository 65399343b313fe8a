package dev.mlforge.serving;

import dev.mlforge.api.serving.InferenceRequest;
import dev.mlforge.api.serving.InferenceResponse;
import dev.mlforge.api.serving.ModelMetadataResponse;
import dev.mlforge.api.serving.ServerMetadataResponse;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.Role;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.DataPlaneExchange;
import dev.mlforge.http.DataPlaneRoute;
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
            routes.get(path, this::metadata, Role.READ);
            routes.get(path + "/ready", this::ready, Role.READ);
        }
    }

    @Override
    public List<DataPlaneRoute> dataPlaneRoutes() {
        return List.of(new DataPlaneRoute(MODEL + "/infer", Role.READ, this::infer),
                new DataPlaneRoute(VERSION + "/infer", Role.READ, this::infer));
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

    private DataPlaneRoute.Answer infer(DataPlaneExchange exchange) throws java.io.IOException {
        String name = exchange.pathParam("name");
        String version = exchange.pathParam("version");
        byte[] body = ServingRoutes.limitedBody(exchange.contentLength(), exchange::body, config.maxRequestBytes());
        String jsonLength = exchange.header(JSON_LENGTH);
        V2Protocol.Request request = jsonLength == null ? V2Protocol.readRequest(body)
                : V2Protocol.readRequest(body, jsonLength(jsonLength, body.length));
        String requestId = request.id() != null ? request.id() : inference.requestId(exchange.header("X-Request-ID"));
        InferenceResult result = withRetryAfter(exchange, () -> inference.infer(name, version, request.inputs(),
                requestId, exchange::header));
        V2Protocol.Answer answer = V2Protocol.answer(name, result.version(), requestId, result.outputs(), request);
        byte[] json = V2AnswerJson.write(answer.json());
        if (answer.binary().isEmpty()) {
            return new DataPlaneRoute.Answer("application/json", json);
        }
        // The binary tensor data extension: the JSON's length in the header, each binary output's bytes after it,
        // copied once into the answer.
        int length = json.length;
        for (byte[] raw : answer.binary()) {
            length += raw.length;
        }
        byte[] answered = java.util.Arrays.copyOf(json, length);
        int offset = json.length;
        for (byte[] raw : answer.binary()) {
            System.arraycopy(raw, 0, answered, offset, raw.length);
            offset += raw.length;
        }
        exchange.answerHeader(JSON_LENGTH, Integer.toString(json.length));
        return new DataPlaneRoute.Answer("application/octet-stream", answered);
    }

    /**
     * The binary tensor data extension's header: the JSON part's length, in requests (the inputs' raw bytes follow
     * it) and in answers with outputs asked as binary data (their raw bytes follow it, in output order).
     */
    static final String JSON_LENGTH = "Inference-Header-Content-Length";
    private static final String BINARY_DATA_DOC = "The binary tensor data extension: an application/octet-stream body "
            + "is the JSON request (its length in the " + JSON_LENGTH + " header, inputs with a "
            + V2Protocol.BINARY_DATA_SIZE + " parameter) followed by the tensors' raw little-endian bytes; outputs asked with "
            + V2Protocol.BINARY_DATA + " (or " + V2Protocol.BINARY_DATA_OUTPUT + ") come back the same way, with "
            + JSON_LENGTH + " set.";

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

    /** Runs {@code call}; a full queue answers 503 with {@code Retry-After: 1}. */
    static <T> T withRetryAfter(DataPlaneExchange exchange, Supplier<T> call) {
        try {
            return call.get();
        } catch (MlforgeException e) {
            if (e.errorCode() == ErrorCode.TEMPORARILY_UNAVAILABLE) {
                exchange.answerHeader("Retry-After", "1");
            }
            throw e;
        }
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag openInferenceProtocol = ApiDoc.tag("Open Inference Protocol");
        return List.of(
                openInferenceProtocol.get("/v2", "Server metadata").response(ServerMetadataResponse.class),
                openInferenceProtocol.get("/v2/health/live", "Liveness (200 with an empty body)").withoutBody()
                        .status(200, "Live").also(503, ""),
                openInferenceProtocol.get("/v2/health/ready", "Readiness (200 with an empty body)").withoutBody()
                        .status(200, "Ready").also(503, ""),
                openInferenceProtocol.get("/v2/models/{name}", "Model metadata").response(ModelMetadataResponse.class),
                openInferenceProtocol.post("/v2/models/{name}/infer", "Inference").request(InferenceRequest.class)
                        .orRequest("application/octet-stream").response(InferenceResponse.class)
                        .orResponse("application/octet-stream").describedAs(BINARY_DATA_DOC).also(413, "").also(429, "").also(503, ""),
                openInferenceProtocol.get("/v2/models/{name}/ready", "Model readiness (200 with an empty body)")
                        .withoutBody().status(200, "Ready"),
                openInferenceProtocol.get("/v2/models/{name}/versions/{version}", "Model metadata of one version")
                        .response(ModelMetadataResponse.class),
                openInferenceProtocol.post("/v2/models/{name}/versions/{version}/infer", "Inference of one version")
                        .request(InferenceRequest.class).orRequest("application/octet-stream")
                        .response(InferenceResponse.class).orResponse("application/octet-stream")
                        .describedAs(BINARY_DATA_DOC).also(413, "").also(429, "")
                        .also(503, ""),
                openInferenceProtocol.get("/v2/models/{name}/versions/{version}/ready", "Model readiness of one version (200 with an empty body)")
                        .withoutBody().status(200, "Ready"));
    }
}
