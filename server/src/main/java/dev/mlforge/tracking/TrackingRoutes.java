package dev.mlforge.tracking;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.MlflowRequest;
import dev.mlforge.http.MlforgeException;
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
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** MLflow's tracking endpoints under {@code /api/2.0/mlflow/} and {@code /ajax-api/2.0/mlflow/}: request in, service call, wire record out. */
public final class TrackingRoutes implements Routes {
    private static final List<String> PREFIXES = List.of("/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/");
    private static final Map<String, Object> EMPTY = Map.of();

    private final TrackingService service;

    public TrackingRoutes(TrackingService service) {
        this.service = service;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        post(routes, "experiments/create", Role.WRITE, request -> new CreateExperimentResponse(service.createExperiment(
                request.requiredString("name"), request.optionalString("artifact_location"), tags(request, "tags"))));
        get(routes, "experiments/get", Role.READ, request -> new GetExperimentResponse(TrackingWire.experiment(
                service.getExperiment(request.requiredString("experiment_id")))));
        get(routes, "experiments/get-by-name", Role.READ, request -> new GetExperimentResponse(TrackingWire.experiment(
                service.getExperimentByName(request.requiredString("experiment_name")))));
        Function<MlflowRequest, Object> searchExperiments = request -> {
            Page<Experiment> page = service.searchExperiments(request.optionalString("filter"),
                    request.stringList("order_by"), request.optionalString("view_type"),
                    request.optionalInt("max_results"), request.optionalString("page_token"));
            return new SearchExperimentsResponse(TrackingWire.orNull(page.items().stream().map(TrackingWire::experiment).toList()),
                    page.nextPageToken());
        };
        get(routes, "experiments/search", Role.READ, searchExperiments);
        post(routes, "experiments/search", Role.READ, searchExperiments);
        post(routes, "experiments/update", Role.WRITE, request -> {
            service.renameExperiment(request.requiredString("experiment_id"), request.optionalString("new_name"));
            return EMPTY;
        });
        post(routes, "experiments/delete", Role.WRITE, request -> {
            service.deleteExperiment(request.requiredString("experiment_id"));
            return EMPTY;
        });
        post(routes, "experiments/restore", Role.WRITE, request -> {
            service.restoreExperiment(request.requiredString("experiment_id"));
            return EMPTY;
        });
        post(routes, "experiments/set-experiment-tag", Role.WRITE, request -> {
            service.setExperimentTag(request.requiredString("experiment_id"), request.requiredString("key"),
                    request.optionalString("value") == null ? "" : request.optionalString("value"));
            return EMPTY;
        });
        addRunRoutes(routes);
        addMetricRoutes(routes);
    }

    private void addRunRoutes(RoutesConfig routes) {
        post(routes, "runs/create", Role.WRITE, request -> new CreateRunResponse(TrackingWire.run(service.createRun(
                request.optionalString("experiment_id"), request.optionalString("user_id"),
                request.optionalString("run_name"), request.optionalLong("start_time"), tags(request, "tags")))));
        get(routes, "runs/get", Role.READ, request -> new GetRunResponse(TrackingWire.run(service.getRun(runId(request)))));
        post(routes, "runs/update", Role.WRITE, request -> new UpdateRunResponse(TrackingWire.runInfo(service.updateRun(
                runId(request), request.optionalString("status"), request.optionalLong("end_time"),
                request.optionalString("run_name")))));
        post(routes, "runs/delete", Role.WRITE, request -> {
            service.deleteRun(runId(request));
            return EMPTY;
        });
        post(routes, "runs/restore", Role.WRITE, request -> {
            service.restoreRun(runId(request));
            return EMPTY;
        });
        post(routes, "runs/log-metric", Role.WRITE, request -> {
            service.logMetric(runId(request), metric(request));
            return EMPTY;
        });
        post(routes, "runs/log-parameter", Role.WRITE, request -> {
            service.logParam(runId(request), new Param(request.requiredString("key"), requiredValue(request)));
            return EMPTY;
        });
        post(routes, "runs/set-tag", Role.WRITE, request -> {
            service.setTag(runId(request), new Tag(request.requiredString("key"), requiredValue(request)));
            return EMPTY;
        });
        post(routes, "runs/delete-tag", Role.WRITE, request -> {
            service.deleteTag(runId(request), request.requiredString("key"));
            return EMPTY;
        });
        routes.post(PREFIXES.get(0) + "runs/log-batch", this::logBatch, Role.WRITE);
        routes.post(PREFIXES.get(1) + "runs/log-batch", this::logBatch, Role.WRITE);
        post(routes, "runs/log-inputs", Role.WRITE, request -> {
            service.logInputs(runId(request), request.objectList("datasets").stream().map(TrackingRoutes::datasetInput).toList());
            return EMPTY;
        });
        post(routes, "runs/log-model", Role.WRITE, request -> {
            service.logModel(runId(request), request.requiredString("model_json"));
            return EMPTY;
        });
        post(routes, "runs/search", Role.READ, request -> {
            Page<Run> page = service.searchRuns(request.stringList("experiment_ids"), request.optionalString("filter"),
                    request.optionalString("run_view_type"), request.optionalInt("max_results"),
                    request.stringList("order_by"), request.optionalString("page_token"));
            return new SearchRunsResponse(TrackingWire.orNull(page.items().stream().map(TrackingWire::run).toList()),
                    page.nextPageToken());
        });
    }

    private void addMetricRoutes(RoutesConfig routes) {
        get(routes, "metrics/get-history", Role.READ, request -> {
            Page<Metric> page = service.metricHistory(runId(request), request.optionalString("metric_key"),
                    request.optionalInt("max_results"), request.optionalString("page_token"));
            return new GetMetricHistoryResponse(TrackingWire.orNull(page.items().stream().map(TrackingWire::metric).toList()),
                    page.nextPageToken());
        });
        get(routes, "metrics/get-history-bulk-interval", Role.READ, request -> new GetMetricHistoryBulkIntervalResponse(
                TrackingWire.orNull(service.metricHistoryBulkInterval(request.stringList("run_ids"),
                                request.optionalString("metric_key"), request.optionalLong("start_step"),
                                request.optionalLong("end_step"), request.optionalInt("max_results"))
                        .stream().map(TrackingWire::metric).toList())));
    }

    private void logBatch(Context ctx) {
        List<Metric> metrics = new ArrayList<>();
        MlflowRequest request = MlflowRequest.streaming(ctx, "metrics", parser -> metrics.add(streamedMetric(parser)));
        // A "metrics" field that is not a list stayed in the tree: objectList answers MLflow's error for it.
        request.objectList("metrics").forEach(node -> metrics.add(metric(MlflowRequest.of(object(node)))));
        service.logBatch(runId(request), metrics,
                request.objectList("params").stream().map(node -> {
                    MlflowRequest param = MlflowRequest.of(object(node));
                    return new Param(param.requiredString("key"), requiredValue(param));
                }).toList(),
                tags(request, "tags"),
                ctx.bodyAsBytes().length);
        ctx.json(EMPTY);
    }

    private static String runId(MlflowRequest request) {
        String runId = request.optionalString("run_id");
        if (runId == null || runId.isEmpty()) {
            runId = request.optionalString("run_uuid");
        }
        if (runId == null || runId.isEmpty()) {
            throw MlflowRequest.missing("run_id");
        }
        return runId;
    }

    private static Metric metric(MlflowRequest request) {
        return metric(request.node("key"), request.node("value"), request.node("timestamp"), request.node("step"));
    }

    /** A metric object of a streamed log-batch, read with the same rules as {@link #metric(MlflowRequest)}. */
    private static Metric streamedMetric(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            object(parser.readValueAsTree());
        }
        JsonNode key = null;
        JsonNode value = null;
        JsonNode timestamp = null;
        JsonNode step = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "key" -> key = MlflowRequest.readValue(parser);
                case "value" -> value = MlflowRequest.readValue(parser);
                case "timestamp" -> timestamp = MlflowRequest.readValue(parser);
                case "step" -> step = MlflowRequest.readValue(parser);
                default -> parser.skipChildren();
            }
        }
        return metric(key, value, timestamp, step);
    }

    private static Metric metric(JsonNode key, JsonNode value, JsonNode timestamp, JsonNode step) {
        Long stepValue = MlflowRequest.longValue(step, "step");
        return new Metric(MlflowRequest.requiredString(key, "key"), MlflowRequest.requiredDouble(value, "value"),
                MlflowRequest.requiredLong(timestamp, "timestamp"), stepValue == null ? 0L : stepValue);
    }

    /** A value that must be present but may be the empty string. */
    private static String requiredValue(MlflowRequest request) {
        String value = request.optionalString("value");
        if (value == null) {
            throw MlflowRequest.missing("value");
        }
        return value;
    }

    private static List<Tag> tags(MlflowRequest request, String field) {
        return request.objectList(field).stream().map(node -> {
            MlflowRequest tag = MlflowRequest.of(object(node));
            return new Tag(tag.requiredString("key"), requiredValue(tag));
        }).toList();
    }

    private static DatasetInput datasetInput(JsonNode node) {
        MlflowRequest input = MlflowRequest.of(object(node));
        JsonNode datasetNode = input.node("dataset");
        Dataset dataset = null;
        if (datasetNode != null) {
            MlflowRequest fields = MlflowRequest.of(object(datasetNode));
            dataset = new Dataset(fields.optionalString("name"), fields.optionalString("digest"),
                    fields.optionalString("source_type"), fields.optionalString("source"),
                    fields.optionalString("schema"), fields.optionalString("profile"));
        }
        return new DatasetInput(dataset, tags(input, "tags"));
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode object(JsonNode node) {
        if (!node.isObject()) {
            throw MlforgeException.invalidParameter("Invalid value " + node + " supplied: expected a JSON object");
        }
        return (com.fasterxml.jackson.databind.node.ObjectNode) node;
    }

    private static void get(RoutesConfig routes, String path, Role role, Function<MlflowRequest, Object> action) {
        for (String prefix : PREFIXES) {
            routes.get(prefix + path, handler(action), role);
        }
    }

    private static void post(RoutesConfig routes, String path, Role role, Function<MlflowRequest, Object> action) {
        for (String prefix : PREFIXES) {
            routes.post(prefix + path, handler(action), role);
        }
    }

    private static Handler handler(Function<MlflowRequest, Object> action) {
        return ctx -> ctx.json(action.apply(MlflowRequest.of(ctx)));
    }
}
