package dev.mlforge.tracking;

import dev.mlforge.api.EmptyResponse;
import dev.mlforge.api.tracking.CreateLoggedModelRequest;
import dev.mlforge.api.tracking.FinalizeLoggedModelRequest;
import dev.mlforge.api.tracking.LogLoggedModelParamsRequest;
import dev.mlforge.api.tracking.LoggedModelParameter;
import dev.mlforge.api.tracking.LoggedModelResponse;
import dev.mlforge.api.tracking.LoggedModelTag;
import dev.mlforge.api.tracking.SearchLoggedModelsRequest;
import dev.mlforge.api.tracking.SearchLoggedModelsResponse;
import dev.mlforge.api.tracking.SetLoggedModelTagsRequest;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlflowRequest;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import dev.mlforge.search.ResultPage;
import io.javalin.config.RoutesConfig;
import java.util.List;

import static dev.mlforge.http.MlflowRequest.required;
import static dev.mlforge.http.MlflowRequest.requiredMayBeEmpty;

/** MLflow 3's logged-model endpoints under {@code /api/2.0/mlflow/logged-models} (and {@code /ajax-api/}). */
public final class LoggedModelRoutes implements Routes {
    private static final List<String> PREFIXES = List.of("/api/2.0/mlflow/logged-models", "/ajax-api/2.0/mlflow/logged-models");
    private static final EmptyResponse EMPTY = EmptyResponse.INSTANCE;

    private final LoggedModelService service;

    public LoggedModelRoutes(LoggedModelService service) {
        this.service = service;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        for (String prefix : PREFIXES) {
            routes.post(prefix, ctx -> {
                CreateLoggedModelRequest request = MlflowRequest.read(ctx, CreateLoggedModelRequest.class);
                ctx.json(response(service.create(required(request.experimentId(), "experiment_id"), request.name(),
                        request.modelType(), request.sourceRunId(), params(request.params()), tags(request.tags()))));
            }, Role.WRITE);
            routes.post(prefix + "/search", ctx -> ctx.json(search(MlflowRequest.read(ctx, SearchLoggedModelsRequest.class))),
                    Role.READ);
            routes.get(prefix + "/{model_id}", ctx -> ctx.json(response(service.get(ctx.pathParam("model_id"),
                    "true".equalsIgnoreCase(ctx.queryParam("allow_deleted"))))), Role.READ);
            routes.patch(prefix + "/{model_id}", ctx -> {
                FinalizeLoggedModelRequest request = MlflowRequest.read(ctx, FinalizeLoggedModelRequest.class);
                ctx.json(response(service.finalizeModel(ctx.pathParam("model_id"), required(request.status(), "status"),
                        request.statusMessage())));
            }, Role.WRITE);
            routes.delete(prefix + "/{model_id}", ctx -> {
                service.delete(ctx.pathParam("model_id"));
                ctx.json(EMPTY);
            }, Role.WRITE);
            routes.patch(prefix + "/{model_id}/tags", ctx -> {
                SetLoggedModelTagsRequest request = MlflowRequest.read(ctx, SetLoggedModelTagsRequest.class);
                service.setTags(ctx.pathParam("model_id"), tags(request.tags()));
                ctx.json(EMPTY);
            }, Role.WRITE);
            routes.delete(prefix + "/{model_id}/tags/{tag_key}", ctx -> {
                service.deleteTag(ctx.pathParam("model_id"), ctx.pathParam("tag_key"));
                ctx.json(EMPTY);
            }, Role.WRITE);
            routes.post(prefix + "/{model_id}/params", ctx -> {
                LogLoggedModelParamsRequest request = MlflowRequest.read(ctx, LogLoggedModelParamsRequest.class);
                service.logParams(ctx.pathParam("model_id"), params(request.params()));
                ctx.json(EMPTY);
            }, Role.WRITE);
        }
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag loggedModels = ApiDoc.tag("MLflow logged models");
        String base = PREFIXES.get(0);
        String one = base + "/{model_id}";
        return List.of(
                loggedModels.post(base, "Create a logged model")
                        .request(CreateLoggedModelRequest.class).response(LoggedModelResponse.class),
                loggedModels.post(base + "/search", "Search logged models")
                        .request(SearchLoggedModelsRequest.class).response(SearchLoggedModelsResponse.class),
                loggedModels.get(one, "Get a logged model")
                        .query("allow_deleted", "true to answer a deleted model too")
                        .response(LoggedModelResponse.class),
                loggedModels.patch(one, "Finalize a logged model (set its status)")
                        .request(FinalizeLoggedModelRequest.class).response(LoggedModelResponse.class),
                loggedModels.delete(one, "Delete a logged model").response(EmptyResponse.class),
                loggedModels.patch(one + "/tags", "Set tags on a logged model")
                        .request(SetLoggedModelTagsRequest.class).response(EmptyResponse.class),
                loggedModels.delete(one + "/tags/{tag_key}", "Delete a tag of a logged model").response(EmptyResponse.class),
                loggedModels.post(one + "/params", "Log params of a logged model")
                        .request(LogLoggedModelParamsRequest.class).response(EmptyResponse.class));
    }

    private SearchLoggedModelsResponse search(SearchLoggedModelsRequest request) {
        List<LoggedModelSearch.DatasetScope> datasets = request.datasets().stream()
                .map(dataset -> new LoggedModelSearch.DatasetScope(dataset.datasetName(),
                        dataset.datasetDigest() == null || dataset.datasetDigest().isEmpty() ? null : dataset.datasetDigest(),
                        true))
                .toList();
        List<LoggedModelService.OrderItem> order = request.orderBy().stream()
                .map(item -> new LoggedModelService.OrderItem(item.fieldName(), item.ascending() == null || item.ascending(),
                        item.datasetName(), item.datasetDigest()))
                .toList();
        ResultPage<LoggedModelEntity> page = service.search(request.experimentIds(), request.filter(), datasets, order,
                request.maxResults(), request.pageToken());
        return new SearchLoggedModelsResponse(TrackingWire.orNull(page.items().stream().map(LoggedModelWire::model).toList()),
                page.nextPageToken());
    }

    private static LoggedModelResponse response(LoggedModelEntity model) {
        return new LoggedModelResponse(LoggedModelWire.model(model));
    }

    private static List<ParamEntity> params(List<LoggedModelParameter> params) {
        return params.stream().map(param -> new ParamEntity(required(param.key(), "key"),
                requiredMayBeEmpty(param.value(), "value"))).toList();
    }

    private static List<Tag> tags(List<LoggedModelTag> tags) {
        return tags.stream().map(tag -> new Tag(required(tag.key(), "key"), requiredMayBeEmpty(tag.value(), "value"))).toList();
    }
}
