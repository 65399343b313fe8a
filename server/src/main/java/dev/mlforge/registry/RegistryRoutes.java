package dev.mlforge.registry;

import dev.mlforge.api.registry.ApprovalRule;
import dev.mlforge.api.registry.CreateTransitionRequest;
import dev.mlforge.api.registry.DecideTransitionRequest;
import dev.mlforge.api.registry.ModelVersionDetails;
import dev.mlforge.api.registry.ResolvedModelFiles;
import dev.mlforge.api.registry.TransitionRequest;
import dev.mlforge.api.registry.VersionHistory;
import dev.mlforge.api.registry.VersionVerification;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlflowRequest;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static dev.mlforge.http.MlflowRequest.required;

/**
 * The platform's registry API beyond MLflow: version details (flavors, signature), history, integrity verification,
 * approval rules and transition requests, and lineage.
 */
final class RegistryRoutes implements dev.mlforge.http.Routes {
    private static final String VERSION = "/api/v1/registry/models/{name}/versions/{version}";
    private static final String REQUESTS = "/api/v1/registry/transition-requests";

    private final RegistryService registry;
    private final ApprovalService approvals;
    private final LineageService lineage;
    private final ModelUriResolver resolver;

    RegistryRoutes(RegistryService registry, ApprovalService approvals, LineageService lineage, ModelUriResolver resolver) {
        this.registry = registry;
        this.approvals = approvals;
        this.lineage = lineage;
        this.resolver = resolver;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(VERSION, ctx -> {
            ModelVersionEntity version = registry.getModelVersion(ctx.pathParam("name"), ctx.pathParam("version"));
            ModelMetadata metadata = registry.metadata(version.name(), String.valueOf(version.version()));
            ctx.json(new ModelVersionDetails.Response(RegistryWire.versionDetails(version, metadata)));
        }, Role.READ);
        routes.get(VERSION + "/history", ctx -> ctx.json(new VersionHistory(registry.history(ctx.pathParam("name"),
                ctx.pathParam("version")).stream().map(RegistryWire::event).toList())), Role.READ);
        routes.get(VERSION + "/verify", ctx -> {
            ModelVersionEntity version = registry.getModelVersion(ctx.pathParam("name"), ctx.pathParam("version"));
            ctx.json(RegistryWire.verification(version,
                    registry.verify(version.name(), String.valueOf(version.version()))));
        }, Role.READ);
        routes.put("/api/v1/registry/models/{name}/approval-rule", ctx -> {
            dev.mlforge.api.registry.ApprovalRule rule = MlflowRequest.read(ctx, dev.mlforge.api.registry.ApprovalRule.class);
            ctx.json(RegistryWire.rule(approvals.putRule(ctx.pathParam("name"), rule.protectedStages(),
                    rule.protectedAliases(), rule.gates(), Boolean.TRUE.equals(rule.requireSecondApprover()),
                    Requesters.of(ctx))));
        }, Role.ADMIN);
        routes.get("/api/v1/registry/models/{name}/approval-rule", ctx ->
                ctx.json(RegistryWire.rule(approvals.getRule(ctx.pathParam("name")))), Role.READ);
        addRequestRoutes(routes);
        routes.get("/api/v1/lineage", this::lineage, Role.READ);
        routes.get("/api/v1/registry/resolve", this::resolve, Role.READ);
    }

    /** A model URI resolved and verified as a deployment resolves it, with its files' digests (batch scoring). */
    private void resolve(Context ctx) {
        String uri = ctx.queryParam("model_uri");
        if (uri == null || uri.isBlank()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'model_uri'.");
        }
        ModelUriResolver.ResolvedUri resolved = resolver.resolve(uri);
        ctx.json(new ResolvedModelFiles(resolved.uri(), resolved.modelName(), resolved.version(), resolved.storagePath(),
                registry.files(resolved).stream()
                        .map(file -> new ResolvedModelFiles.File(file.path(), file.sha256(), file.size())).toList()));
    }

    private void addRequestRoutes(RoutesConfig routes) {
        routes.post(REQUESTS, ctx -> {
            CreateTransitionRequest request = MlflowRequest.read(ctx, CreateTransitionRequest.class);
            ctx.status(201).json(RegistryWire.request(approvals.createRequest(required(request.name(), "name"),
                    required(request.version(), "version"), request.stage(), request.alias(),
                    Boolean.TRUE.equals(request.archiveExistingVersions()), request.comment(), Requesters.of(ctx))));
        }, Role.WRITE);
        routes.get(REQUESTS, ctx -> ctx.json(new TransitionRequest.Page(approvals.listRequests(ctx.queryParam("name"),
                ctx.queryParam("status")).stream().map(RegistryWire::request).toList())), Role.READ);
        routes.get(REQUESTS + "/{id}", ctx -> ctx.json(RegistryWire.request(approvals.getRequest(requestId(ctx)))), Role.READ);
        routes.post(REQUESTS + "/{id}/approve", ctx -> ctx.json(RegistryWire.request(approvals.approve(requestId(ctx),
                Requesters.actor(ctx), MlflowRequest.read(ctx, DecideTransitionRequest.class).comment()))), Role.WRITE);
        routes.post(REQUESTS + "/{id}/reject", ctx -> ctx.json(RegistryWire.request(approvals.reject(requestId(ctx),
                Requesters.of(ctx), MlflowRequest.read(ctx, DecideTransitionRequest.class).comment()))), Role.WRITE);
    }

    private void lineage(Context ctx) {
        String model = ctx.queryParam("model");
        String digest = ctx.queryParam("dataset_digest");
        String loggedModel = ctx.queryParam("logged_model_id");
        if (Stream.of(model, digest, loggedModel).filter(Objects::nonNull).count() != 1) {
            throw MlforgeException.invalidParameter("Give one of 'model' (with 'version'), 'dataset_digest' or 'logged_model_id'");
        }
        LineageGraph graph;
        if (loggedModel != null) {
            graph = lineage.ofLoggedModel(loggedModel);
        } else if (model != null) {
            String version = ctx.queryParam("version");
            if (version == null || version.isEmpty()) {
                throw MlflowRequest.missing("version");
            }
            graph = lineage.ofVersion(model, version);
        } else {
            graph = lineage.ofDataset(digest);
        }
        ctx.json(graph);
    }

    private static long requestId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw MlforgeException.invalidParameter("Transition request id must be an integer, got '" + ctx.pathParam("id") + "'");
        }
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag lineage = ApiDoc.tag("Lineage");
        ApiDoc.Tag governance = ApiDoc.tag("Registry governance");
        String rule = "/api/v1/registry/models/{name}/approval-rule";
        return List.of(
                lineage.get("/api/v1/lineage", "The lineage graph around a model version, run or dataset")
                        .query("model", "a registered model (with version)").query("version", "the model's version")
                        .query("dataset_digest", "a dataset version's digest")
                        .query("logged_model_id", "a logged model").response(LineageGraph.class).also(404, ""),
                governance.get(rule, "A model's approval rule").response(ApprovalRule.class),
                governance.put(rule, "Set a model's approval rule").request(ApprovalRule.class).response(ApprovalRule.class),
                governance.get(VERSION, "A version with its lineage").response(ModelVersionDetails.Response.class),
                governance.get(VERSION + "/history", "A version's stage and alias history").response(VersionHistory.class),
                governance.get(VERSION + "/verify", "Check a version's files against their recorded digests")
                        .response(VersionVerification.class),
                governance.get("/api/v1/registry/resolve", "Resolve a model URI as a deployment does (verified), with the "
                        + "SHA-256 of each of its files").requiredQuery("model_uri", "a model URI: by version, alias or stage "
                        + "(models scheme), a logged model (m-<id>) or a run path (runs scheme).")
                        .response(ResolvedModelFiles.class).also(404, "").also(409, ""),
                governance.get(REQUESTS, "List transition requests").query("name", "only this model's requests")
                        .query("status", "only requests in this status")
                        .response(TransitionRequest.Page.class).also(404, ""),
                governance.post(REQUESTS, "Request a stage or alias change").request(CreateTransitionRequest.class)
                        .response(TransitionRequest.class).also(404, ""),
                governance.get(REQUESTS + "/{id}", "Get a transition request").response(TransitionRequest.class),
                governance.post(REQUESTS + "/{id}/approve", "Approve a transition request")
                        .request(DecideTransitionRequest.class).response(TransitionRequest.class),
                governance.post(REQUESTS + "/{id}/reject", "Reject a transition request")
                        .request(DecideTransitionRequest.class).response(TransitionRequest.class));
    }
}
