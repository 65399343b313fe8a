package dev.mlforge.registry;

import dev.mlforge.http.MlflowRequest;
import dev.mlforge.models.MlModel;
import dev.mlforge.http.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;

/** MLflow's REST API 2.0 model registry, under {@code /api/2.0/mlflow/} and the UI's {@code /ajax-api/2.0/mlflow/}. */
final class MlflowRegistryRoutes implements dev.mlforge.http.Routes {
    private static final String[] PREFIXES = {"/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/"};

    private final RegistryService registry;

    MlflowRegistryRoutes(RegistryService registry) {
        this.registry = registry;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        for (String prefix : PREFIXES) {
            routes.post(prefix + "registered-models/create", this::createRegisteredModel, Role.WRITE);
            routes.post(prefix + "registered-models/rename", ctx -> {
                MlflowRequest request = MlflowRequest.of(ctx);
                ctx.json(Map.of("registered_model", RegistryJson.registeredModel(registry.renameRegisteredModel(
                        request.requiredString("name"), request.requiredString("new_name")))));
            }, Role.WRITE);
            routes.patch(prefix + "registered-models/update", ctx -> {
                MlflowRequest request = MlflowRequest.of(ctx);
                ctx.json(Map.of("registered_model", RegistryJson.registeredModel(registry.updateRegisteredModel(
                        request.requiredString("name"), request.optionalString("description")))));
            }, Role.WRITE);
            routes.delete(prefix + "registered-models/delete", empty(request ->
                    registry.deleteRegisteredModel(request.requiredString("name"))), Role.WRITE);
            routes.get(prefix + "registered-models/get", ctx -> ctx.json(Map.of("registered_model",
                    RegistryJson.registeredModel(registry.getRegisteredModel(MlflowRequest.of(ctx).requiredString("name"))))), Role.READ);
            routes.get(prefix + "registered-models/search", this::searchRegisteredModels, Role.READ);
            routes.post(prefix + "registered-models/search", this::searchRegisteredModels, Role.READ);
            routes.get(prefix + "registered-models/get-latest-versions", this::latestVersions, Role.READ);
            routes.post(prefix + "registered-models/get-latest-versions", this::latestVersions, Role.READ);
            routes.post(prefix + "registered-models/set-tag", empty(request -> registry.setRegisteredModelTag(
                    request.requiredString("name"), request.requiredString("key"), value(request))), Role.WRITE);
            routes.delete(prefix + "registered-models/delete-tag", empty(request -> registry.deleteRegisteredModelTag(
                    request.requiredString("name"), request.requiredString("key"))), Role.WRITE);
            routes.post(prefix + "registered-models/alias", ctx -> {
                MlflowRequest request = MlflowRequest.of(ctx);
                registry.setAlias(request.requiredString("name"), request.requiredString("alias"),
                        request.requiredString("version"), Requesters.of(ctx));
                ctx.json(Map.of());
            }, Role.WRITE);
            routes.delete(prefix + "registered-models/alias", ctx -> {
                MlflowRequest request = MlflowRequest.of(ctx);
                registry.deleteAlias(request.requiredString("name"), request.requiredString("alias"), Requesters.of(ctx));
                ctx.json(Map.of());
            }, Role.WRITE);
            routes.get(prefix + "registered-models/alias", ctx -> {
                MlflowRequest request = MlflowRequest.of(ctx);
                ctx.json(Map.of("model_version", RegistryJson.modelVersion(registry.getModelVersionByAlias(
                        request.requiredString("name"), request.requiredString("alias")))));
            }, Role.READ);
            addVersionRoutes(routes, prefix);
        }
        routes.get("/model-versions/get-artifact", this::getArtifact, Role.READ);
        routes.get("/ajax-api/2.0/mlflow/model-versions/get-artifact", this::getArtifact, Role.READ);
    }

    private void addVersionRoutes(RoutesConfig routes, String prefix) {
        routes.post(prefix + "model-versions/create", ctx -> {
            MlflowRequest request = MlflowRequest.of(ctx);
            ctx.json(Map.of("model_version", RegistryJson.modelVersion(registry.createModelVersion(
                    request.requiredString("name"), request.requiredString("source"), request.optionalString("run_id"),
                    RegistryJson.tags(request), request.optionalString("run_link"), request.optionalString("description"),
                    Requesters.of(ctx)))));
        }, Role.WRITE);
        routes.get(prefix + "model-versions/get", ctx -> {
            MlflowRequest request = MlflowRequest.of(ctx);
            ctx.json(Map.of("model_version", RegistryJson.modelVersion(registry.getModelVersion(
                    request.requiredString("name"), request.requiredString("version")))));
        }, Role.READ);
        routes.patch(prefix + "model-versions/update", ctx -> {
            MlflowRequest request = MlflowRequest.of(ctx);
            ctx.json(Map.of("model_version", RegistryJson.modelVersion(registry.updateModelVersion(
                    request.requiredString("name"), request.requiredString("version"), request.optionalString("description")))));
        }, Role.WRITE);
        routes.delete(prefix + "model-versions/delete", empty(request ->
                registry.deleteModelVersion(request.requiredString("name"), request.requiredString("version"))), Role.WRITE);
        routes.get(prefix + "model-versions/search", this::searchModelVersions, Role.READ);
        routes.post(prefix + "model-versions/search", this::searchModelVersions, Role.READ);
        routes.post(prefix + "model-versions/transition-stage", ctx -> {
            MlflowRequest request = MlflowRequest.of(ctx);
            Boolean archive = request.optionalBoolean("archive_existing_versions");
            if (archive == null) {
                throw MlflowRequest.missing("archive_existing_versions");
            }
            ctx.json(Map.of("model_version", RegistryJson.modelVersion(registry.transitionStage(
                    request.requiredString("name"), request.requiredString("version"), request.requiredString("stage"),
                    archive, Requesters.of(ctx)))));
        }, Role.WRITE);
        routes.get(prefix + "model-versions/get-download-uri", ctx -> {
            MlflowRequest request = MlflowRequest.of(ctx);
            ctx.json(Map.of("artifact_uri", registry.getDownloadUri(request.requiredString("name"), request.requiredString("version"))));
        }, Role.READ);
        routes.post(prefix + "model-versions/set-tag", empty(request -> registry.setModelVersionTag(
                request.requiredString("name"), request.requiredString("version"), request.requiredString("key"), value(request))), Role.WRITE);
        routes.delete(prefix + "model-versions/delete-tag", empty(request -> registry.deleteModelVersionTag(
                request.requiredString("name"), request.requiredString("version"), request.requiredString("key"))), Role.WRITE);
    }

    private void createRegisteredModel(Context ctx) {
        MlflowRequest request = MlflowRequest.of(ctx);
        ctx.json(Map.of("registered_model", RegistryJson.registeredModel(registry.createRegisteredModel(
                request.requiredString("name"), request.optionalString("description"), RegistryJson.tags(request),
                Requesters.of(ctx)))));
    }

    private void searchRegisteredModels(Context ctx) {
        MlflowRequest request = MlflowRequest.of(ctx);
        Page<RegisteredModel> page = registry.searchRegisteredModels(request.optionalString("filter"),
                request.optionalInt("max_results"), request.stringList("order_by"), request.optionalString("page_token"));
        ctx.json(RegistryJson.page("registered_models",
                page.items().stream().map(RegistryJson::registeredModel).toList(), page.nextPageToken()));
    }

    private void searchModelVersions(Context ctx) {
        MlflowRequest request = MlflowRequest.of(ctx);
        Page<ModelVersion> page = registry.searchModelVersions(request.optionalString("filter"),
                request.optionalInt("max_results"), request.stringList("order_by"), request.optionalString("page_token"));
        ctx.json(RegistryJson.page("model_versions",
                page.items().stream().map(RegistryJson::modelVersion).toList(), page.nextPageToken()));
    }

    private void latestVersions(Context ctx) {
        MlflowRequest request = MlflowRequest.of(ctx);
        ctx.json(RegistryJson.page("model_versions", registry.getLatestVersions(request.requiredString("name"),
                request.stringList("stages")).stream().map(RegistryJson::modelVersion).toList(), null));
    }

    private void getArtifact(Context ctx) {
        MlflowRequest request = MlflowRequest.of(ctx);
        String path = request.requiredString("path");
        java.io.InputStream content = registry.openArtifact(request.requiredString("name"), request.requiredString("version"), path);
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName.replace("\"", "") + "\"");
        ctx.contentType(fileName.equals(MlModel.FILE_NAME) || fileName.endsWith(".txt") || fileName.endsWith(".yaml")
                ? "text/plain; charset=utf-8" : "application/octet-stream");
        ctx.result(content);
    }

    /** The MLflow {@code value} of a set-tag call: required, but may be the empty string. */
    private static String value(MlflowRequest request) {
        String value = request.optionalString("value");
        if (value == null) {
            throw MlflowRequest.missing("value");
        }
        return value;
    }

    private interface Action {
        void run(MlflowRequest request);
    }

    private static Handler empty(Action action) {
        return ctx -> {
            action.run(MlflowRequest.of(ctx));
            ctx.json(Map.of());
        };
    }
}
