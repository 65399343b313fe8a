package dev.mlforge.ui.tracking;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import dev.mlforge.search.ResultPage;
import dev.mlforge.tracking.ExperimentEntity;
import dev.mlforge.tracking.LoggedModelService;
import dev.mlforge.tracking.RunEntity;
import dev.mlforge.tracking.RunInfoEntity;
import dev.mlforge.tracking.TrackingService;
import dev.mlforge.ui.FilledPage;
import dev.mlforge.ui.PageKit;
import dev.mlforge.ui.Visibility;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The tracking pages: experiments, the runs of an experiment, a run, and the comparison of runs. */
public final class TrackingPages implements Routes {
    private static final int EXPERIMENTS_PAGE = 100;

    private final PageKit kit;
    private final TrackingService tracking;
    private final LoggedModelService loggedModels;
    private final Visibility visibility;

    /** @param visibility which experiments the caller's lists show (the pages of one are guarded at the door) */
    public TrackingPages(PageKit kit, TrackingService tracking, LoggedModelService loggedModels, Visibility visibility) {
        this.kit = kit;
        this.tracking = tracking;
        this.loggedModels = loggedModels;
        this.visibility = visibility;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/ui/experiments", this::experiments, Role.READ);
        routes.get("/ui/experiments/{experiment_id}", this::runs, Role.READ);
        routes.get("/ui/experiments/{experiment_id}/keys", this::keys, Role.READ);
        routes.get("/ui/runs/{run_id}", this::run, Role.READ);
        routes.get("/ui/compare", this::compare, Role.READ);
        routes.get("/ui/compare/history", this::history, Role.READ);
    }

    private void experiments(Context ctx) {
        String filter = text(ctx.queryParam("filter"));
        String token = ctx.queryParam("page_token");
        RequestIdentity identity = RequestIdentity.of(ctx);
        ResultPage<ExperimentEntity> found = FilledPage.of((size, from) -> tracking.searchExperiments(
                        filter.isEmpty() ? null : filter, List.of("last_update_time DESC"), "ACTIVE_ONLY", size, from),
                experiment -> visibility.mayReadExperiment(identity, experiment.experimentId())
                        && kit.inWorkspace(ctx, Visibility.Kind.EXPERIMENT, experiment.experimentId()), EXPERIMENTS_PAGE, token);
        List<ExperimentsPage.Row> rows = found.items().stream().map(TrackingPages::row).toList();
        String next = found.nextPageToken() == null ? null
                : "/ui/experiments?" + Formats.query("page_token", found.nextPageToken()) + "&" + Formats.query("filter", filter);
        kit.render(ctx, "tracking/experiments.jte", new ExperimentsPage(kit.frame(ctx, "Experiments", "experiments"),
                filter, rows, next));
    }

    private void runs(Context ctx) {
        kit.requireInWorkspace(ctx, Visibility.Kind.EXPERIMENT, ctx.pathParam("experiment_id"));
        ExperimentEntity experiment = tracking.getExperiment(ctx.pathParam("experiment_id"));
        String filter = text(ctx.queryParam("filter"));
        String orderBy = text(ctx.queryParam("order_by"));
        int pageSize = pageSize(ctx.queryParam("page_size"));
        String token = ctx.queryParam("page_token");
        List<String> asked = ctx.queryParams("col");
        ResultPage<RunEntity> found;
        String error = null;
        try {
            found = tracking.searchRuns(List.of(experiment.experimentId()), filter.isEmpty() ? null : filter, "ACTIVE_ONLY",
                    pageSize, orderBy.isEmpty() ? List.of() : List.of(orderBy), token);
        } catch (MlforgeException e) {
            if (e.errorCode() != ErrorCode.INVALID_PARAMETER_VALUE) {
                throw e;
            }
            found = new ResultPage<>(List.of(), null);
            error = e.getMessage();
            ctx.status(400);
        }
        Map<String, TreeSet<String>> keys = RunsTable.keys(found.items());
        List<RunsTable.Key> chosen = RunsTable.columns(asked, keys);
        String base = "/ui/experiments/" + experiment.experimentId();
        List<String> kept = new ArrayList<>(List.of("filter", filter, "page_size", pageSize == DEFAULT_RUNS_PAGE ? "" : Integer.toString(pageSize)));
        asked.forEach(col -> kept.addAll(List.of("col", col)));
        List<RunsPage.Column> columns = new ArrayList<>();
        columns.add(column("attributes", "run_name", "Run", "attributes.run_name", orderBy, base, kept, false));
        columns.add(column("attributes", "start_time", "Created", "attributes.start_time", orderBy, base, kept, false));
        columns.add(column("attributes", "duration", "Duration", null, orderBy, base, kept, true));
        columns.add(column("attributes", "status", "Status", "attributes.status", orderBy, base, kept, false));
        columns.add(column("attributes", "user_id", "User", "attributes.user_id", orderBy, base, kept, false));
        for (RunsTable.Key key : chosen) {
            columns.add(column(key.kind(), key.key(), key.key(), key.orderKey(), orderBy, base, kept, key.kind().equals("metrics")));
        }
        List<RunsPage.Row> rows = RunsTable.nested(found.items()).stream().map(placed -> {
            RunInfoEntity info = placed.run().info();
            return new RunsPage.Row(info.runId(), info.runName(), info.status().name(), Formats.iso(info.startTime()),
                    Formats.shown(info.startTime()), Formats.duration(info.startTime(), info.endTime()), info.userId(),
                    placed.depth(), RunsTable.parent(placed.run()), RunsTable.values(placed.run(), chosen));
        }).toList();
        List<String> withOrder = new ArrayList<>(kept);
        withOrder.addAll(List.of("order_by", orderBy));
        List<String> next = new ArrayList<>(withOrder);
        next.addAll(java.util.Arrays.asList("page_token", found.nextPageToken()));
        kit.render(ctx, "tracking/runs.jte", new RunsPage(kit.frame(ctx, experiment.name(), "experiments"),
                experiment.experimentId(), experiment.name(), filter, orderBy, error, columns, rows,
                chooser(keys, chosen), token == null ? null : Links.of(base, withOrder),
                found.nextPageToken() == null ? null : Links.of(base, next), rows.size()));
    }

    /** One page of the column chooser's keys: every key of the experiment, not only the shown page's. */
    record KeysPage(String kind, List<String> keys, String next) {}

    /** The column chooser's search over every key of one kind of the experiment, as JSON. */
    private void keys(Context ctx) {
        String id = ctx.pathParam("experiment_id");
        kit.requireInWorkspace(ctx, Visibility.Kind.EXPERIMENT, id);
        String kind = text(ctx.queryParam("kind"));
        String limitText = text(ctx.queryParam("limit"));
        int limit;
        try {
            limit = limitText.isEmpty() ? CHOOSER_KEYS : Integer.parseInt(limitText);
        } catch (NumberFormatException e) {
            throw MlforgeException.invalidParameter("limit must be a whole number from 1 to 1000, got '" + limitText + "'");
        }
        List<String> found = tracking.experimentKeys(id, kind, text(ctx.queryParam("q")), ctx.queryParam("after"), limit);
        ctx.header("Cache-Control", "no-store");
        ctx.json(new KeysPage(kind, found, found.size() == limit ? found.get(found.size() - 1) : null));
    }

    /** Metrics whose history is read for min and max on the run page, and how many are charted at once. */
    static final int SUMMARISED_METRICS = 200;
    static final int CHARTED_METRICS = 8;

    private void run(Context ctx) {
        RunEntity run = tracking.getRun(ctx.pathParam("run_id"));
        RunInfoEntity info = run.info();
        kit.requireInWorkspace(ctx, Visibility.Kind.EXPERIMENT, info.experimentId());
        ExperimentEntity experiment = tracking.getExperiment(info.experimentId());
        kit.render(ctx, "tracking/run.jte", RunView.of(kit.frame(ctx, info.runName(), "experiments"), run, experiment,
                key -> tracking.metricHistory(info.runId(), key, null, null).items(), loggedModels));
    }

    private void compare(Context ctx) {
        List<String> ids = CompareView.runIds(ctx.queryParams("runs"));
        String value = text(ctx.queryParam("value"));
        value = value.isEmpty() ? "last" : value;
        if (!List.of("last", "min", "max", "step").contains(value)) {
            throw MlforgeException.invalidParameter("value must be one of last, min, max or step, got '" + value + "'");
        }
        Long step = null;
        if (value.equals("step")) {
            try {
                step = Long.parseLong(text(ctx.queryParam("step")));
            } catch (NumberFormatException e) {
                throw MlforgeException.invalidParameter("value=step needs a whole step number: step=<n>, got '"
                        + text(ctx.queryParam("step")) + "'");
            }
        }
        boolean diffOnly = "1".equals(ctx.queryParam("diff"));
        boolean transposed = "1".equals(ctx.queryParam("transpose"));
        List<RunEntity> runs = tracking.getRuns(ids);
        ExperimentEntity experiment = tracking.getExperiment(runs.get(0).info().experimentId());
        String joined = String.join(",", ids);
        String stepText = step == null ? "" : Long.toString(step);
        java.util.function.Function<List<String>, String> link = changes -> {
            Map<String, String> query = new java.util.LinkedHashMap<>();
            query.put("runs", joined);
            query.put("value", "last".equals(ctx.queryParam("value")) ? "" : text(ctx.queryParam("value")));
            query.put("step", stepText);
            query.put("diff", diffOnly ? "1" : "");
            query.put("transpose", transposed ? "1" : "");
            for (int i = 0; i + 1 < changes.size(); i += 2) {
                query.put(changes.get(i), changes.get(i + 1));
            }
            List<String> pairs = new ArrayList<>();
            query.forEach((name, text) -> pairs.addAll(List.of(name, text)));
            return Links.of("/ui/compare", pairs);
        };
        String current = value;
        List<ComparePage.Mode> modes = List.of(
                new ComparePage.Mode("Last", link.apply(List.of("value", "", "step", "")), current.equals("last")),
                new ComparePage.Mode("Min", link.apply(List.of("value", "min", "step", "")), current.equals("min")),
                new ComparePage.Mode("Max", link.apply(List.of("value", "max", "step", "")), current.equals("max")));
        ComparePage page = CompareView.of(kit.frame(ctx, "Compare " + ids.size() + " runs", "experiments"),
                new CompareView.Ask(ids, value, step, diffOnly, transposed), runs, experiment, tracking);
        kit.render(ctx, "tracking/compare.jte", page.withLinks(link.apply(List.of("diff", diffOnly ? "" : "1")),
                link.apply(List.of("transpose", transposed ? "" : "1")), modes));
    }

    /** One metric's sampled histories for the compare page's chart when another metric is chosen. */
    record Histories(String key, Map<String, List<double[]>> histories) {}

    /** The histories of one metric of the compared runs, sampled by the database, as JSON (the chart's other metrics). */
    private void history(Context ctx) {
        List<String> ids = CompareView.runIds(ctx.queryParams("runs"));
        String key = text(ctx.queryParam("key"));
        if (key.isEmpty()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'key': the metric to chart");
        }
        ctx.json(new Histories(key, CompareView.history(tracking, ids, key)));
    }

    /** At most this many keys are written into the page as checkboxes; the script searches the rest. */
    static final int CHOOSER_KEYS = 300;

    private static List<RunsPage.ColumnKey> chooser(Map<String, TreeSet<String>> keys, List<RunsTable.Key> chosen) {
        List<RunsPage.ColumnKey> offered = new ArrayList<>();
        chosen.forEach(key -> offered.add(new RunsPage.ColumnKey(key.kind(), key.key(), key.value(), true)));
        keys.forEach((kind, names) -> names.stream()
                .map(name -> new RunsTable.Key(kind, name))
                .filter(key -> !chosen.contains(key))
                .limit(CHOOSER_KEYS)
                .forEach(key -> offered.add(new RunsPage.ColumnKey(key.kind(), key.key(), key.value(), false))));
        return offered.size() > CHOOSER_KEYS ? offered.subList(0, CHOOSER_KEYS) : offered;
    }

    private static RunsPage.Column column(String kind, String key, String header, String orderKey, String orderBy,
            String base, List<String> kept, boolean numeric) {
        if (orderKey == null) {
            return new RunsPage.Column(kind, key, header, null, null, numeric);
        }
        boolean sortedHere = orderBy.startsWith(orderKey);
        boolean descending = sortedHere && orderBy.toUpperCase(java.util.Locale.ROOT).endsWith("DESC");
        String next = sortedHere && descending ? orderKey + " ASC" : orderKey + " DESC";
        List<String> pairs = new ArrayList<>(kept);
        pairs.addAll(List.of("order_by", next));
        return new RunsPage.Column(kind, key, header, Links.of(base, pairs),
                sortedHere ? (descending ? "descending" : "ascending") : null, numeric);
    }

    static final int DEFAULT_RUNS_PAGE = 100;

    private static int pageSize(String asked) {
        if (asked == null || asked.isBlank()) {
            return DEFAULT_RUNS_PAGE;
        }
        try {
            int size = Integer.parseInt(asked.trim());
            if (size >= 1 && size <= 1000) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw MlforgeException.invalidParameter("page_size must be a whole number from 1 to 1000, got '" + asked + "'");
    }

    private static ExperimentsPage.Row row(ExperimentEntity experiment) {
        return new ExperimentsPage.Row(experiment.experimentId(), experiment.name(), Formats.iso(experiment.creationTime()),
                Formats.shown(experiment.creationTime()), Formats.iso(experiment.lastUpdateTime()),
                Formats.shown(experiment.lastUpdateTime()), experiment.artifactLocation());
    }

    static String text(String value) {
        return value == null ? "" : value.trim();
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag webUI = ApiDoc.tag("Web UI");
        return List.of(
                webUI.get("/ui/experiments", "Web UI: the experiments list")
                        .query("filter", "MLflow search filter over experiments").query("page_token", "the next page")
                        .htmlPage().also(404, ""),
                webUI.get("/ui/experiments/{experiment_id}", "Web UI: the runs table of an experiment (search, sort, paging, columns)")
                        .query("filter", "MLflow search filter over runs")
                        .query("order_by", "one MLflow order_by clause")
                        .query("page_size", "runs per page, 1 to 1000 (100)").query("page_token", "the next page")
                        .query("col", "a column to show (metrics.KEY, params.KEY, tags.KEY), repeated")
                        .htmlPage(),
                webUI.get("/ui/experiments/{experiment_id}/keys", "Web UI: the column chooser, every distinct key of one kind over the experiment's runs (paged, searched)")
                        .requiredQuery("kind", "metrics, params or tags")
                        .query("q", "keep keys containing this text (case-insensitive)")
                        .query("after", "the next page, the keys after this one (the previous answer's next)")
                        .query("limit", "keys per page, 1 to 1000 (300)")
                        .status(200, "the keys, sorted, and next (the last key when the page is full, else absent)"),
                webUI.get("/ui/runs/{run_id}", "Web UI: one run (params, metrics, tags, datasets, models, artifacts)")
                        .htmlPage(),
                webUI.get("/ui/compare", "Web UI: compare runs (diff-only, transposed, last/min/max/step values, charts)")
                        .requiredQuery("runs", "run ids, repeated or comma-separated, at most 100")
                        .query("value", "last (default), min, max or step")
                        .query("step", "the step shown when value=step")
                        .query("diff", "1 to show only differing rows").query("transpose", "1 for runs as rows")
                        .htmlPage().also(404, ""),
                webUI.get("/ui/compare/history", "Web UI: one metric of the compared runs for the chart, sampled by the database (about 320 steps a run)")
                        .requiredQuery("runs", "run ids, repeated or comma-separated, at most 100")
                        .requiredQuery("key", "the metric key")
                        .status(200, "{\"key\", \"histories\": {\"<run id>\": [[step, value], ...]}}: evenly spaced steps with the first, last, lowest and highest point"));
    }
}
