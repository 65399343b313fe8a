package dev.mlforge.monitoring.monitors;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.events.EventBus;
import dev.mlforge.events.DriftDetected;
import dev.mlforge.monitoring.alerts.AlertService;
import dev.mlforge.monitoring.performance.LabeledPrediction;
import dev.mlforge.monitoring.performance.PerformanceCalculator;
import dev.mlforge.monitoring.drift.DriftReport;
import dev.mlforge.store.WorkspaceContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One monitor run: reads the reference and the window of predictions, evaluates drift and (with a task and
 * labels) performance, stores the result, updates the gauges, publishes {@link DriftDetected} on dataset drift
 * and hands the values to the alert rules.
 */
final class MonitorRunner {
    private final ReferenceSource references;
    private final PredictionWindowSource predictions;
    private final DriftEvaluator drift;
    private final MonitorStore store;
    private final MonitorMetrics metrics;
    private final AlertService alerts;
    private final EventBus events;
    private final Clock clock;
    /** Where runs with a large reference compute drift; null when every run computes it in memory. */
    private final EngineDrift engine;
    private final WorkspaceContext workspaces;

    MonitorRunner(ReferenceSource references, PredictionWindowSource predictions, DriftEvaluator drift, MonitorStore store,
            MonitorMetrics metrics, AlertService alerts, EventBus events, Clock clock, EngineDrift engine,
            WorkspaceContext workspaces) {
        this.engine = engine;
        this.workspaces = workspaces;
        this.references = references;
        this.predictions = predictions;
        this.drift = drift;
        this.store = store;
        this.metrics = metrics;
        this.alerts = alerts;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Runs in the monitor's workspace, whichever thread (a request, the schedule) runs it: what it publishes (drift,
     * alerts) is delivered there, and it evaluates that workspace's alert rules only.
     */
    MonitorResult run(Monitor monitor) {
        String workspace = store.workspaceOf(monitor.id());
        return workspaces.in(workspace, () -> runIn(workspace, monitor));
    }

    private MonitorResult runIn(String workspace, Monitor monitor) {
        try {
            requireDeploymentIn(workspace, monitor);
            Evaluation evaluation = evaluate(monitor);
            MonitorResult stored = store.insertResult(evaluation.result());
            metrics.record(stored);
            if (stored.drift().datasetDrift()) {
                events.publish(new DriftDetected(monitor.id(), monitor.deployment(), stored.drift().driftShare(),
                        stored.drift().driftedColumnNames(), stored.time(), monitor.reference().describe(),
                        evaluation.newestPrediction()));
            }
            alerts.observe(workspace, monitor.deployment(), monitoredValues(stored));
            return stored;
        } catch (RuntimeException e) {
            metrics.run(monitor.deployment(), "failed");
            throw e;
        }
    }

    /** A result, and the time of the newest prediction it saw (for the retraining trigger's "nothing changed"). */
    private record Evaluation(MonitorResult result, Instant newestPrediction) {}

    /**
     * The monitor's reference and current window compared column by column now, with the shares per bin, for
     * display; nothing is stored, published or alerted.
     */
    List<dev.mlforge.monitoring.drift.ColumnDrift> compareColumns(Monitor monitor) {
        Optional<ReferenceSource.ReferenceFile> large = engine == null ? Optional.empty()
                : engine.reference(references, monitor.reference());
        if (large.isPresent()) {
            return onEngine(monitor, large.get(), window(monitor, clock.instant())).columns();
        }
        ColumnTable reference = references.load(monitor.reference());
        List<PredictionRow> rows = window(monitor, clock.instant());
        List<String> columns = sharedColumns(monitor, reference.names(), rows);
        return drift.compareColumns(select(reference, columns), current(rows, columns), monitor.columnOverrides(),
                monitor.driftShare());
    }

    private Evaluation evaluate(Monitor monitor) {
        Instant now = clock.instant();
        Optional<ReferenceSource.ReferenceFile> large = engine == null ? Optional.empty()
                : engine.reference(references, monitor.reference());
        if (large.isPresent()) {
            List<PredictionRow> rows = window(monitor, now);
            DriftReport report = onEngine(monitor, large.get(), rows);
            return evaluateRest(monitor, rows, CalculatorDriftEvaluator.stored(report), report.referenceRows(), now);
        }
        ColumnTable reference = references.load(monitor.reference());
        List<PredictionRow> rows = window(monitor, now);
        List<String> columns = sharedColumns(monitor, reference.names(), rows);
        StoredDriftReport report = drift.evaluate(select(reference, columns), current(rows, columns), monitor.columnOverrides(),
                monitor.driftShare());
        return evaluateRest(monitor, rows, report, reference.rowCount(), now);
    }

    /** The drift of the window against a large reference file, computed on the bounded-memory engine. */
    private DriftReport onEngine(Monitor monitor, ReferenceSource.ReferenceFile reference, List<PredictionRow> rows) {
        Path file = reference.local().get();
        List<String> columns = sharedColumns(monitor, engine.columnNames(file, reference.name()), rows);
        return engine.compare(file, reference.name(), rows, columns, monitor.columnOverrides(), monitor.driftShare());
    }

    /** The reference columns among the window's inputs; BAD_REQUEST when the window is empty or shares none. */
    private static List<String> sharedColumns(Monitor monitor, List<String> referenceNames, List<PredictionRow> rows) {
        if (rows.isEmpty()) {
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "Monitor " + monitor.id() + ": deployment '"
                    + monitor.deployment() + "' has no predictions in the window");
        }
        List<String> columns = referenceNames.stream()
                .filter(name -> rows.stream().anyMatch(row -> row.inputs().containsKey(name)))
                .toList();
        if (columns.isEmpty()) {
            throw new MlforgeException(ErrorCode.BAD_REQUEST, "Monitor " + monitor.id() + ": no column of the reference ("
                    + monitor.reference().describe() + ": " + referenceNames + ") is among the inputs of deployment '"
                    + monitor.deployment() + "'");
        }
        return columns;
    }

    /** Performance from the labelled rows, and the result to store. */
    private Evaluation evaluateRest(Monitor monitor, List<PredictionRow> rows, StoredDriftReport report, int referenceRows,
            Instant now) {
        List<LabeledPrediction> labelled = rows.stream().filter(row -> row.label() != null)
                .map(row -> new LabeledPrediction(row.version(), row.label(), row.prediction(), row.classScores()))
                .toList();
        Map<String, Double> performance = Map.of();
        Map<String, Map<String, Double>> byVersion = Map.of();
        if (monitor.task() != null) {
            try {
                performance = PerformanceCalculator.compute(monitor.task(), labelled);
                byVersion = PerformanceCalculator.byVersion(monitor.task(), labelled);
            } catch (IllegalArgumentException e) {
                throw new MlforgeException(ErrorCode.BAD_REQUEST, "Monitor " + monitor.id() + ": cannot compute "
                        + monitor.task().label() + " performance of deployment '" + monitor.deployment() + "': " + e.getMessage());
            }
        }
        Instant newest = rows.stream().map(PredictionRow::time).filter(java.util.Objects::nonNull)
                .max(java.util.Comparator.naturalOrder()).orElse(null);
        return new Evaluation(new MonitorResult(0, monitor.id(), monitor.deployment(), now, referenceRows, rows.size(),
                labelled.size(), report, performance, byVersion), newest);
    }

    /**
     * A deployment of the monitor's name that now lives in another workspace (deleted here, created again there) is
     * not this monitor's: its predictions are not read. A deployment gone from every workspace leaves its log readable.
     */
    private void requireDeploymentIn(String workspace, Monitor monitor) {
        if (predictions.workspaceOf(monitor.deployment()).filter(other -> !other.equals(workspace)).isPresent()) {
            throw new MlforgeException(ErrorCode.RESOURCE_DOES_NOT_EXIST, "Monitor " + monitor.id() + ": deployment '"
                    + monitor.deployment() + "' does not exist in workspace '" + workspace + "'");
        }
    }

    private List<PredictionRow> window(Monitor monitor, Instant now) {
        WindowSpec window = monitor.window();
        if (window.lastN() != null) {
            return predictions.lastPredictions(monitor.deployment(), window.lastN());
        }
        return predictions.predictionsSince(monitor.deployment(), now.minusSeconds(window.spanSeconds()));
    }

    private static ColumnTable select(ColumnTable table, List<String> columns) {
        Map<String, List<Object>> selected = new LinkedHashMap<>();
        columns.forEach(name -> selected.put(name, table.column(name)));
        return new ColumnTable(selected);
    }

    /** The named input values of the rows, column by column; numbers become doubles, a missing input null. */
    private static ColumnTable current(List<PredictionRow> rows, List<String> columns) {
        Map<String, List<Object>> current = new LinkedHashMap<>();
        for (String name : columns) {
            List<Object> values = new ArrayList<>(rows.size());
            for (PredictionRow row : rows) {
                Object value = row.inputs().get(name);
                values.add(value instanceof Number number ? (Object) number.doubleValue()
                        : value == null ? null : value.toString());
            }
            current.put(name, values);
        }
        return new ColumnTable(current);
    }

    /** The values alert rules can watch, by the names they use. */
    static Map<String, Double> monitoredValues(MonitorResult result) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("drift_share", result.drift().driftShare());
        values.put("dataset_drift", result.drift().datasetDrift() ? 1.0 : 0.0);
        values.put("drifted_columns", (double) result.drift().driftedColumns());
        for (StoredColumnDrift column : result.drift().columns()) {
            values.put("column_drift:" + column.column(), column.drifted() ? 1.0 : 0.0);
            values.put("column_drift_score:" + column.column(), column.score());
        }
        values.putAll(result.performance());
        return values;
    }
}
