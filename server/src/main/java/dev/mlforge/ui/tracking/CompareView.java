package dev.mlforge.ui.tracking;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.tracking.ExperimentEntity;
import dev.mlforge.tracking.MetricEntity;
import dev.mlforge.tracking.ParamEntity;
import dev.mlforge.tracking.RunEntity;
import dev.mlforge.tracking.RunMetric;
import dev.mlforge.tracking.TrackingService;
import dev.mlforge.ui.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Builds the {@link ComparePage} of some runs from what tracking answers. */
final class CompareView {
    static final int MAX_RUNS = 100;
    /** Steps per run of a charted history, sampled by the database (MLflow's UI asks for 320). */
    static final int CHART_STEPS = 320;

    /** What the request asked for. */
    record Ask(List<String> runIds, String value, Long step, boolean diffOnly, boolean transposed) {}

    private CompareView() {}

    static List<String> runIds(List<String> asked) {
        Set<String> ids = new LinkedHashSet<>();
        asked.forEach(value -> {
            for (String id : value.split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.trim());
                }
            }
        });
        if (ids.isEmpty()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'runs': the runs to compare, repeated or "
                    + "comma-separated");
        }
        if (ids.size() > MAX_RUNS) {
            throw MlforgeException.invalidParameter("At most " + MAX_RUNS + " runs can be compared, got " + ids.size());
        }
        return List.copyOf(ids);
    }

    static ComparePage of(Frame frame, Ask ask, List<RunEntity> runs, ExperimentEntity experiment, TrackingService tracking) {
        List<String> ids = runs.stream().map(run -> run.info().runId()).toList();
        TreeSet<String> metricKeys = new TreeSet<>();
        TreeSet<String> paramKeys = new TreeSet<>();
        runs.forEach(run -> {
            run.metrics().forEach(metric -> metricKeys.add(metric.key()));
            run.params().forEach(param -> paramKeys.add(param.key()));
        });
        // metric values per run: last (as logged), else from the histories
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        runs.forEach(run -> {
            Map<String, Double> latest = new LinkedHashMap<>();
            run.metrics().forEach(metric -> latest.put(metric.key(), metric.value()));
            values.put(run.info().runId(), latest);
        });
        Map<String, Map<String, List<double[]>>> histories = new LinkedHashMap<>();
        if (!ask.value().equals("last")) {
            for (String key : metricKeys) {
                ids.forEach(id -> values.get(id).remove(key));
                if (ask.value().equals("step")) {
                    // the last value logged at the step, in the order of (step, timestamp)
                    for (RunMetric point : tracking.metricsAtStep(ids, key, ask.step())) {
                        values.get(point.runId()).put(key, point.metric().value());
                    }
                } else {
                    tracking.metricRanges(ids, key).forEach((id, range) ->
                            values.get(id).put(key, ask.value().equals("min") ? range.min() : range.max()));
                }
            }
        }
        if (!metricKeys.isEmpty()) {
            // only the charted metric (the first); the script asks /ui/compare/history for another when it is chosen
            histories.put(metricKeys.first(), history(tracking, ids, metricKeys.first()));
        }

        List<ComparePage.Line> lines = new ArrayList<>();
        lines.add(line("attributes", "Run ID", null, runs.stream().map(run -> run.info().runId()).toList()));
        lines.add(line("attributes", "Status", null, runs.stream().map(run -> run.info().status().name()).toList()));
        lines.add(line("attributes", "Started", null, runs.stream().map(run -> Formats.shown(run.info().startTime())).toList()));
        lines.add(line("attributes", "Duration", null, runs.stream()
                .map(run -> Formats.duration(run.info().startTime(), run.info().endTime())).toList()));
        for (String key : paramKeys) {
            lines.add(line("params", key, null, runs.stream().map(run -> run.params().stream()
                    .filter(param -> param.key().equals(key)).map(ParamEntity::value).findFirst().orElse("")).toList()));
        }
        for (String key : metricKeys) {
            lines.add(line("metrics", key, null, ids.stream().map(id -> {
                Double value = values.get(id).get(key);
                return value == null ? "" : Formats.number(value);
            }).toList()));
        }
        if (ask.diffOnly()) {
            lines = new ArrayList<>(lines.stream().filter(line -> !line.same() || line.head().equals("Run ID")).toList());
        }
        List<String> heads = runs.stream().map(run -> run.info().runName()).toList();
        if (ask.transposed()) {
            List<ComparePage.Line> flipped = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                int column = i;
                flipped.add(new ComparePage.Line("runs", heads.get(i), "/ui/runs/" + ids.get(i),
                        lines.stream().map(line -> line.cells().get(column)).toList(), false));
            }
            heads = lines.stream().map(line -> line.section().equals("attributes") ? line.head()
                    : line.section().substring(0, line.section().length() - 1) + " " + line.head()).toList();
            lines = flipped;
        }

        List<Map<String, Object>> data = new ArrayList<>();
        for (RunEntity run : runs) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", run.info().runId());
            item.put("name", run.info().runName());
            Map<String, String> params = new LinkedHashMap<>();
            run.params().forEach(param -> params.put(param.key(), param.value()));
            item.put("params", params);
            Map<String, Double> metrics = new LinkedHashMap<>();
            values.get(run.info().runId()).forEach((key, value) -> {
                if (value != null && Double.isFinite(value)) {
                    metrics.put(key, value);
                }
            });
            item.put("metrics", metrics);
            data.add(item);
        }
        return new ComparePage(frame, experiment.experimentId(), experiment.name(),
                runs.stream().map(run -> new ComparePage.RunHead(run.info().runId(), run.info().runName(),
                        run.info().status().name())).toList(),
                heads, lines, ask.value(), ask.step() == null ? "" : Long.toString(ask.step()), ask.diffOnly(), ask.transposed(),
                null, null, List.of(), String.join(",", ids), Links.json(Map.of("runs", data, "histories", histories)),
                List.copyOf(metricKeys), List.copyOf(paramKeys));
    }

    private static ComparePage.Line line(String section, String head, String href, List<String> cells) {
        boolean same = cells.stream().distinct().count() <= 1;
        return new ComparePage.Line(section, head, href, cells, same);
    }

    /** The charted metric's history per run, sampled by the database, as [[step, value], ...] (numbers only). */
    static Map<String, List<double[]>> history(TrackingService tracking, List<String> ids, String key) {
        Map<String, List<double[]>> byRun = new LinkedHashMap<>();
        for (RunMetric point : tracking.sampledMetricHistories(ids, key, CHART_STEPS)) {
            MetricEntity metric = point.metric();
            if (Double.isFinite(metric.value())) {
                byRun.computeIfAbsent(point.runId(), id -> new ArrayList<>()).add(new double[] {metric.step(), metric.value()});
            }
        }
        return byRun;
    }
}
