package dev.mlforge.registry;

import dev.mlforge.api.EmptyResponse;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.search.ResultPage;
import dev.mlforge.api.registry.CreateModelVersionRequest;
import dev.mlforge.api.registry.CreateRegisteredModelRequest;
import dev.mlforge.api.registry.DeleteModelVersionTagRequest;
import dev.mlforge.api.registry.DeleteRegisteredModelAliasRequest;
import dev.mlforge.api.registry.DeleteRegisteredModelTagRequest;
import dev.mlforge.api.registry.GetLatestVersionsRequest;
import dev.mlforge.api.registry.GetLatestVersionsResponse;
import dev.mlforge.api.registry.GetModelVersionArtifactRequest;
import dev.mlforge.api.registry.GetModelVersionByAliasRequest;
import dev.mlforge.api.registry.GetModelVersionDownloadUriResponse;
import dev.mlforge.api.registry.ModelVersionIdRequest;
import dev.mlforge.api.registry.ModelVersionResponse;
import dev.mlforge.api.registry.ModelVersionTag;
import dev.mlforge.api.registry.RegisteredModelNameRequest;
import dev.mlforge.api.registry.RegisteredModelResponse;
import dev.mlforge.api.registry.RegisteredModelTag;
import dev.mlforge.api.registry.RenameRegisteredModelRequest;
import dev.mlforge.api.registry.SearchModelVersionsRequest;
import dev.mlforge.api.registry.SearchModelVersionsResponse;
import dev.mlforge.api.registry.SearchRegisteredModelsRequest;
import dev.mlforge.api.registry.SearchRegisteredModelsResponse;
import dev.mlforge.api.registry.SetModelVersionTagRequest;
import dev.mlforge.api.registry.SetRegisteredModelAliasRequest;
import dev.mlforge.api.registry.SetRegisteredModelTagRequest;
import dev.mlforge.api.registry.TransitionModelVersionStageRequest;
import dev.mlforge.api.registry.UpdateModelVersionRequest;
import dev.mlforge.api.registry.UpdateRegisteredModelRequest;
import dev.mlforge.http.MlflowRequest;
import dev.mlforge.models.MlModel;
import dev.mlforge.http.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;

import static dev.mlforge.http.MlflowRequest.required;
import static dev.mlforge.http.MlflowRequest.requiredMayBeEmpty;

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
            routes.post(prefix + "registered-models/rename", json(RenameRegisteredModelRequest.class, (ctx, request) ->
                    new RegisteredModelResponse(RegistryWire.registeredModel(registry.renameRegisteredModel(
                            required(request.name(), "name"), required(request.newName(), "new_name"))))), Role.WRITE);
            routes.patch(prefix + "registered-models/update", json(UpdateRegisteredModelRequest.class, (ctx, request) ->
                    new RegisteredModelResponse(RegistryWire.registeredModel(registry.updateRegisteredModel(
                            required(request.name(), "name"), request.description())))), Role.WRITE);
            routes.delete(prefix + "registered-models/delete", empty(RegisteredModelNameRequest.class, (ctx, request) ->
                    registry.deleteRegisteredModel(required(request.name(), "name"))), Role.WRITE);
            routes.get(prefix + "registered-models/get", json(RegisteredModelNameRequest.class, (ctx, request) ->
                    new RegisteredModelResponse(RegistryWire.registeredModel(
                            registry.getRegisteredModel(required(request.name(), "name"))))), Role.READ);
            routes.get(prefix + "registered-models/search", this::searchRegisteredModels, Role.READ);
            routes.post(prefix + "registered-models/search", this::searchRegisteredModels, Role.READ);
            routes.get(prefix + "registered-models/get-latest-versions", this::latestVersions, Role.READ);
            routes.post(prefix + "registered-models/get-latest-versions", this::latestVersions, Role.READ);
            routes.post(prefix + "registered-models/set-tag", empty(SetRegisteredModelTagRequest.class, (ctx, request) ->
                    registry.setRegisteredModelTag(required(request.name(), "name"), required(request.key(), "key"),
                            requiredMayBeEmpty(request.value(), "value"))), Role.WRITE);
            routes.delete(prefix + "registered-models/delete-tag", empty(DeleteRegisteredModelTagRequest.class, (ctx, request) ->
                    registry.deleteRegisteredModelTag(required(request.name(), "name"), required(request.key(), "key"))),
                    Role.WRITE);
            routes.post(prefix + "registered-models/alias", empty(SetRegisteredModelAliasRequest.class, (ctx, request) ->
                    registry.setAlias(required(request.name(), "name"), required(request.alias(), "alias"),
                            required(request.version(), "version"), Requesters.of(ctx))), Role.WRITE);
            routes.delete(prefix + "registered-models/alias", empty(DeleteRegisteredModelAliasRequest.class, (ctx, request) ->
                    registry.deleteAlias(required(request.name(), "name"), required(request.alias(), "alias"),
                            Requesters.of(ctx))), Role.WRITE);
            routes.get(prefix + "registered-models/alias", json(GetModelVersionByAliasRequest.class, (ctx, request) ->
                    new ModelVersionResponse(RegistryWire.modelVersion(registry.getModelVersionByAlias(
                            required(request.name(), "name"), required(request.alias(), "alias"))))), Role.READ);
            addVersionRoutes(routes, prefix);
        }
        routes.get("/model-versions/get-artifact", this::getArtifact, Role.READ);
        routes.get("/ajax-api/2.0/mlflow/model-versions/get-artifact", this::getArtifact, Role.READ);
    }

    private void addVersionRoutes(RoutesConfig routes, String prefix) {
        routes.post(prefix + "model-versions/create", json(CreateModelVersionRequest.class, (ctx, request) ->
                new ModelVersionResponse(RegistryWire.modelVersion(registry.createModelVersion(
                        required(request.name(), "name"), required(request.source(), "source"), request.runId(),
                        RegistryWire.tags(request.tags(), ModelVersionTag::key, ModelVersionTag::value),
                        request.runLink(), request.description(), Requesters.of(ctx), request.modelId())))), Role.WRITE);
        routes.get(prefix + "model-versions/get", json(ModelVersionIdRequest.class, (ctx, request) ->
                new ModelVersionResponse(RegistryWire.modelVersion(registry.getModelVersion(
                        required(request.name(), "name"), required(request.version(), "version"))))), Role.READ);
        routes.patch(prefix + "model-versions/update", json(UpdateModelVersionRequest.class, (ctx, request) ->
                new ModelVersionResponse(RegistryWire.modelVersion(registry.updateModelVersion(
                        required(request.name(), "name"), required(request.version(), "version"),
                        request.description())))), Role.WRITE);
        routes.delete(prefix + "model-versions/delete", empty(ModelVersionIdRequest.class, (ctx, request) ->
                registry.deleteModelVersion(required(request.name(), "name"), required(request.version(), "version"))),
                Role.WRITE);
        routes.get(prefix + "model-versions/search", this::searchModelVersions, Role.READ);
        routes.post(prefix + "model-versions/search", this::searchModelVersions, Role.READ);
        routes.post(prefix + "model-versions/transition-stage", json(TransitionModelVersionStageRequest.class, (ctx, request) ->
                new ModelVersionResponse(RegistryWire.modelVersion(registry.transitionStage(
                        required(request.name(), "name"), required(request.version(), "version"),
                        required(request.stage(), "stage"),
                        required(request.archiveExistingVersions(), "archive_existing_versions"),
                        Requesters.of(ctx))))), Role.WRITE);
        routes.get(prefix + "model-versions/get-download-uri", json(ModelVersionIdRequest.class, (ctx, request) ->
                new GetModelVersionDownloadUriResponse(registry.getDownloadUri(required(request.name(), "name"),
                        required(request.version(), "version")))), Role.READ);
        routes.post(prefix + "model-versions/set-tag", empty(SetModelVersionTagRequest.class, (ctx, request) ->
                registry.setModelVersionTag(required(request.name(), "name"), required(request.version(), "version"),
                        required(request.key(), "key"), requiredMayBeEmpty(request.value(), "value"))), Role.WRITE);
        routes.delete(prefix + "model-versions/delete-tag", empty(DeleteModelVersionTagRequest.class, (ctx, request) ->
                registry.deleteModelVersionTag(required(request.name(), "name"), required(request.version(), "version"),
                        required(request.key(), "key"))), Role.WRITE);
    }

    private void createRegisteredModel(Context ctx) {
        CreateRegisteredModelRequest request = MlflowRequest.read(ctx, CreateRegisteredModelRequest.class);
        ctx.json(new RegisteredModelResponse(RegistryWire.registeredModel(registry.createRegisteredModel(
                required(request.name(), "name"), request.description(),
                RegistryWire.tags(request.tags(), RegisteredModelTag::key, RegisteredModelTag::value),
                Requesters.of(ctx)))));
    }

    private void searchRegisteredModels(Context ctx) {
        SearchRegisteredModelsRequest request = MlflowRequest.read(ctx, SearchRegisteredModelsRequest.class);
        ResultPage<RegisteredModelEntity> page = registry.searchRegisteredModels(request.filter(), request.maxResults(),
                request.orderBy(), request.pageToken());
        ctx.json(new SearchRegisteredModelsResponse(
                RegistryWire.orNull(page.items().stream().map(RegistryWire::registeredModel).toList()), page.nextPageToken()));
    }

    private void searchModelVersions(Context ctx) {
        SearchModelVersionsRequest request = MlflowRequest.read(ctx, SearchModelVersionsRequest.class);
        ResultPage<ModelVersionEntity> page = registry.searchModelVersions(request.filter(), request.maxResults(),
                request.orderBy(), request.pageToken());
        ctx.json(new SearchModelVersionsResponse(
                RegistryWire.orNull(page.items().stream().map(RegistryWire::modelVersion).toList()), page.nextPageToken()));
    }

    private void latestVersions(Context ctx) {
        GetLatestVersionsRequest request = MlflowRequest.read(ctx, GetLatestVersionsRequest.class);
        ctx.json(new GetLatestVersionsResponse(RegistryWire.orNull(registry.getLatestVersions(required(request.name(), "name"),
                request.stages()).stream().map(RegistryWire::modelVersion).toList())));
    }

    private void getArtifact(Context ctx) {
        GetModelVersionArtifactRequest request = MlflowRequest.read(ctx, GetModelVersionArtifactRequest.class);
        String path = required(request.path(), "path");
        java.io.InputStream content = registry.openArtifact(required(request.name(), "name"),
                required(request.version(), "version"), path);
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName.replace("\"", "") + "\"");
        ctx.contentType(fileName.equals(MlModel.FILE_NAME) || fileName.endsWith(".txt") || fileName.endsWith(".yaml")
                ? "text/plain; charset=utf-8" : "application/octet-stream");
        ctx.result(content);
    }

    /** A route that reads its request record and answers the returned body. */
    private interface Action<R> {
        Object run(Context ctx, R request);
    }

    /** A route that reads its request record and answers an empty object. */
    private interface Command<R> {
        void run(Context ctx, R request);
    }

    private static <R extends Record> Handler json(Class<R> type, Action<R> action) {
        return ctx -> ctx.json(action.run(ctx, MlflowRequest.read(ctx, type)));
    }

    private static <R extends Record> Handler empty(Class<R> type, Command<R> command) {
        return ctx -> {
            command.run(ctx, MlflowRequest.read(ctx, type));
            ctx.json(EmptyResponse.INSTANCE);
        };
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag mlflowArtifacts = ApiDoc.tag("MLflow artifacts");
        ApiDoc.Tag mlflowRegistry = ApiDoc.tag("MLflow registry");
        List<ApiDoc> docs = new java.util.ArrayList<>(registeredModelDocs(mlflowRegistry, PREFIXES[0]));
        docs.addAll(versionDocs(mlflowRegistry, PREFIXES[0]));
        docs.add(mlflowArtifacts.get("/ajax-api/2.0/mlflow/model-versions/get-artifact", "Download a file of a model "
                        + "version's artifacts (the UI's ajax-api alias)")
                .requiredQuery("name", "the registered model's name")
                .requiredQuery("version", "the version")
                .requiredQuery("path", "the file's path in the version's artifacts")
                .response("application/octet-stream").also(404, ""));
        docs.add(mlflowArtifacts.get("/model-versions/get-artifact", "Download a file of a model version's artifacts")
                .requiredQuery("name", "the registered model's name")
                .requiredQuery("version", "the version")
                .requiredQuery("path", "the file's path in the version's artifacts")
                .response("application/octet-stream").also(404, ""));
        return docs;
    }

    private static List<ApiDoc> registeredModelDocs(ApiDoc.Tag tag, String prefix) {
        String models = prefix + "registered-models/";
        return List.of(
                tag.post(models + "create", "Create a registered model")
                        .request(CreateRegisteredModelRequest.class).response(RegisteredModelResponse.class),
                tag.post(models + "rename", "Rename a registered model")
                        .request(RenameRegisteredModelRequest.class).response(RegisteredModelResponse.class),
                tag.patch(models + "update", "Update a registered model")
                        .request(UpdateRegisteredModelRequest.class).response(RegisteredModelResponse.class),
                tag.delete(models + "delete", "Delete a registered model")
                        .request(RegisteredModelNameRequest.class).response(EmptyResponse.class),
                tag.get(models + "get", "Get a registered model")
                        .requiredQuery("name", "the registered model's name").response(RegisteredModelResponse.class),
                searchQuery(tag.get(models + "search", "Search registered models"))
                        .response(SearchRegisteredModelsResponse.class),
                tag.post(models + "search", "Search registered models")
                        .request(SearchRegisteredModelsRequest.class).response(SearchRegisteredModelsResponse.class),
                tag.get(models + "get-latest-versions", "Get the latest versions of a registered model")
                        .requiredQuery("name", "the registered model's name")
                        .query("stages", "a stage to answer the latest version of, repeated for more; all stages when absent")
                        .response(GetLatestVersionsResponse.class),
                tag.post(models + "get-latest-versions", "Get the latest versions of a registered model")
                        .request(GetLatestVersionsRequest.class).response(GetLatestVersionsResponse.class),
                tag.post(models + "set-tag", "Set a tag on a registered model")
                        .request(SetRegisteredModelTagRequest.class).response(EmptyResponse.class),
                tag.delete(models + "delete-tag", "Delete a tag of a registered model")
                        .request(DeleteRegisteredModelTagRequest.class).response(EmptyResponse.class),
                tag.post(models + "alias", "Set a registered model alias")
                        .request(SetRegisteredModelAliasRequest.class).response(EmptyResponse.class),
                tag.delete(models + "alias", "Delete a registered model alias")
                        .request(DeleteRegisteredModelAliasRequest.class).response(EmptyResponse.class),
                tag.get(models + "alias", "Get a model version by alias")
                        .requiredQuery("name", "the registered model's name")
                        .requiredQuery("alias", "the alias")
                        .response(ModelVersionResponse.class));
    }

    private static List<ApiDoc> versionDocs(ApiDoc.Tag tag, String prefix) {
        String versions = prefix + "model-versions/";
        return List.of(
                tag.post(versions + "create", "Create a model version")
                        .request(CreateModelVersionRequest.class).response(ModelVersionResponse.class),
                tag.get(versions + "get", "Get a model version")
                        .requiredQuery("name", "the registered model's name")
                        .requiredQuery("version", "the version")
                        .response(ModelVersionResponse.class),
                tag.patch(versions + "update", "Update a model version")
                        .request(UpdateModelVersionRequest.class).response(ModelVersionResponse.class),
                tag.delete(versions + "delete", "Delete a model version")
                        .request(ModelVersionIdRequest.class).response(EmptyResponse.class),
                searchQuery(tag.get(versions + "search", "Search model versions"))
                        .response(SearchModelVersionsResponse.class),
                tag.post(versions + "search", "Search model versions")
                        .request(SearchModelVersionsRequest.class).response(SearchModelVersionsResponse.class),
                tag.post(versions + "transition-stage", "Transition a model version's stage")
                        .request(TransitionModelVersionStageRequest.class).response(ModelVersionResponse.class),
                tag.get(versions + "get-download-uri", "Get the download URI of a model version's artifacts")
                        .requiredQuery("name", "the registered model's name")
                        .requiredQuery("version", "the version")
                        .response(GetModelVersionDownloadUriResponse.class),
                tag.post(versions + "set-tag", "Set a tag on a model version")
                        .request(SetModelVersionTagRequest.class).response(EmptyResponse.class),
                tag.delete(versions + "delete-tag", "Delete a tag of a model version")
                        .request(DeleteModelVersionTagRequest.class).response(EmptyResponse.class));
    }

    private static ApiDoc searchQuery(ApiDoc doc) {
        return doc.query("filter", "a search filter (name, tags...)")
                .query("max_results", "the most entries in one page")
                .query("order_by", "a sort key, repeated for more")
                .query("page_token", "the next_page_token of the previous page");
    }
}
