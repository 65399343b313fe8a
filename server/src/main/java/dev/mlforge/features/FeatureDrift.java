package dev.mlforge.features;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.monitoring.drift.Column;
import dev.mlforge.monitoring.drift.ColumnDrift;
import dev.mlforge.monitoring.drift.CsvTableReader;
import dev.mlforge.monitoring.drift.DataTable;
import dev.mlforge.monitoring.drift.DriftCalculator;
import dev.mlforge.monitoring.drift.DriftOptions;
import dev.mlforge.monitoring.drift.DriftReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A drift report of a feature view's current values (the latest source row of each entity key now, what
 * materialization serves) against a registered dataset version holding the same feature columns (the training set a
 * model learned from), by monitoring's drift engine with its default methods.
 */
final class FeatureDrift {
    private final FeatureCatalog catalog;
    private final OfflineEngine engine;
    private final SourceFiles sources;
    private final Clock clock;

    FeatureDrift(FeatureCatalog catalog, OfflineEngine engine, SourceFiles sources, Clock clock) {
        this.catalog = catalog;
        this.engine = engine;
        this.sources = sources;
        this.clock = clock;
    }

    /** The report as JSON: {@code view}, {@code reference}, {@code dataset_drift}, {@code drift_share}, {@code columns}. */
    ObjectNode report(String viewName, String dataset, String version) {
        FeatureView view = catalog.featureView(viewName, null);
        if (dataset == null || dataset.isBlank()) {
            throw MlforgeException.invalidParameter("'reference' must name a registered dataset in 'dataset': {\"dataset\": NAME, "
                    + "\"version\": N|latest}");
        }
        String reference = version == null ? "latest" : version;
        DataTable referenceTable;
        try {
            referenceTable = CsvTableReader.read(sources.dataset(dataset, reference));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> columns = view.features().stream().map(FeatureField::name)
                .filter(name -> referenceTable.column(name).isPresent()).toList();
        if (columns.isEmpty()) {
            throw MlforgeException.invalidParameter("Dataset '" + dataset + "' version " + reference + " has none of feature view '"
                    + viewName + "''s features " + view.features().stream().map(FeatureField::name).toList());
        }
        List<OfflineEngine.LatestRow> rows = engine.latest(sources.file(view.source(), "feature view '" + viewName + "'"), view,
                catalog.joinKeys(view), null, clock.millis());
        List<Column> current = new ArrayList<>();
        for (String name : columns) {
            current.add(column(name, referenceTable.column(name).orElseThrow(), rows));
        }
        DriftReport report = DriftCalculator.compare(referenceTable, DataTable.of(current),
                DriftOptions.defaults().withColumns(columns));
        return json(viewName, view.version(), dataset, reference, report);
    }

    /** The current values of one feature, numbers or categories as the reference column is. */
    private static Column column(String name, Column reference, List<OfflineEngine.LatestRow> rows) {
        if (reference instanceof Column.Numbers) {
            double[] values = new double[rows.size()];
            for (int i = 0; i < values.length; i++) {
                Object value = rows.get(i).values().get(name);
                values[i] = value instanceof Number number ? number.doubleValue()
                        : value instanceof Boolean bool ? (bool ? 1 : 0) : Double.NaN;
            }
            return new Column.Numbers(name, values);
        }
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = rows.get(i).values().get(name);
            values[i] = value == null ? null : String.valueOf(value);
        }
        return new Column.Categories(name, values);
    }

    private static ObjectNode json(String viewName, int viewVersion, String dataset, String version, DriftReport report) {
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("view", viewName).put("view_version", viewVersion);
        answer.putObject("reference").put("dataset", dataset).put("version", version);
        answer.put("dataset_drift", report.datasetDrift()).put("drift_share", report.driftShare())
                .put("reference_rows", report.referenceRows()).put("current_rows", report.currentRows());
        ArrayNode columns = answer.putArray("columns");
        for (ColumnDrift column : report.columns()) {
            ObjectNode node = columns.addObject().put("name", column.name()).put("type", column.type().label())
                    .put("method", column.method() == null ? null : column.method().id()).put("drifted", column.drifted());
            number(node, "statistic", column.statistic());
            number(node, "p_value", column.pValue());
            number(node, "threshold", column.threshold());
            node.put("error", column.error());
        }
        return answer;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
