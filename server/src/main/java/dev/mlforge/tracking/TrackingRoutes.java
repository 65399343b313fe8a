package dev.mlforge.tracking;

import dev.mlforge.search.ResultPage;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.mlforge.api.EmptyResponse;
import dev.mlforge.api.tracking.CreateExperimentRequest;
import dev.mlforge.api.tracking.CreateRunRequest;
import dev.mlforge.api.tracking.DeleteTagRequest;
import dev.mlforge.api.tracking.ExperimentIdRequest;
import dev.mlforge.api.tracking.ExperimentTag;
import dev.mlforge.api.tracking.GetExperimentByNameRequest;
import dev.mlforge.api.tracking.GetMetricHistoryBulkIntervalRequest;
import dev.mlforge.api.tracking.GetMetricHistoryRequest;
import dev.mlforge.api.tracking.InputTag;
import dev.mlforge.api.tracking.LogBatchRequest;
import dev.mlforge.api.tracking.LogInputsRequest;
import dev.mlforge.api.tracking.LogMetricRequest;
import dev.mlforge.api.tracking.LogModelRequest;
import dev.mlforge.api.tracking.LogOutputsRequest;
import dev.mlforge.api.tracking.LogParamRequest;
import dev.mlforge.api.tracking.RunIdRequest;
import dev.mlforge.api.tracking.RunTag;
import dev.mlforge.api.tracking.SearchExperimentsRequest;
import dev.mlforge.api.tracking.SearchRunsRequest;
import dev.mlforge.api.tracking.SetExperimentTagRequest;
import dev.mlforge.api.tracking.SetTagRequest;
import dev.mlforge.api.tracking.UpdateExperimentRequest;
import dev.mlforge.api.tracking.UpdateRunRequest;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.DataPlaneExchange;
import dev.mlforge.http.DataPlaneRoute;
import dev.mlforge.http.MlflowRequest;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import dev.mlforge.api.tracking.CreateExperimentResponse;
import dev.mlforge.api.tracking.CreateRunResponse;
import dev.mlforge.api.tracking.GetExperimentResponse;
import dev.mlforge.api.tracking.GetMetricHistoryBulkIntervalResponse;
import dev.mlforge.api.tracking.GetMetricHistoryResponse;
import dev.mlforge.api.tracking.GetRunResponse;
import dev.mlforge.api.tracking.SearchExperimentsResponse;
import dev.mlforge.api.tracking.SearchRunsResponse;
import dev.mlforge.api.tracking.UpdateRunResponse;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.mlforge.http.MlflowRequest.required;
import static dev.mlforge.http.MlflowRequest.requiredMayBeEmpty;

/** MLflow's tracking endpoints under {@code /api/2.0/mlflow/} and {@code /ajax-api/2.0/mlflow/}: request in, service call, wire record out. */
public final class TrackingRoutes implements Routes {
    private static final List<String> PREFIXES = List.of("/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/");
    private static final EmptyResponse EMPTY = EmptyResponse.INSTANCE;
    private static final DataPlaneRoute.Answer EMPTY_ANSWER = new DataPlaneRoute.Answer("application/json",
            "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private final TrackingService service;
    private final LoggedModelService loggedModels;

    public TrackingRoutes(TrackingService service, LoggedModelService loggedModels) {
        this.service = service;
        this.loggedModels = loggedModels;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        post(routes, "experiments/create", Role.WRITE, CreateExperimentRequest.class, request -> new CreateExperimentResponse(
                service.createExperiment(required(request.name(), "name"), request.artifactLocation(),
                        tags(request.tags(), ExperimentTag::key, ExperimentTag::value))));
        get(routes, "experiments/get", Role.READ, ExperimentIdRequest.class, request -> new GetExperimentResponse(
                TrackingWire.experiment(service.getExperiment(required(request.experimentId(), "experiment_id")))));
        get(routes, "experiments/get-by-name", Role.READ, GetExperimentByNameRequest.class, request -> new GetExperimentResponse(
                TrackingWire.experiment(service.getExperimentByName(required(request.experimentName(), "experiment_name")))));
        Function<SearchExperimentsRequest, Object> searchExperiments = request -> {
            ResultPage<ExperimentEntity> page = service.searchExperiments(request.filter(), request.orderBy(), request.viewType(),
                    request.maxResults(), request.pageToken());
            return new SearchExperimentsResponse(TrackingWire.orNull(page.items().stream().map(TrackingWire::experiment).toList()),
                    page.nextPageToken());
        };
        get(routes, "experiments/search", Role.READ, SearchExperimentsRequest.class, searchExperiments);
        post(routes, "experiments/search", Role.READ, SearchExperimentsRequest.class, searchExperiments);
        post(routes, "experiments/update", Role.WRITE, UpdateExperimentRequest.class, request -> {
            service.renameExperiment(required(request.experimentId(), "experiment_id"), request.newName());
            return EMPTY;
        });
        post(routes, "experiments/delete", Role.WRITE, ExperimentIdRequest.class, request -> {
            service.deleteExperiment(required(request.experimentId(), "experiment_id"));
            return EMPTY;
        });
        post(routes, "experiments/restore", Role.WRITE, ExperimentIdRequest.class, request -> {
            service.restoreExperiment(required(request.experimentId(), "experiment_id"));
            return EMPTY;
        });
        post(routes, "experiments/set-experiment-tag", Role.WRITE, SetExperimentTagRequest.class, request -> {
            service.setExperimentTag(required(request.experimentId(), "experiment_id"), required(request.key(), "key"),
                    request.value() == null ? "" : request.value());
            return EMPTY;
        });
        addRunRoutes(routes);
        addMetricRoutes(routes);
    }

    private void addRunRoutes(RoutesConfig routes) {
        post(routes, "runs/create", Role.WRITE, CreateRunRequest.class, request -> new CreateRunResponse(TrackingWire.run(
                service.createRun(request.experimentId(), request.userId(), request.runName(), request.startTime(),
                        tags(request.tags(), RunTag::key, RunTag::value)))));
        get(routes, "runs/get", Role.READ, RunIdRequest.class, request -> {
            RunEntity run = service.getRun(runId(request.runId()));
            String id = run.info().runId();
            return new GetRunResponse(TrackingWire.run(run, loggedModels.runInputs(id), loggedModels.runOutputs(id)));
        });
        post(routes, "runs/update", Role.WRITE, UpdateRunRequest.class, request -> new UpdateRunResponse(TrackingWire.runInfo(
                service.updateRun(runId(request.runId()), request.status(), request.endTime(), request.runName()))));
        post(routes, "runs/delete", Role.WRITE, RunIdRequest.class, request -> {
            service.deleteRun(runId(request.runId()));
            return EMPTY;
        });
        post(routes, "runs/restore", Role.WRITE, RunIdRequest.class, request -> {
            service.restoreRun(runId(request.runId()));
            return EMPTY;
        });
        post(routes, "runs/log-metric", Role.WRITE, LogMetricRequest.class, request -> {
            MetricEntity metric = metric(request.key(), request.value(), request.timestamp(), request.step());
            service.logMetric(runId(request.runId()), metric);
            if (request.modelId() != null && !request.modelId().isEmpty()) {
                loggedModels.logMetrics(List.of(new LoggedModelMetric(request.modelId(), request.runId(), metric,
                        request.datasetName(), request.datasetDigest())));
            }
            return EMPTY;
        });
        post(routes, "runs/log-parameter", Role.WRITE, LogParamRequest.class, request -> {
            service.logParam(runId(request.runId()), new ParamEntity(required(request.key(), "key"),
                    requiredMayBeEmpty(request.value(), "value")));
            return EMPTY;
        });
        post(routes, "runs/set-tag", Role.WRITE, SetTagRequest.class, request -> {
            service.setTag(runId(request.runId()), new Tag(required(request.key(), "key"),
                    requiredMayBeEmpty(request.value(), "value")));
            return EMPTY;
        });
        post(routes, "runs/delete-tag", Role.WRITE, DeleteTagRequest.class, request -> {
            service.deleteTag(runId(request.runId()), required(request.key(), "key"));
            return EMPTY;
        });
        // runs/log-batch is a data-plane route (see dataPlaneRoutes)
        post(routes, "runs/log-inputs", Role.WRITE, LogInputsRequest.class, request -> {
            service.logInputs(runId(request.runId()), request.datasets().stream().map(TrackingRoutes::datasetInput).toList());
            loggedModels.logRunInputs(request.runId(), request.models().stream()
                    .map(model -> required(model.modelId(), "model_id")).toList());
            return EMPTY;
        });
        post(routes, "runs/outputs", Role.WRITE, LogOutputsRequest.class, request -> {
            loggedModels.logRunOutputs(runId(request.runId()), request.models().stream().map(model -> new LoggedModelOutput(
                    required(model.modelId(), "model_id"), model.step() == null ? 0L : model.step())).toList());
            return EMPTY;
        });
        post(routes, "runs/log-model", Role.WRITE, LogModelRequest.class, request -> {
            service.logModel(runId(request.runId()), required(request.modelJson(), "model_json"));
            return EMPTY;
        });
        post(routes, "runs/search", Role.READ, SearchRunsRequest.class, request -> {
            ResultPage<RunEntity> page = service.searchRuns(request.experimentIds(), request.filter(), request.runViewType(),
                    request.maxResults(), request.orderBy(), request.pageToken());
            // MLflow 3 answers each run's model outputs ("outputs": {} when none), and no model inputs, in a search.
            Map<String, List<LoggedModelOutput>> outputs = loggedModels.runOutputs(
                    page.items().stream().map(run -> run.info().runId()).toList());
            return new SearchRunsResponse(TrackingWire.orNull(page.items().stream().map(run -> TrackingWire.run(run, List.of(),
                    outputs.getOrDefault(run.info().runId(), List.of()))).toList()), page.nextPageToken());
        });
    }

    /**
     * log-batch, the route ingest takes, answered ahead of Javalin's router when the request allows it (see
     * {@link DataPlaneRoute}). Its body is parsed once: the permission check reads the run from the route's parse.
     */
    @Override
    public List<DataPlaneRoute> dataPlaneRoutes() {
        return PREFIXES.stream().map(prefix -> new DataPlaneRoute(prefix + "runs/log-batch", Role.WRITE, true,
                this::logBatch)).toList();
    }

    private void addMetricRoutes(RoutesConfig routes) {
        get(routes, "metrics/get-history", Role.READ, GetMetricHistoryRequest.class, request -> {
            ResultPage<MetricEntity> page = service.metricHistory(runId(request.runId()), request.metricKey(),
                    request.maxResults(), request.pageToken());
            return new GetMetricHistoryResponse(TrackingWire.orNull(page.items().stream().map(TrackingWire::metric).toList()),
                    page.nextPageToken());
        });
        get(routes, "metrics/get-history-bulk-interval", Role.READ, GetMetricHistoryBulkIntervalRequest.class,
                request -> new GetMetricHistoryBulkIntervalResponse(TrackingWire.orNull(service.metricHistoryBulkInterval(
                                request.runIds(), request.metricKey(), request.startStep(), request.endStep(),
                                request.maxResults())
                        .stream().map(TrackingWire::metric).toList())));
    }

    /**
     * log-batch streams its metrics list (see {@link MlflowRequest#streaming}) and binds the rest of the body; a
     * "metrics" field that is not a list stays in the tree, and binding it answers MLflow's error.
     */
    private DataPlaneRoute.Answer logBatch(DataPlaneExchange exchange) {
        List<MetricEntity> metrics = new ArrayList<>();
        List<ModelScope> modelScopes = new ArrayList<>();
        MlflowRequest request = MlflowRequest.streaming(exchange, "metrics", parser -> metrics.add(streamedMetric(parser,
                metrics.size(), modelScopes)));
        LogBatchRequest batch = request.read(LogBatchRequest.class);
        batch.metrics().forEach(metric -> {
            if (metric.modelId() != null && !metric.modelId().isEmpty()) {
                modelScopes.add(new ModelScope(metrics.size(), metric.modelId(), metric.datasetName(), metric.datasetDigest()));
            }
            metrics.add(metric(metric.key(), metric.value(), metric.timestamp(), metric.step()));
        });
        String runId = runId(batch.runId());
        service.logBatch(runId, metrics,
                batch.params().stream().map(param -> new ParamEntity(required(param.key(), "key"),
                        requiredMayBeEmpty(param.value(), "value"))).toList(),
                tags(batch.tags(), RunTag::key, RunTag::value),
                exchange.body().length);
        loggedModels.logMetrics(modelScopes.stream().map(scope -> new LoggedModelMetric(scope.modelId(), runId,
                metrics.get(scope.index()), scope.datasetName(), scope.datasetDigest())).toList());
        return EMPTY_ANSWER; // what ctx.json(EMPTY) writes, without a serializer per batch
    }

    /** The model and dataset of the metric at {@code index} of a log-batch, for the few metrics that name a model. */
    private record ModelScope(int index, String modelId, String datasetName, String datasetDigest) {}

    /** {@code run_id}; the records read the older {@code run_uuid} when it is absent or empty. */
    private static String runId(String runId) {
        return required(runId, "run_id");
    }

    /**
     * A metric object of a streamed log-batch, read field by field with the rules of the bound wire record
     * {@code dev.mlforge.api.tracking.Metric}: building that record first would add an object per metric to the
     * hottest path of ingest. Plain numbers are read as primitives (boxing three numbers per metric showed in the
     * profile); any other token goes through {@link MlflowRequest}'s rules and messages.
     */
    private static MetricEntity streamedMetric(JsonParser parser, int index, List<ModelScope> modelScopes) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            MlflowRequest.object(parser.readValueAsTree());
        }
        String key = null;
        double value = 0;
        long timestamp = 0;
        long step = 0;
        boolean hasValue = false;
        boolean hasTimestamp = false;
        String modelId = null;
        String datasetName = null;
        String datasetDigest = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "key" -> key = MlflowRequest.string(parser, "key");
                case "value" -> {
                    Double read = parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT ? null : MlflowRequest.doubleValue(parser, "value");
                    hasValue = read != null || parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT;
                    value = read != null ? read : hasValue ? parser.getDoubleValue() : 0;
                }
                case "timestamp" -> {
                    Long read = plainLong(parser) ? null : MlflowRequest.longValue(parser, "timestamp");
                    hasTimestamp = read != null || plainLong(parser);
                    timestamp = read != null ? read : hasTimestamp ? parser.getLongValue() : 0;
                }
                case "step" -> {
                    Long read = plainLong(parser) ? null : MlflowRequest.longValue(parser, "step");
                    step = read != null ? read : plainLong(parser) ? parser.getLongValue() : 0;
                }
                case "model_id" -> modelId = MlflowRequest.string(parser, "model_id");
                case "dataset_name" -> datasetName = MlflowRequest.string(parser, "dataset_name");
                case "dataset_digest" -> datasetDigest = MlflowRequest.string(parser, "dataset_digest");
                default -> parser.skipChildren();
            }
        }
        if (modelId != null && !modelId.isEmpty()) {
            modelScopes.add(new ModelScope(index, modelId, datasetName, datasetDigest));
        }
        required(key, "key");
        if (!hasValue) {
            required(null, "value"); // MLflow's missing-parameter error, as for a bound metric
        }
        if (!hasTimestamp) {
            required(null, "timestamp");
        }
        return new MetricEntity(key, value, timestamp, step);
    }

    /** True at an integer token that fits a long (read without a node or a box). */
    private static boolean plainLong(JsonParser parser) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
    }

    private static MetricEntity metric(String key, Double value, Long timestamp, Long step) {
        return new MetricEntity(required(key, "key"), required(value, "value"), required(timestamp, "timestamp"),
                step == null ? 0L : step);
    }

    private static <T> List<Tag> tags(List<T> tags, Function<T, String> key, Function<T, String> value) {
        return tags.stream().map(tag -> new Tag(required(key.apply(tag), "key"),
                requiredMayBeEmpty(value.apply(tag), "value"))).toList();
    }

    private static DatasetInputEntity datasetInput(dev.mlforge.api.tracking.DatasetInput input) {
        dev.mlforge.api.tracking.Dataset fields = input.dataset();
        DatasetEntity dataset = fields == null ? null : new DatasetEntity(fields.name(), fields.digest(), fields.sourceType(),
                fields.source(), fields.schema(), fields.profile());
        return new DatasetInputEntity(dataset, tags(input.tags(), InputTag::key, InputTag::value));
    }

    @Override
    public List<ApiDoc> docs() {
        return TrackingDocs.all();
    }

    private static <R extends Record> void get(RoutesConfig routes, String path, Role role, Class<R> request,
            Function<R, Object> action) {
        for (String prefix : PREFIXES) {
            routes.get(prefix + path, handler(request, action), role);
        }
    }

    private static <R extends Record> void post(RoutesConfig routes, String path, Role role, Class<R> request,
            Function<R, Object> action) {
        for (String prefix : PREFIXES) {
            routes.post(prefix + path, handler(request, action), role);
        }
    }

    private static <R extends Record> Handler handler(Class<R> request, Function<R, Object> action) {
        return ctx -> ctx.json(action.apply(MlflowRequest.read(ctx, request)));
    }
}
