package dev.mlforge.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.serving.DeploymentResponse;
import dev.mlforge.api.serving.ListDeploymentsResponse;
import dev.mlforge.api.serving.ScoringRequest;
import dev.mlforge.api.serving.ScoringResponse;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.Role;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.serving.CreateDeploymentRequest;
import dev.mlforge.api.serving.DeploymentHistory;
import dev.mlforge.api.serving.EmptyDeploymentResponse;
import dev.mlforge.api.serving.FeedbackRequest;
import dev.mlforge.api.serving.UpdateDeploymentRequest;
import dev.mlforge.http.DataPlaneExchange;
import dev.mlforge.http.DataPlaneRoute;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /api/v1/deployments}: create, read, change, delete and roll back deployments (and read the policy history
 * a rollback walks back through); MLflow scoring at
 * {@code /invocations}; ground truth at {@code /feedback}.
 */
final class ServingRoutes implements Routes {
    private static final String BASE = "/api/v1/deployments";

    private final Serving serving;
    private final ServingConfig config;

    ServingRoutes(Serving serving, ServingConfig config) {
        this.serving = serving;
        this.config = config;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(BASE, ctx -> {
            CreateDeploymentRequest request = WireRequests.read(body(ctx, config.maxRequestBytes()),
                    CreateDeploymentRequest.class, true);
            if (request.name() == null) {
                throw MlforgeException.invalidParameter("Missing value for required parameter 'name'");
            }
            writeStatus(ctx, serving.deployments().create(request.name(), serving.checked(DeploymentWire.policy(request))));
        }, Role.WRITE);
        routes.get(BASE, ctx -> {
            ctx.json(DeploymentWire.list(serving.deployments().list()));
        }, Role.READ);
        routes.get(BASE + "/{name}", ctx -> writeStatus(ctx, serving.deployments().get(ctx.pathParam("name"))), Role.READ);
        routes.patch(BASE + "/{name}", ctx -> {
            JsonNode body = body(ctx, config.maxRequestBytes());
            UpdateDeploymentRequest request = WireRequests.read(body, UpdateDeploymentRequest.class, true);
            PolicyJson.Changes sent = PolicyJson.Changes.sentIn(body);
            writeStatus(ctx, serving.deployments().update(ctx.pathParam("name"),
                    current -> serving.checked(DeploymentWire.policy(request, sent, current))));
        }, Role.WRITE);
        routes.delete(BASE + "/{name}", ctx -> {
            serving.deployments().delete(ctx.pathParam("name"));
            ctx.json(new EmptyDeploymentResponse());
        }, Role.WRITE);
        routes.get(BASE + "/{name}/history", ctx -> ctx.json(historyJson(serving.deployments().get(ctx.pathParam("name")))), Role.READ);
        routes.post(BASE + "/{name}/rollback", ctx -> writeStatus(ctx, serving.deployments().rollback(ctx.pathParam("name"))), Role.WRITE);
        routes.post(BASE + "/{name}/feedback", ctx -> {
            FeedbackRequest request = WireRequests.read(body(ctx, config.maxRequestBytes()), FeedbackRequest.class, false);
            serving.attachFeedback(ctx.pathParam("name"), request.requestId(), DeploymentWire.label(request));
            ctx.json(new EmptyDeploymentResponse());
        }, Role.WRITE);
    }

    @Override
    public List<DataPlaneRoute> dataPlaneRoutes() {
        return List.of(new DataPlaneRoute(BASE + "/{name}/invocations", Role.READ, this::invoke));
    }

    private DataPlaneRoute.Answer invoke(DataPlaneExchange exchange) throws IOException {
        String name = exchange.pathParam("name");
        InferenceService inference = serving.inference();
        ModelSignature signature = inference.signature(name, null);
        String contentType = exchange.contentType() == null ? "application/json" : exchange.contentType().toLowerCase();
        if (contentType.contains("charset") && !contentType.contains("utf-8")) {
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "Only charset utf-8 is accepted, got " + exchange.contentType());
        }
        List<Tensor> inputs;
        byte[] body = limitedBody(exchange.contentLength(), exchange::body, config.maxRequestBytes());
        if (contentType.startsWith("text/csv")) {
            // a CSV of entity keys only is enriched from the online store, as the same rows sent as JSON records are
            ScoringProtocol.Frame frame = ScoringProtocol.csvFrame(new String(body, StandardCharsets.UTF_8));
            List<Tensor> entities = inference.features(name) == null ? null : ScoringProtocol.entityColumns(frame, signature);
            inputs = entities != null ? entities : ScoringProtocol.frameTensors(frame, signature);
        } else if (contentType.startsWith("application/json")) {
            JsonNode json = ScoringProtocol.parse(body);
            List<Tensor> entities = inference.features(name) == null ? null : ScoringProtocol.entityColumns(json, signature);
            inputs = entities != null ? entities : ScoringProtocol.readJson(json, signature);
        } else {
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "Content type " + exchange.contentType()
                    + " is not supported; send application/json or text/csv");
        }
        String requestId = inference.requestId(exchange.header("X-Request-ID"));
        InferenceResult result = InferenceRoutes.withRetryAfter(exchange, () -> inference.infer(name, null, inputs, requestId,
                exchange::header));
        exchange.answerHeader("X-Request-ID", result.requestId());
        exchange.answerHeader("X-Model-Version", result.version());
        return new DataPlaneRoute.Answer("application/json", ScoringProtocol.predictionsJson(result.outputs(), signature, result.dict()));
    }

    /** The client's {@code X-Request-ID} when short and not blank, else a generated one. */
    /** The body, refused with 413 naming the limit when over {@code serving.max-request-size}. */
    static byte[] limitedBody(long contentLength, Supplier<byte[]> read, long maxBytes) {
        if (contentLength > maxBytes) {
            throw tooLarge(contentLength, maxBytes);
        }
        byte[] body = read.get();
        if (body.length > maxBytes) {
            throw tooLarge(body.length, maxBytes);
        }
        return body;
    }

    private static MlforgeException tooLarge(long size, long maxBytes) {
        return new MlforgeException(ErrorCode.RESOURCE_EXHAUSTED, "The request body has " + size
                + " bytes, over the limit of " + maxBytes + " (serving.max-request-size)");
    }

    static JsonNode body(Context ctx, long maxBytes) {
        return jsonObject(limitedBody(ctx.contentLength(), ctx::bodyAsBytes, maxBytes));
    }

    private static JsonNode jsonObject(byte[] bytes) {
        try {
            JsonNode node = Json.mapper().readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new MlforgeException(ErrorCode.BAD_REQUEST, "The request body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "Cannot read the request body: " + e.getMessage());
        }
    }

    /** The current policy and the earlier ones, newest first: what successive rollbacks restore, in order. */
    private static DeploymentHistory historyJson(DeploymentStatus status) {
        return DeploymentWire.history(status.deployment());
    }

    private static void writeStatus(Context ctx, DeploymentStatus status) {
        ctx.json(DeploymentWire.response(status));
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag deployments = ApiDoc.tag("Deployments");
        ApiDoc.Tag serving = ApiDoc.tag("Serving");
        return List.of(
                deployments.get(BASE, "List deployments").response(ListDeploymentsResponse.class),
                deployments.post(BASE, "Create a deployment").request(CreateDeploymentRequest.class)
                        .response(DeploymentResponse.class).also(404, "").also(409, "")
                        .describedAs("Loads the primary model (and canary and shadow) before answering; unknown fields are refused."),
                deployments.delete(BASE + "/{name}", "Delete a deployment").response(EmptyDeploymentResponse.class),
                deployments.get(BASE + "/{name}", "Get a deployment").response(DeploymentResponse.class),
                deployments.patch(BASE + "/{name}", "Change the traffic policy")
                        .request(UpdateDeploymentRequest.class).response(DeploymentResponse.class)
                        .describedAs("An absent field keeps its value; an explicit null removes canary, shadow or sticky_header."),
                deployments.post(BASE + "/{name}/feedback", "Attach the ground truth of a logged prediction")
                        .request(FeedbackRequest.class).response(EmptyDeploymentResponse.class),
                deployments.get(BASE + "/{name}/history", "The current and earlier traffic policies, newest first")
                        .response(DeploymentHistory.class),
                serving.post(BASE + "/{name}/invocations", "Score rows in MLflow's scoring format")
                        .request(ScoringRequest.class).orRequest("text/csv").response(ScoringResponse.class)
                        .status(200, "The predictions; headers X-Request-ID and X-Model-Version name the answer")
                        .also(413, "").also(429, "").also(503, ""),
                deployments.post(BASE + "/{name}/rollback", "Restore the previous traffic policy")
                        .response(DeploymentResponse.class).also(409, ""));
    }
}
