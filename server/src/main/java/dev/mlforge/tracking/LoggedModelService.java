package dev.mlforge.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.search.EntityType;
import dev.mlforge.search.OrderClause;
import dev.mlforge.search.PageToken;
import dev.mlforge.search.ResultPage;
import dev.mlforge.search.SearchEntity;
import dev.mlforge.search.SearchFilterParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** The logged-model use cases (MLflow 3's model entity), with MLflow's validation and semantics. */
public final class LoggedModelService {
    static final int DEFAULT_SEARCH_PAGE = 100;
    /** MLflow's tag listing the registry versions registered from a logged model. */
    static final String MODEL_VERSIONS_TAG = "mlflow.modelVersions";
    private static final String BAD_NAME_CHARACTERS = "/:.%\"'";

    private final LoggedModelStore store;
    private final TrackingService tracking;
    private final Clock clock;
    private final RandomGenerator random;
    private final RunNames names;

    LoggedModelService(LoggedModelStore store, TrackingService tracking, Clock clock, RandomGenerator random) {
        this.store = store;
        this.tracking = tracking;
        this.clock = clock;
        this.random = random;
        this.names = new RunNames(random);
    }

    public LoggedModelEntity create(String experimentId, String name, String modelType, String sourceRunId,
            List<ParamEntity> params, List<Tag> tags) {
        validateName(name);
        ExperimentEntity experiment = tracking.getExperiment(experimentId);
        if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw MlforgeException.invalidParameter("The experiment " + experimentId
                    + " must be in the 'active' state. Current state is " + experiment.lifecycleStage().wireName() + ".");
        }
        params.forEach(param -> TrackingValidation.key("param", param.key()));
        tags.forEach(tag -> TrackingValidation.key("tag", tag.key()));
        String modelId = String.format("m-%016x%016x", random.nextLong(), random.nextLong());
        long now = clock.millis();
        store.create(new LoggedModelEntity(modelId, experiment.experimentId(), name == null || name.isEmpty() ? names.next() : name,
                ArtifactLocations.forLoggedModel(experiment.artifactLocation(), modelId), now, now, LoggedModelStatus.PENDING,
                LifecycleStage.ACTIVE, modelType, emptyToNull(sourceRunId), null, lastByKey(tags, Tag::key),
                lastByKey(params, ParamEntity::key), List.of()));
        return get(modelId, false);
    }

    /** The model; RESOURCE_DOES_NOT_EXIST when unknown, or deleted and {@code allowDeleted} is false. */
    public LoggedModelEntity get(String modelId, boolean allowDeleted) {
        return store.find(modelId).filter(model -> allowDeleted || model.lifecycleStage() == LifecycleStage.ACTIVE)
                .orElseThrow(() -> notFound(modelId));
    }

    /** The model when it exists and is not deleted. */
    public Optional<LoggedModelEntity> find(String modelId) {
        return store.find(modelId).filter(model -> model.lifecycleStage() == LifecycleStage.ACTIVE);
    }

    /** The artifact URI of a model, deleted ones included (their files are still there). */
    public String artifactUri(String modelId) {
        return get(modelId, true).artifactLocation();
    }

    public LoggedModelEntity finalizeModel(String modelId, String status, String statusMessage) {
        LoggedModelStatus parsed = LoggedModelStatus.fromWire(status);
        get(modelId, true);
        store.finalizeStatus(modelId, parsed, emptyToNull(statusMessage), clock.millis());
        return get(modelId, true);
    }

    public void delete(String modelId) {
        get(modelId, true);
        store.delete(modelId, clock.millis());
    }

    public LoggedModelEntity setTags(String modelId, List<Tag> tags) {
        tags.forEach(tag -> TrackingValidation.key("tag", tag.key()));
        get(modelId, true);
        store.setTags(modelId, lastByKey(tags, Tag::key), clock.millis());
        return get(modelId, true);
    }

    /**
     * Notes on the model that the registry's version {@code modelName}/{@code version} was registered from it, as
     * MLflow's server does after {@code CreateModelVersion} with a {@code model_id}: the {@code mlflow.modelVersions}
     * tag holds a JSON list of {@code {"name", "version"}}, in Python's {@code json.dumps} layout, each version once.
     */
    public void recordRegisteredVersion(String modelId, String modelName, int version) {
        LoggedModelEntity model = get(modelId, true);
        ArrayNode versions = Json.mapper().createArrayNode();
        model.tags().stream().filter(tag -> tag.key().equals(MODEL_VERSIONS_TAG)).findFirst().ifPresent(tag -> {
            try {
                if (Json.mapper().readTree(tag.value()) instanceof ArrayNode existing) {
                    versions.addAll(existing);
                }
            } catch (JsonProcessingException e) {
                // a value someone else wrote that is not JSON: MLflow's json.loads would fail; start a fresh list
            }
        });
        ObjectNode entry = Json.mapper().createObjectNode().put("name", modelName).put("version", version);
        if (!contains(versions, entry)) {
            versions.add(entry);
        }
        store.setTags(modelId, List.of(new Tag(MODEL_VERSIONS_TAG, pythonJson(versions))), clock.millis());
    }

    private static boolean contains(ArrayNode versions, ObjectNode entry) {
        for (var existing : versions) {
            if (existing.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    /** {@code [{"name": "m", "version": 1}]}: the layout Python's {@code json.dumps} writes. */
    private static String pythonJson(ArrayNode versions) {
        StringBuilder text = new StringBuilder("[");
        for (var entry : versions) {
            text.append(text.length() == 1 ? "" : ", ").append('{');
            var fields = entry.fields();
            boolean first = true;
            while (fields.hasNext()) {
                var field = fields.next();
                text.append(first ? "" : ", ").append(TextNode.valueOf(field.getKey())).append(": ").append(field.getValue());
                first = false;
            }
            text.append('}');
        }
        return text.append(']').toString();
    }

    public void deleteTag(String modelId, String key) {
        get(modelId, true);
        if (!store.deleteTag(modelId, key)) {
            throw MlforgeException.notFound("No tag with key '" + key + "' found for model with ID '" + modelId + "'.");
        }
    }

    public void logParams(String modelId, List<ParamEntity> params) {
        params.forEach(param -> TrackingValidation.key("param", param.key()));
        get(modelId, true);
        store.logParams(modelId, lastByKey(params, ParamEntity::key));
    }

    /** Stores the values logged with a model id (the run's copy is logged by {@link TrackingService}). */
    public void logMetrics(List<LoggedModelMetric> metrics) {
        if (metrics.isEmpty()) {
            return;
        }
        List<String> ids = metrics.stream().map(LoggedModelMetric::modelId).distinct().toList();
        List<String> known = store.existing(ids);
        ids.stream().filter(id -> !known.contains(id)).findFirst().ifPresent(id -> {
            throw notFound(id);
        });
        store.logMetrics(metrics);
    }

    /** One page of active models of these experiments, as {@code logged-models/search} answers it. */
    public ResultPage<LoggedModelEntity> search(List<String> experimentIds, String filter,
            List<LoggedModelSearch.DatasetScope> datasets, List<OrderItem> orderBy, Integer maxResults, String pageToken) {
        if (experimentIds.isEmpty()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'experiment_ids'. "
                    + "See the API docs for more information about request parameters.");
        }
        experimentIds.forEach(TrackingValidation::experimentId);
        if (datasets.stream().anyMatch(dataset -> dataset.name() == null || dataset.name().isEmpty())) {
            throw MlforgeException.invalidParameter("`dataset_name` in the `datasets` clause must be specified.");
        }
        int limit = maxResults == null || maxResults <= 0 ? DEFAULT_SEARCH_PAGE : maxResults;
        int offset = PageToken.decode(pageToken);
        List<LoggedModelSearch.Order> order = new ArrayList<>();
        for (OrderItem item : orderBy) {
            order.add(order(item));
        }
        List<LoggedModelEntity> fetched = store.search(new LoggedModelSearch(experimentIds,
                SearchFilterParser.parseFilter(filter, SearchEntity.LOGGED_MODELS), datasets, order, offset, limit + 1));
        return fetched.size() > limit ? new ResultPage<>(fetched.subList(0, limit), PageToken.encode(offset + limit))
                : new ResultPage<>(fetched, null);
    }

    /** An order-by item as the request gives it: a field name, its direction and an optional dataset scope. */
    public record OrderItem(String fieldName, boolean ascending, String datasetName, String datasetDigest) {}

    private static LoggedModelSearch.Order order(OrderItem item) {
        if (item.fieldName() == null || item.fieldName().isEmpty()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'order_by.field_name'.");
        }
        String field = item.fieldName();
        int dot = field.indexOf('.');
        if (dot < 0 && !SearchEntity.LOGGED_MODELS.orderableAttributes().contains(field)) {
            throw MlforgeException.invalidParameter("Invalid order by field name: " + field);
        }
        if (dot >= 0 && !field.substring(0, dot).equals("metrics") && !field.substring(0, dot).equals("attributes")) {
            throw MlforgeException.invalidParameter("Invalid order by field name: " + field + ". Only metrics are supported.");
        }
        OrderClause clause = SearchFilterParser.parseOrderBy(List.of(field), SearchEntity.LOGGED_MODELS).get(0);
        boolean metric = clause.type() == EntityType.METRIC;
        if (!metric && item.datasetName() != null && !item.datasetName().isEmpty()) {
            throw MlforgeException.invalidParameter("`dataset_name` may only be set in an order_by item on a metric: "
                    + item.fieldName());
        }
        LoggedModelSearch.DatasetScope scope = item.datasetName() == null || item.datasetName().isEmpty() ? null
                : new LoggedModelSearch.DatasetScope(item.datasetName(), emptyToNull(item.datasetDigest()));
        return new LoggedModelSearch.Order(clause.key(), metric, item.ascending(), scope);
    }

    // ---- run inputs and outputs

    public void logRunOutputs(String runId, List<LoggedModelOutput> outputs) {
        RunEntity run = tracking.getRun(runId);
        if (run.info().lifecycleStage() != LifecycleStage.ACTIVE) {
            throw TrackingErrors.runNotActive(runId, run.info().lifecycleStage().wireName());
        }
        store.addRunOutputs(runId, outputs);
    }

    public void logRunInputs(String runId, List<String> modelIds) {
        if (!modelIds.isEmpty()) {
            tracking.getRun(runId);
            store.addRunInputs(runId, modelIds);
        }
    }

    public List<String> runInputs(String runId) {
        return store.runInputs(runId);
    }

    public List<LoggedModelOutput> runOutputs(String runId) {
        return store.runOutputs(runId);
    }

    /** The outputs of each of these runs that has any (a page of {@code runs/search}). */
    public Map<String, List<LoggedModelOutput>> runOutputs(List<String> runIds) {
        return store.runOutputs(runIds);
    }

    private static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            return;
        }
        if (name.chars().anyMatch(c -> BAD_NAME_CHARACTERS.indexOf(c) >= 0)) {
            throw MlforgeException.invalidParameter("Invalid model name ('" + name + "') provided. Model name must be a "
                    + "non-empty string and cannot contain the following characters: ('/', ':', '.', '%', '\"', \"'\")");
        }
    }

    private static <T> List<T> lastByKey(List<T> items, java.util.function.Function<T, String> key) {
        Map<String, T> byKey = new LinkedHashMap<>();
        items.forEach(item -> byKey.put(key.apply(item), item));
        return new ArrayList<>(byKey.values());
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static MlforgeException notFound(String modelId) {
        return MlforgeException.notFound("Logged model with ID '" + modelId + "' not found.");
    }
}
