package dev.mlforge.ui.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.datasets.ColumnStatistics;
import dev.mlforge.datasets.DatasetService;
import dev.mlforge.datasets.DatasetSummaryEntity;
import dev.mlforge.datasets.DatasetVersionEntity;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import dev.mlforge.pipelines.PipelineRunRecord;
import dev.mlforge.pipelines.Pipelines;
import dev.mlforge.pipelines.RetrainTrigger;
import dev.mlforge.pipelines.ScheduledPipeline;
import dev.mlforge.pipelines.StepRecord;
import dev.mlforge.search.ResultPage;
import dev.mlforge.tracing.TraceInfoEntity;
import dev.mlforge.tracing.TraceSpan;
import dev.mlforge.tracing.TracingService;
import dev.mlforge.tracking.ExperimentEntity;
import dev.mlforge.tracking.TrackingService;
import dev.mlforge.ui.PageKit;
import dev.mlforge.ui.Visibility;
import dev.mlforge.ui.ops.DataViews.AssessmentRow;
import dev.mlforge.ui.ops.DataViews.ProfileRow;
import dev.mlforge.ui.ops.DataViews.RunRow;
import dev.mlforge.ui.ops.DataViews.SpanRow;
import dev.mlforge.ui.ops.DataViews.StepRow;
import dev.mlforge.ui.ops.DataViews.TraceRow;
import dev.mlforge.ui.ops.RegistryViews.Fact;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The data pages: datasets with their profiles, pipeline runs (DAG, steps, schedules, triggers) and traces. */
public final class DataPages implements Routes {
    private static final int RUNS_SHOWN = 100;
    private static final int TRACES_PAGE = 50;
    private static final int EXPERIMENTS_SEARCHED = 100;

    private final PageKit kit;
    private final DatasetService datasets;
    private final Pipelines pipelines;
    private final TracingService tracing;
    private final TrackingService tracking;
    private final Visibility visibility;

    /** @param visibility which datasets and experiments (of traces) the caller's lists show */
    public DataPages(PageKit kit, DatasetService datasets, Pipelines pipelines, TracingService tracing, TrackingService tracking,
            Visibility visibility) {
        this.kit = kit;
        this.datasets = datasets;
        this.pipelines = pipelines;
        this.tracing = tracing;
        this.tracking = tracking;
        this.visibility = visibility;
        kit.assets().url("ops.css");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/ui/datasets", this::datasetsPage, Role.READ);
        routes.get("/ui/datasets/{name}", this::dataset, Role.READ);
        routes.get("/ui/pipelines", this::pipelinesPage, Role.READ);
        routes.get("/ui/pipelines/runs/{run_id}", this::pipelineRun, Role.READ);
        routes.get("/ui/traces", this::traces, Role.READ);
        routes.get("/ui/traces/{trace_id}", this::trace, Role.READ);
    }

    private void datasetsPage(Context ctx) {
        RequestIdentity identity = RequestIdentity.of(ctx);
        List<DataViews.DatasetRow> rows = datasets.datasets().stream()
                .filter(dataset -> visibility.mayRead(identity, Visibility.Kind.DATASET, dataset.name())
                        && kit.inWorkspace(ctx, Visibility.Kind.DATASET, dataset.name()))
                .map(DataPages::datasetRow).toList();
        kit.render(ctx, "ops/datasets.jte", new DataViews.DatasetsPage(kit.frame(ctx, "Datasets", "datasets"), rows));
    }

    private static DataViews.DatasetRow datasetRow(DatasetSummaryEntity dataset) {
        return new DataViews.DatasetRow(dataset.name(), "/ui/datasets/" + Shown.url(dataset.name()), dataset.versionCount(),
                dataset.latestVersion(), dataset.latestDigest(), Shown.time(dataset.updatedAt()));
    }

    private void dataset(Context ctx) {
        String name = ctx.pathParam("name");
        kit.requireInWorkspace(ctx, Visibility.Kind.DATASET, name);
        DatasetVersionEntity shown = datasets.version(name, ctx.queryParamAsClass("version", String.class).getOrDefault("latest"));
        String href = "/ui/datasets/" + Shown.url(name);
        List<DataViews.VersionLink> versions = datasets.versions(name).stream()
                .map(v -> new DataViews.VersionLink(v.version(), href + "?version=" + v.version(), v.digest(),
                        Long.toString(v.rowCount()), Shown.time(v.createdAt()), v.version() == shown.version()))
                .toList();
        List<Fact> facts = List.of(Fact.of("Rows", Long.toString(shown.rowCount())),
                Fact.of("Columns", Integer.toString(shown.schema().size())), Fact.of("Size", bytes(shown.sizeBytes())),
                Fact.of("Digest", shown.digest()), Fact.of("SHA-256", shown.sha256()), Fact.of("Created", Shown.time(shown.createdAt())));
        List<ProfileRow> profile = shown.profile().stream().map(DataPages::profileRow).toList();
        kit.render(ctx, "ops/dataset.jte", new DataViews.DatasetPage(kit.frame(ctx, name, "datasets"), name, versions,
                shown.version(), facts, profile, "/ui/lineage?dataset_digest=" + Shown.url(shown.digest())));
    }

    private static ProfileRow profileRow(ColumnStatistics column) {
        String quantiles = column.quantiles() == null ? "" : String.join("  ", column.quantiles().entrySet().stream()
                .map(e -> e.getKey() + " " + Shown.number(e.getValue())).toList());
        String top = column.categoryCounts() == null ? "" : String.join(", ", column.categoryCounts().entrySet().stream()
                .limit(5).map(e -> e.getKey() + " (" + e.getValue() + ")").toList());
        return new ProfileRow(column.name(), column.type().name().toLowerCase(java.util.Locale.ROOT), Long.toString(column.count()),
                column.missing() + " (" + Shown.percent(column.missingRate()) + ")", number(column.min()), number(column.max()),
                number(column.mean()), number(column.std()), quantiles,
                column.distinctCount() == null ? "" : column.distinctCount().toString(), top);
    }

    private static String number(Double value) {
        return value == null ? "" : Shown.number(value);
    }

    private static String bytes(long size) {
        return size < 1024 ? size + " B" : size < 1024 * 1024 ? Shown.number(Math.round(size / 102.4) / 10.0) + " KiB"
                : Shown.number(Math.round(size / 104857.6) / 10.0) + " MiB";
    }

    private void pipelinesPage(Context ctx) {
        String pipeline = ctx.queryParam("pipeline");
        List<RunRow> runs = pipelines.service().runs(pipeline == null || pipeline.isBlank() ? null : pipeline, RUNS_SHOWN).stream()
                .filter(run -> kit.inWorkspace(ctx, Visibility.Kind.PIPELINE_RUN, run.runId())).map(DataPages::runRow).toList();
        List<DataViews.ScheduleRow> schedules = pipelines.scheduler().schedules().stream()
                .filter(schedule -> kit.inWorkspace(ctx, Visibility.Kind.PIPELINE_SCHEDULE, schedule.name()))
                .map(DataPages::scheduleRow).toList();
        List<DataViews.TriggerRow> triggers = pipelines.driftTrigger().triggers().stream()
                .filter(trigger -> kit.inWorkspace(ctx, Visibility.Kind.DEPLOYMENT, trigger.deployment()))
                .map(DataPages::triggerRow).toList();
        kit.render(ctx, "ops/pipelines.jte", new DataViews.PipelinesPage(kit.frame(ctx, "Pipelines", "pipelines"),
                pipeline == null ? "" : pipeline, runs, schedules, triggers));
    }

    private static RunRow runRow(PipelineRunRecord run) {
        String duration = run.endedAt() == null ? "running" : duration(Duration.between(run.startedAt(), run.endedAt()));
        return new RunRow(run.runId(), "/ui/pipelines/runs/" + Shown.url(run.runId()), run.pipelineName(), run.status().name(),
                text(run.trigger()), Shown.time(run.startedAt()), duration, Shown.cut(text(run.message()), 200));
    }

    private static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : millis < 60_000 ? Shown.number(Math.round(millis / 100.0) / 10.0) + " s"
                : duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
    }

    private static DataViews.ScheduleRow scheduleRow(ScheduledPipeline schedule) {
        return new DataViews.ScheduleRow(schedule.name(), schedule.cron(), schedule.enabled(), Shown.time(schedule.nextFireAt()),
                schedule.lastFiredAt() == null ? "never" : Shown.time(schedule.lastFiredAt()) + " (" + text(schedule.lastFiredBy()) + ")",
                params(schedule.params()));
    }

    private static DataViews.TriggerRow triggerRow(RetrainTrigger trigger) {
        return new DataViews.TriggerRow(trigger.deployment(), OperationsPages.deploymentHref(trigger.deployment()),
                pipelineName(trigger.definition()), params(trigger.params()), Shown.time(trigger.createdAt()));
    }

    /** The {@code name:} line of a pipeline definition, for display. */
    private static String pipelineName(String yaml) {
        for (String line : yaml.split("\n")) {
            if (line.startsWith("name:")) {
                return line.substring("name:".length()).trim().replaceAll("^[\"']|[\"']$", "");
            }
        }
        return "(unnamed)";
    }

    private static String params(Map<String, String> params) {
        return String.join(", ", new TreeMap<>(params).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private void pipelineRun(Context ctx) {
        kit.requireInWorkspace(ctx, Visibility.Kind.PIPELINE_RUN, ctx.pathParam("run_id"));
        PipelineRunRecord run = pipelines.service().run(ctx.pathParam("run_id"));
        Map<String, Set<String>> dependencies = pipelines.service().dependencies(run.runId());
        Map<String, StepRecord> records = new LinkedHashMap<>();
        run.steps().forEach(step -> records.put(step.step(), step));
        List<Fact> params = new TreeMap<>(run.params()).entrySet().stream().map(e -> Fact.of(e.getKey(), e.getValue())).toList();
        List<StepRow> steps = run.steps().stream().map(DataPages::stepRow).toList();
        kit.render(ctx, "ops/pipeline-run.jte", new DataViews.PipelineRunPage(kit.frame(ctx, "Pipeline run " + run.pipelineName(),
                "pipelines"), runRow(run), params, dag(dependencies, records), steps, runHref(run.trackingRunId())));
    }

    /** The run's DAG: each step in the column of its longest chain of upstream steps, coloured by its state. */
    static GraphView dag(Map<String, Set<String>> dependencies, Map<String, StepRecord> records) {
        Map<String, Integer> depth = new HashMap<>();
        for (String step : dependencies.keySet()) {
            depth(step, dependencies, depth, 0);
        }
        List<GraphView.Node> nodes = new ArrayList<>();
        List<String> ordered = new ArrayList<>(dependencies.keySet());
        ordered.sort(java.util.Comparator.comparingInt(depth::get));
        for (String step : ordered) {
            StepRecord record = records.get(step);
            String state = record == null ? "PENDING" : record.state().name();
            String subtitle = state.toLowerCase(java.util.Locale.ROOT)
                    + (record != null && record.attempts() > 1 ? " · " + record.attempts() + " attempts" : "");
            nodes.add(new GraphView.Node("step:" + step, depth.get(step), "state-" + state.toLowerCase(java.util.Locale.ROOT),
                    step, subtitle, "#step-" + step));
        }
        List<GraphView.Edge> edges = new ArrayList<>();
        dependencies.forEach((step, upstream) -> upstream.forEach(from -> edges.add(new GraphView.Edge("step:" + from, "step:" + step, null))));
        // a pipeline deeper than it is wide reads down the page
        int deepest = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return GraphView.layout(nodes, edges, deepest >= 4);
    }

    private static int depth(String step, Map<String, Set<String>> dependencies, Map<String, Integer> known, int guard) {
        Integer cached = known.get(step);
        if (cached != null) {
            return cached;
        }
        int value = 0;
        if (guard < dependencies.size()) {
            for (String upstream : dependencies.getOrDefault(step, Set.of())) {
                if (dependencies.containsKey(upstream)) {
                    value = Math.max(value, depth(upstream, dependencies, known, guard + 1) + 1);
                }
            }
        }
        known.put(step, value);
        return value;
    }

    private static StepRow stepRow(StepRecord step) {
        return new StepRow(step.step(), step.state().name(), step.attempts(), step.cached(), text(step.message()),
                runHref(step.trackingRunId()), text(step.trackingRunId()), Shown.cut(outputs(step.outputsJson()), 300),
                Shown.time(step.updatedAt()));
    }

    /** A step's outputs in short: a value as itself, a file by its name ({@code rows=178, data=data.csv}). */
    static String outputs(String json) {
        if (json == null || json.isBlank()) {
            return "";
        }
        try {
            List<String> parts = new ArrayList<>();
            Json.mapper().readTree(json).fields().forEachRemaining(entry -> {
                JsonNode output = entry.getValue();
                String shown;
                if ("file".equals(output.path("kind").asText())) {
                    String path = output.path("path").asText();
                    shown = path.substring(path.lastIndexOf('/') + 1);
                } else {
                    JsonNode value = output.has("value") ? output.get("value") : output;
                    shown = value.isNumber() ? Shown.number(value.asDouble()) : value.isTextual() ? value.asText()
                            : Shown.cut(value.toString(), 80);
                }
                parts.add(entry.getKey() + "=" + shown);
            });
            return String.join(", ", parts);
        } catch (IOException | RuntimeException e) {
            return json;
        }
    }

    private static String runHref(String runId) {
        return runId == null || runId.isBlank() ? null : "/ui/runs/" + Shown.url(runId);
    }

    private void traces(Context ctx) {
        List<ExperimentEntity> experiments = tracking.searchExperiments(null, List.of("name ASC"), "ACTIVE_ONLY",
                EXPERIMENTS_SEARCHED, null).items().stream()
                .filter(experiment -> visibility.mayReadExperiment(RequestIdentity.of(ctx), experiment.experimentId())
                        && kit.inWorkspace(ctx, Visibility.Kind.EXPERIMENT, experiment.experimentId())).toList();
        List<Fact> choices = experiments.stream().map(e -> new Fact(e.name(), e.experimentId(), null)).toList();
        String chosen = text(ctx.queryParam("experiment_id"));
        if (!chosen.isEmpty()) {
            requireReadable(ctx, chosen);
        }
        String filter = text(ctx.queryParam("filter"));
        List<String> ids = chosen.isEmpty() ? experiments.stream().map(ExperimentEntity::experimentId).toList() : List.of(chosen);
        List<TraceRow> rows = List.of();
        String error = null;
        String next = null;
        if (!ids.isEmpty()) {
            try {
                ResultPage<TraceInfoEntity> found = tracing.search(ids, filter.isEmpty() ? null : filter, TRACES_PAGE, List.of(),
                        ctx.queryParam("page_token"));
                rows = found.items().stream().map(DataPages::traceRow).toList();
                next = found.nextPageToken() == null ? null : "/ui/traces?page_token=" + Shown.url(found.nextPageToken())
                        + "&experiment_id=" + Shown.url(chosen) + "&filter=" + Shown.url(filter);
            } catch (MlforgeException e) {
                error = e.getMessage();
            }
        }
        kit.render(ctx, "ops/traces.jte", new DataViews.TracesPage(kit.frame(ctx, "Traces", "traces"), choices, chosen, filter,
                error, rows, next));
    }

    private static TraceRow traceRow(TraceInfoEntity trace) {
        return new TraceRow(trace.traceId(), "/ui/traces/" + Shown.url(trace.traceId()), text(trace.state()),
                Shown.time(trace.requestTime()), trace.executionDuration() == null ? "" : trace.executionDuration() + " ms",
                Shown.cut(text(trace.requestPreview()), 120), Shown.cut(text(trace.responsePreview()), 120),
                trace.assessments().size());
    }

    /** Traces are read through their experiment's permission, as the tracing API's are. */
    private void requireReadable(Context ctx, String experimentId) {
        if (!visibility.mayReadExperiment(RequestIdentity.of(ctx), experimentId)) {
            throw new MlforgeException(ErrorCode.PERMISSION_DENIED, "Permission denied: you may not read experiment " + experimentId);
        }
    }

    private void trace(Context ctx) {
        TraceInfoEntity info = tracing.getTraceInfo(ctx.pathParam("trace_id"));
        requireReadable(ctx, info.experimentId());
        List<TraceSpan> spans = tracing.spans(info.traceId());
        List<Fact> facts = new ArrayList<>();
        facts.add(Fact.of("State", info.state()));
        facts.add(Fact.of("Started", Shown.time(info.requestTime())));
        facts.add(Fact.of("Duration", info.executionDuration() == null ? "" : info.executionDuration() + " ms"));
        facts.add(new Fact("Experiment", experimentName(info.experimentId()), "/ui/experiments/" + Shown.url(info.experimentId())));
        if (info.clientRequestId() != null) {
            facts.add(Fact.of("Client request id", info.clientRequestId()));
        }
        List<Fact> tags = new TreeMap<>(info.tags()).entrySet().stream().map(e -> Fact.of(e.getKey(), e.getValue())).toList();
        kit.render(ctx, "ops/trace.jte", new DataViews.TracePage(kit.frame(ctx, "Trace " + info.traceId(), "traces"),
                info.traceId(), facts, spanTree(spans), info.assessments().stream().map(DataPages::assessment).toList(), tags));
    }

    private String experimentName(String experimentId) {
        try {
            return tracking.getExperiment(experimentId).name() + " (" + experimentId + ")";
        } catch (MlforgeException e) {
            return experimentId;
        }
    }

    /** The spans depth first from the roots, each placed on the trace's time line. */
    static List<SpanRow> spanTree(List<TraceSpan> spans) {
        Map<String, List<TraceSpan>> children = new LinkedHashMap<>();
        Set<String> ids = new java.util.HashSet<>();
        spans.forEach(span -> ids.add(span.spanId()));
        List<TraceSpan> roots = new ArrayList<>();
        for (TraceSpan span : spans) {
            if (span.parentSpanId() == null || !ids.contains(span.parentSpanId())) {
                roots.add(span);
            } else {
                children.computeIfAbsent(span.parentSpanId(), key -> new ArrayList<>()).add(span);
            }
        }
        long start = spans.stream().mapToLong(TraceSpan::startTimeNs).min().orElse(0);
        long end = spans.stream().mapToLong(span -> Math.max(span.endTimeNs(), span.startTimeNs())).max().orElse(start);
        double total = Math.max(1, end - start);
        List<SpanRow> rows = new ArrayList<>();
        for (TraceSpan root : roots) {
            walk(root, 0, children, start, total, rows);
        }
        return rows;
    }

    private static void walk(TraceSpan span, int depth, Map<String, List<TraceSpan>> children, long start, double total,
            List<SpanRow> rows) {
        double offset = (span.startTimeNs() - start) / total * 100;
        double width = Math.max(0.5, span.durationMillis() * 1e6 / total * 100);
        rows.add(new SpanRow(span.spanId(), span.name(), text(span.type()), text(span.status()), depth,
                Shown.number(Math.round(span.durationMillis() * 100) / 100.0) + " ms", Math.round(offset * 10) / 10.0,
                Math.round(Math.min(width, 100 - offset) * 10) / 10.0, pretty(span.inputs()), pretty(span.outputs())));
        for (TraceSpan child : children.getOrDefault(span.spanId(), List.of())) {
            walk(child, depth + 1, children, start, total, rows);
        }
    }

    private static String pretty(String json) {
        if (json == null || json.isBlank()) {
            return "";
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(Json.mapper().readTree(json));
        } catch (IOException e) {
            return json;
        }
    }

    private static AssessmentRow assessment(String json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            boolean feedback = node.has("feedback");
            JsonNode value = feedback ? node.path("feedback").path("value") : node.path("expectation").path("value");
            JsonNode source = node.path("source");
            String time = node.path("create_time").asText("");
            return new AssessmentRow(node.path("assessment_name").asText(""), feedback ? "feedback" : "expectation",
                    value.isTextual() ? value.asText() : value.toString(),
                    (source.path("source_type").asText("") + " " + source.path("source_id").asText("")).trim(),
                    node.path("rationale").asText(""), time.isEmpty() ? "" : time(time));
        } catch (IOException e) {
            return new AssessmentRow("", "", json, "", "", "");
        }
    }

    private static String time(String rfc3339) {
        try {
            return Shown.time(Instant.parse(rfc3339));
        } catch (java.time.format.DateTimeParseException e) {
            return rfc3339;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag webUI = ApiDoc.tag("Web UI");
        return List.of(
                webUI.get("/ui/datasets", "Web UI: registered datasets").htmlPage(),
                webUI.get("/ui/datasets/{name}", "Web UI: a dataset's versions and the profile of one of them")
                        .query("version", "a version number, latest or a digest").htmlPage(),
                webUI.get("/ui/pipelines", "Web UI: pipeline run history, schedules and drift triggers")
                        .query("pipeline", "only the runs of this pipeline").htmlPage(),
                webUI.get("/ui/pipelines/runs/{run_id}", "Web UI: a pipeline run's DAG with each step's state")
                        .htmlPage(),
                webUI.get("/ui/traces", "Web UI: traces of an experiment (or of all)")
                        .query("experiment_id", "the experiment").query("filter", "MLflow trace search filter")
                        .query("page_token", "next page").htmlPage(),
                webUI.get("/ui/traces/{trace_id}", "Web UI: a trace's span tree with inputs and outputs, and its assessments")
                        .htmlPage());
    }
}
