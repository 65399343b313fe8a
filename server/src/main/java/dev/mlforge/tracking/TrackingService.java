package dev.mlforge.tracking;

import dev.mlforge.search.ResultPage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.search.OrderClause;
import dev.mlforge.search.PageToken;
import dev.mlforge.search.SearchEntity;
import dev.mlforge.search.SearchFilterParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/** The tracking use cases: MLflow's validation rules and semantics on top of a {@link TrackingStore}. */
public final class TrackingService {
    static final String DEFAULT_EXPERIMENT_ID = "0";
    static final String LOG_MODEL_HISTORY_TAG = "mlflow.log-model.history";
    static final int MAX_RUNS_PAGE = 50000;
    static final int DEFAULT_RUNS_PAGE = 1000;
    static final int MAX_EXPERIMENTS_PAGE = 50000;
    static final int DEFAULT_EXPERIMENTS_PAGE = 1000;
    static final int MAX_METRIC_HISTORY_PAGE = 25000;
    static final int MAX_BULK_RUNS = 100;
    static final int MAX_BULK_RESULTS_PER_RUN = 2500;

    private final TrackingStore store;
    private final Clock clock;
    private final RandomGenerator random;
    private final RunNames runNames;

    public TrackingService(TrackingStore store, Clock clock, RandomGenerator random) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.runNames = new RunNames(random);
    }

    // ---- experiments

    public String createExperiment(String name, String artifactLocation, List<Tag> tags) {
        TrackingValidation.experimentName(name);
        tags.forEach(tag -> TrackingValidation.experimentTag(tag.key(), tag.value()));
        String location = artifactLocation == null || artifactLocation.isEmpty()
                ? null : ArtifactLocations.validateUserLocation(artifactLocation);
        return store.createExperiment(name, location, tags, clock.millis());
    }

    public ExperimentEntity getExperiment(String experimentId) {
        TrackingValidation.experimentId(experimentId);
        return store.experiment(experimentId).orElseThrow(() ->
                MlforgeException.notFound("No Experiment with id=" + experimentId + " exists"));
    }

    /** {@link #getExperiment} without the experiment's tags, for per-request checks of its state and location. */
    public ExperimentEntity getExperimentWithoutTags(String experimentId) {
        TrackingValidation.experimentId(experimentId);
        return store.experimentWithoutTags(experimentId).orElseThrow(() ->
                MlforgeException.notFound("No Experiment with id=" + experimentId + " exists"));
    }

    public ExperimentEntity getExperimentByName(String name) {
        return store.experimentByName(name).orElseThrow(() ->
                MlforgeException.notFound("Could not find experiment with name '" + name + "'"));
    }

    public ResultPage<ExperimentEntity> searchExperiments(String filter, List<String> orderBy, String viewType, Integer maxResults,
                                              String pageToken) {
        int limit = TrackingValidation.maxResults(maxResults, DEFAULT_EXPERIMENTS_PAGE, MAX_EXPERIMENTS_PAGE);
        int offset = PageToken.decode(pageToken);
        ExperimentSearch search = new ExperimentSearch(SearchFilterParser.parseFilter(filter, SearchEntity.EXPERIMENTS),
                SearchFilterParser.parseOrderBy(orderBy, SearchEntity.EXPERIMENTS), ViewType.parse(viewType, "view_type"), offset, limit + 1);
        return page(store.searchExperiments(search), offset, limit);
    }

    public void renameExperiment(String experimentId, String newName) {
        ExperimentEntity experiment = getExperiment(experimentId);
        if (newName == null || newName.isEmpty()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'new_name'. "
                    + "See the API docs for more information about request parameters.");
        }
        TrackingValidation.experimentName(newName);
        if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw MlforgeException.invalidParameter("Cannot rename a non-active experiment.");
        }
        store.renameExperiment(experimentId, newName, clock.millis());
    }

    public void deleteExperiment(String experimentId) {
        getExperiment(experimentId);
        if (experimentId.equals(DEFAULT_EXPERIMENT_ID)) {
            throw MlforgeException.invalidParameter("Cannot delete the default experiment '0'. "
                    + "This is an internally reserved experiment.");
        }
        store.setExperimentLifecycle(experimentId, LifecycleStage.DELETED, clock.millis());
    }

    public void restoreExperiment(String experimentId) {
        getExperiment(experimentId);
        store.setExperimentLifecycle(experimentId, LifecycleStage.ACTIVE, clock.millis());
    }

    public void setExperimentTag(String experimentId, String key, String value) {
        ExperimentEntity experiment = getExperiment(experimentId);
        requireActive(experiment);
        TrackingValidation.experimentTag(key, value);
        store.setExperimentTag(experimentId, new Tag(key, value), clock.millis());
    }

    private static void requireActive(ExperimentEntity experiment) {
        if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw MlforgeException.invalidParameter("The experiment " + experiment.experimentId()
                    + " must be in the 'active' state. Current state is " + experiment.lifecycleStage().wireName() + ".");
        }
    }

    // ---- runs

    public RunEntity createRun(String experimentId, String userId, String runName, Long startTime, List<Tag> tags) {
        String experimentKey = experimentId == null || experimentId.isEmpty() ? DEFAULT_EXPERIMENT_ID : experimentId;
        ExperimentEntity experiment = getExperiment(experimentKey);
        requireActive(experiment);
        tags.forEach(tag -> {
            TrackingValidation.key("tag", tag.key());
            TrackingValidation.tagValue(tag.key(), tag.value());
        });
        String tagName = tags.stream().filter(tag -> tag.key().equals(JdbiTrackingStore.RUN_NAME_TAG))
                .map(Tag::value).reduce((first, second) -> second).orElse(null);
        if (runName != null && !runName.isEmpty() && tagName != null && !tagName.equals(runName)) {
            throw MlforgeException.invalidParameter("Both 'run_name' argument and 'mlflow.runName' tag are specified, "
                    + "but with different values (run_name='" + runName + "', mlflow.runName='" + tagName + "').");
        }
        String name = runName != null && !runName.isEmpty() ? runName : tagName != null ? tagName : runNames.next();
        String runId = newRunId();
        RunInfoEntity info = new RunInfoEntity(runId, experiment.experimentId(), name, userId, RunStatus.RUNNING,
                startTime != null ? startTime : clock.millis(), null,
                ArtifactLocations.forRun(experiment.artifactLocation(), runId), LifecycleStage.ACTIVE);
        Map<String, Tag> allTags = new LinkedHashMap<>();
        tags.forEach(tag -> allTags.put(tag.key(), tag));
        allTags.put(JdbiTrackingStore.RUN_NAME_TAG, new Tag(JdbiTrackingStore.RUN_NAME_TAG, name));
        store.createRun(info, new ArrayList<>(allTags.values()));
        return getRun(runId);
    }

    private String newRunId() {
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }

    public RunEntity getRun(String runId) {
        TrackingValidation.runId(runId);
        return store.run(runId).orElseThrow(() -> runNotFound(runId));
    }

    /** The runs of {@code runIds}, with their data, in the order asked (read together); 404 naming the first unknown id. */
    public List<RunEntity> getRuns(List<String> runIds) {
        runIds.forEach(TrackingValidation::runId);
        List<RunEntity> runs = store.runs(runIds);
        if (runs.size() < runIds.stream().distinct().count()) {
            java.util.Set<String> found = new java.util.HashSet<>();
            runs.forEach(run -> found.add(run.info().runId()));
            runIds.stream().filter(id -> !found.contains(id)).findFirst().ifPresent(id -> {
                throw runNotFound(id);
            });
        }
        return runs;
    }

    /** The artifact root URI of a run, e.g. {@code mlflow-artifacts:/1/<run_id>/artifacts}; 404 if the run is unknown. */
    public String runArtifactUri(String runId) {
        return runInfo(runId).artifactUri();
    }

    private RunInfoEntity runInfo(String runId) {
        TrackingValidation.runId(runId);
        return store.runInfo(runId).orElseThrow(() -> runNotFound(runId));
    }

    private static MlforgeException runNotFound(String runId) {
        return TrackingErrors.runNotFound(runId);
    }

    private RunInfoEntity activeRun(String runId) {
        RunInfoEntity info = runInfo(runId);
        if (!info.isActive()) {
            throw TrackingErrors.runNotActive(runId, info.lifecycleStage().wireName());
        }
        return info;
    }

    public RunInfoEntity updateRun(String runId, String status, Long endTime, String runName) {
        activeRun(runId);
        RunStatus newStatus = status == null || status.isEmpty() ? null : parseStatus(status);
        store.updateRun(runId, newStatus, endTime, runName == null || runName.isEmpty() ? null : runName);
        return runInfo(runId);
    }

    private static RunStatus parseStatus(String status) {
        String value = status.trim().toUpperCase(Locale.ROOT);
        switch (value) {
            case "1": return RunStatus.RUNNING;
            case "2": return RunStatus.SCHEDULED;
            case "3": return RunStatus.FINISHED;
            case "4": return RunStatus.FAILED;
            case "5": return RunStatus.KILLED;
            default:
                try {
                    return RunStatus.valueOf(value);
                } catch (IllegalArgumentException e) {
                    throw MlforgeException.invalidParameter("Invalid value '" + status + "' for parameter 'status'. "
                            + "Valid values are RUNNING, SCHEDULED, FINISHED, FAILED, KILLED");
                }
        }
    }

    public void deleteRun(String runId) {
        runInfo(runId);
        store.setRunLifecycle(runId, LifecycleStage.DELETED);
    }

    public void restoreRun(String runId) {
        runInfo(runId);
        store.setRunLifecycle(runId, LifecycleStage.ACTIVE);
    }

    public void logMetric(String runId, MetricEntity metric) {
        logBatch(runId, List.of(metric), List.of(), List.of(), 0);
    }

    public void logParam(String runId, ParamEntity param) {
        logBatch(runId, List.of(), List.of(param), List.of(), 0);
    }

    public void setTag(String runId, Tag tag) {
        logBatch(runId, List.of(), List.of(), List.of(tag), 0);
    }

    public void deleteTag(String runId, String key) {
        activeRun(runId);
        if (!store.deleteTag(runId, key)) {
            throw MlforgeException.notFound("No tag with name: " + key + " in run with id " + runId);
        }
    }

    /** Logs metrics, params and tags; {@code requestBytes} is the size of the request body (limit 1 MB). */
    public void logBatch(String runId, List<MetricEntity> metrics, List<ParamEntity> params, List<Tag> tags, long requestBytes) {
        TrackingValidation.batchLimits(metrics.size(), params.size(), tags.size(), requestBytes);
        // A batch repeats a few keys many times (20 keys over 1000 metrics); each distinct key is checked once.
        metrics.stream().map(MetricEntity::key).distinct().forEach(key -> TrackingValidation.key("metric", key));
        List<ParamEntity> truncated = new ArrayList<>(params.size());
        for (ParamEntity param : params) {
            TrackingValidation.key("param", param.key());
            String value = param.value() == null ? "" : param.value();
            truncated.add(new ParamEntity(param.key(), value.length() > TrackingValidation.MAX_PARAM_VALUE_LENGTH
                    ? value.substring(0, TrackingValidation.MAX_PARAM_VALUE_LENGTH) : value));
        }
        tags.forEach(tag -> {
            TrackingValidation.key("tag", tag.key());
            TrackingValidation.tagValue(tag.key(), tag.value());
        });
        TrackingValidation.runId(runId);
        store.logBatch(runId, metrics, truncated, tags);
    }

    public void logInputs(String runId, List<DatasetInputEntity> inputs) {
        inputs.forEach(input -> {
            if (input.dataset() == null) {
                throw MlforgeException.invalidParameter("Missing value for required parameter 'dataset'. "
                        + "See the API docs for more information about request parameters.");
            }
            TrackingValidation.dataset(input.dataset());
            input.tags().forEach(TrackingValidation::inputTag);
        });
        RunInfoEntity info = activeRun(runId);
        store.logInputs(runId, info.experimentId(), inputs);
    }

    /** Appends a model description (MLmodel as JSON) to the run's {@code mlflow.log-model.history} tag, as MLflow does. */
    public void logModel(String runId, String modelJson) {
        JsonNode model;
        try {
            model = Json.mapper().readTree(modelJson);
        } catch (JsonProcessingException e) {
            model = null;
        }
        if (model == null || !model.isObject()) {
            throw MlforgeException.invalidParameter("Malformed model info. \n" + modelJson
                    + "\n is not a valid JSON.");
        }
        RunEntity run = getRun(runId);
        ArrayNode history = Json.mapper().createArrayNode();
        run.tags().stream().filter(tag -> tag.key().equals(LOG_MODEL_HISTORY_TAG)).findFirst().ifPresent(tag -> {
            try {
                JsonNode existing = Json.mapper().readTree(tag.value());
                if (existing != null && existing.isArray()) {
                    history.addAll((ArrayNode) existing);
                }
            } catch (JsonProcessingException e) {
                // A corrupt history is replaced, as MLflow would fail to read it anyway.
            }
        });
        history.add(model);
        activeRun(runId);
        store.logBatch(runId, List.of(), List.of(), List.of(new Tag(LOG_MODEL_HISTORY_TAG, history.toString())));
    }

    public ResultPage<RunEntity> searchRuns(List<String> experimentIds, String filter, String viewType, Integer maxResults,
                                List<String> orderBy, String pageToken) {
        int limit = TrackingValidation.maxResults(maxResults, DEFAULT_RUNS_PAGE, MAX_RUNS_PAGE);
        int offset = PageToken.decode(pageToken);
        List<OrderClause> order = SearchFilterParser.parseOrderBy(orderBy, SearchEntity.RUNS);
        RunSearch search = new RunSearch(experimentIds, SearchFilterParser.parseFilter(filter, SearchEntity.RUNS),
                order, ViewType.parse(viewType, "run_view_type"), offset, limit + 1, RunSeek.of(PageToken.seek(pageToken), order));
        List<RunEntity> fetched = store.searchRuns(search);
        if (fetched.size() > limit) {
            RunSeek seek = RunSeek.after(fetched.get(limit - 1), order);
            return new ResultPage<>(fetched.subList(0, limit), PageToken.encode(offset + limit, seek == null ? null : seek.toJson()));
        }
        return new ResultPage<>(fetched, null);
    }

    private static <T> ResultPage<T> page(List<T> fetched, int offset, int limit) {
        if (fetched.size() > limit) {
            return new ResultPage<>(fetched.subList(0, limit), PageToken.encode(offset + limit));
        }
        return new ResultPage<>(fetched, null);
    }

    // ---- metric history

    /** Kinds of key that {@link #experimentKeys} lists. */
    public static final List<String> KEY_KINDS = List.of("metrics", "params", "tags");

    /**
     * A page of the distinct keys of one kind logged to the runs of an experiment (a deleted run's keys included),
     * sorted; the next page starts after the last key returned when the page is full.
     */
    public List<String> experimentKeys(String experimentId, String kind, String contains, String after, int limit) {
        getExperiment(experimentId);
        if (kind == null || !KEY_KINDS.contains(kind)) {
            throw MlforgeException.invalidParameter("'kind' must be one of metrics, params or tags, got '"
                    + (kind == null ? "" : kind) + "'");
        }
        if (limit < 1 || limit > 1000) {
            throw MlforgeException.invalidParameter("limit must be a whole number from 1 to 1000, got " + limit);
        }
        return store.experimentKeys(experimentId, kind, contains, after == null || after.isEmpty() ? null : after, limit);
    }

    public ResultPage<MetricEntity> metricHistory(String runId, String key, Integer maxResults, String pageToken) {
        runInfo(runId);
        if (key == null || key.isEmpty()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'metric_key'. "
                    + "See the API docs for more information about request parameters.");
        }
        if (maxResults == null && (pageToken == null || pageToken.isEmpty())) {
            return new ResultPage<>(store.metricHistory(runId, key, 0, Integer.MAX_VALUE), null);
        }
        int limit = TrackingValidation.maxResults(maxResults, MAX_METRIC_HISTORY_PAGE, MAX_METRIC_HISTORY_PAGE);
        int offset = PageToken.decode(pageToken);
        return page(store.metricHistory(runId, key, offset, limit + 1), offset, limit);
    }

    /** The min and max of one metric over every point of each of up to 100 runs, by run id. */
    public Map<String, MetricRange> metricRanges(List<String> runIds, String key) {
        if (runIds.size() > MAX_BULK_RUNS) {
            throw MlforgeException.invalidParameter("At most " + MAX_BULK_RUNS + " runs, got " + runIds.size());
        }
        Map<String, MetricRange> byRun = new java.util.LinkedHashMap<>();
        if (!runIds.isEmpty()) {
            store.metricRanges(runIds, key).forEach(range -> byRun.put(range.runId(), range));
        }
        return byRun;
    }

    /**
     * One metric of up to 100 runs sampled for a chart by the database (up to {@code maxSteps} evenly spaced steps a
     * run, with its first and last step and those of its lowest and highest number), by run then step.
     */
    public List<RunMetric> sampledMetricHistories(List<String> runIds, String key, int maxSteps) {
        if (runIds.size() > MAX_BULK_RUNS) {
            throw MlforgeException.invalidParameter("At most " + MAX_BULK_RUNS + " runs, got " + runIds.size());
        }
        return store.sampledMetricHistories(runIds, key, maxSteps);
    }

    /** Every point of one metric at exactly {@code step} for each of the runs (no sampling). */
    public List<RunMetric> metricsAtStep(List<String> runIds, String key, long step) {
        if (runIds.size() > MAX_BULK_RUNS) {
            throw MlforgeException.invalidParameter("At most " + MAX_BULK_RUNS + " runs, got " + runIds.size());
        }
        return runIds.isEmpty() ? List.of() : store.metricHistories(runIds, key, step, step);
    }

    /**
     * The history of one metric for up to 100 runs, sampled to at most {@code maxResults} steps (always keeping
     * the first and last step), within [startStep, endStep] when both are given.
     */
    public List<RunMetric> metricHistoryBulkInterval(List<String> runIds, String key, Long startStep, Long endStep,
                                                     Integer maxResults) {
        if (runIds.isEmpty()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'run_ids'. "
                    + "See the API docs for more information about request parameters.");
        }
        if (runIds.size() > MAX_BULK_RUNS) {
            throw MlforgeException.invalidParameter("GetMetricHistoryBulkInterval request must specify at most "
                    + MAX_BULK_RUNS + " run_ids. Received " + runIds.size() + " run_ids.");
        }
        if (key == null || key.isEmpty()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'metric_key'. "
                    + "See the API docs for more information about request parameters.");
        }
        if ((startStep == null) != (endStep == null)) {
            throw MlforgeException.invalidParameter("If either start step or end step are specified, both must be specified.");
        }
        if (startStep != null && endStep < startStep) {
            throw MlforgeException.invalidParameter("end_step must be greater than start_step. Found start_step="
                    + startStep + " and end_step=" + endStep + ".");
        }
        int limit = TrackingValidation.maxResults(maxResults, MAX_BULK_RESULTS_PER_RUN, MAX_BULK_RESULTS_PER_RUN);
        runIds.forEach(this::runInfo);
        List<RunMetric> all = store.metricHistories(runIds, key, startStep, endStep);
        TreeSet<Long> steps = new TreeSet<>();
        all.forEach(metric -> steps.add(metric.metric().step()));
        TreeSet<Long> sampled = sampleSteps(new ArrayList<>(steps), limit);
        List<RunMetric> result = new ArrayList<>();
        for (String runId : runIds) {
            all.stream().filter(m -> m.runId().equals(runId) && sampled.contains(m.metric().step())).forEach(result::add);
        }
        return result;
    }

    private static TreeSet<Long> sampleSteps(List<Long> steps, int limit) {
        if (steps.size() <= limit) {
            return new TreeSet<>(steps);
        }
        TreeSet<Long> sampled = new TreeSet<>();
        int stride = (int) Math.ceil((double) steps.size() / Math.max(1, limit - 1));
        for (int i = 0; i < steps.size(); i += stride) {
            sampled.add(steps.get(i));
        }
        sampled.add(steps.get(steps.size() - 1));
        return sampled;
    }
}
