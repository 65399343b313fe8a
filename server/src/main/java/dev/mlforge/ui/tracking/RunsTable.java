package dev.mlforge.ui.tracking;

import dev.mlforge.tracking.MetricEntity;
import dev.mlforge.tracking.ParamEntity;
import dev.mlforge.tracking.RunEntity;
import dev.mlforge.tracking.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns one page of runs into table rows: which columns to show (those asked for, else the first few params and
 * metrics), each run's values in those columns, and children placed right under their parent.
 */
final class RunsTable {
    static final String PARENT_TAG = "mlflow.parentRunId";
    private static final int DEFAULT_METRICS = 6;
    private static final int DEFAULT_PARAMS = 4;

    /** A chosen column: {@code metrics}, {@code params} or {@code tags}, and its key. */
    record Key(String kind, String key) {
        /** Parses {@code metrics.acc}; null for anything else. */
        static Key parse(String column) {
            int dot = column.indexOf('.');
            if (dot < 0) {
                return null;
            }
            String kind = column.substring(0, dot);
            return kind.equals("metrics") || kind.equals("params") || kind.equals("tags")
                    ? new Key(kind, column.substring(dot + 1)) : null;
        }

        String value() {
            return kind + "." + key;
        }

        /** The order_by key of MLflow's grammar, the key in backticks. */
        String orderKey() {
            return kind + ".`" + key.replace("`", "") + "`";
        }
    }

    private RunsTable() {}

    /** Every key of each kind seen on the page, sorted. */
    static Map<String, TreeSet<String>> keys(List<RunEntity> runs) {
        Map<String, TreeSet<String>> keys = new LinkedHashMap<>();
        keys.put("metrics", new TreeSet<>());
        keys.put("params", new TreeSet<>());
        keys.put("tags", new TreeSet<>());
        for (RunEntity run : runs) {
            run.metrics().forEach(metric -> keys.get("metrics").add(metric.key()));
            run.params().forEach(param -> keys.get("params").add(param.key()));
            run.tags().stream().filter(tag -> !tag.key().startsWith("mlflow.")).forEach(tag -> keys.get("tags").add(tag.key()));
        }
        return keys;
    }

    /** The columns asked for, or by default the first metrics and params of the page. */
    static List<Key> columns(List<String> asked, Map<String, TreeSet<String>> keys) {
        List<Key> chosen = asked.stream().map(Key::parse).filter(key -> key != null).distinct().toList();
        if (!chosen.isEmpty()) {
            return chosen;
        }
        List<Key> defaults = new ArrayList<>();
        keys.get("metrics").stream().limit(DEFAULT_METRICS).forEach(key -> defaults.add(new Key("metrics", key)));
        keys.get("params").stream().limit(DEFAULT_PARAMS).forEach(key -> defaults.add(new Key("params", key)));
        return defaults;
    }

    static List<String> values(RunEntity run, List<Key> columns) {
        Map<String, Double> metrics = run.metrics().stream().collect(Collectors.toMap(MetricEntity::key, MetricEntity::value, (a, b) -> b));
        Map<String, String> params = run.params().stream().collect(Collectors.toMap(ParamEntity::key, ParamEntity::value, (a, b) -> b));
        Map<String, String> tags = run.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
        List<String> values = new ArrayList<>(columns.size());
        for (Key column : columns) {
            values.add(switch (column.kind()) {
                case "metrics" -> metrics.containsKey(column.key()) ? Formats.number(metrics.get(column.key())) : "";
                case "params" -> params.getOrDefault(column.key(), "");
                default -> tags.getOrDefault(column.key(), "");
            });
        }
        return values;
    }

    static String parent(RunEntity run) {
        return run.tags().stream().filter(tag -> tag.key().equals(PARENT_TAG)).map(Tag::value).findFirst().orElse(null);
    }

    /** A run placed in the table, with its nesting depth (0 for a run whose parent is not on the page). */
    record Placed(RunEntity run, int depth) {}

    /** The page's runs with every child whose parent is on the page moved right after that parent, depth first. */
    static List<Placed> nested(List<RunEntity> runs) {
        Map<String, RunEntity> byId = new LinkedHashMap<>();
        runs.forEach(run -> byId.put(run.info().runId(), run));
        Map<String, List<RunEntity>> children = new LinkedHashMap<>();
        List<RunEntity> top = new ArrayList<>();
        for (RunEntity run : runs) {
            String parent = parent(run);
            if (parent != null && byId.containsKey(parent) && !parent.equals(run.info().runId())) {
                children.computeIfAbsent(parent, key -> new ArrayList<>()).add(run);
            } else {
                top.add(run);
            }
        }
        List<Placed> ordered = new ArrayList<>(runs.size());
        java.util.Set<String> placed = new java.util.HashSet<>();
        for (RunEntity run : top) {
            place(run, 0, children, ordered, placed);
        }
        // a cycle of parents (never logged by MLflow's client) leaves runs unplaced: they go last, flat
        runs.stream().filter(run -> !placed.contains(run.info().runId())).forEach(run -> ordered.add(new Placed(run, 0)));
        return ordered;
    }

    private static void place(RunEntity run, int depth, Map<String, List<RunEntity>> children, List<Placed> ordered,
            java.util.Set<String> placed) {
        if (!placed.add(run.info().runId())) {
            return;
        }
        ordered.add(new Placed(run, Math.min(depth, 4)));
        for (RunEntity child : children.getOrDefault(run.info().runId(), List.of())) {
            place(child, depth + 1, children, ordered, placed);
        }
    }
}
