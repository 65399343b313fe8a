package dev.mlforge.pipelines.steps;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.datasets.ColumnStatistics;
import dev.mlforge.datasets.DatasetColumn;
import dev.mlforge.datasets.ColumnType;
import dev.mlforge.datasets.CsvTable;
import dev.mlforge.datasets.DatasetProfiler;
import dev.mlforge.pipelines.Step;
import dev.mlforge.pipelines.StepContext;
import dev.mlforge.pipelines.StepOutputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks {@code data} against an expected schema ({@code with.schema}: column to {@code numeric}/{@code categorical}),
 * {@code with.min_rows}, {@code with.max_missing_rate}, and optionally a reference CSV ({@code with.reference}):
 * same columns and types, and no numeric mean further than {@code with.max_mean_shift} reference standard deviations
 * (default 3). Fails listing every violation; passes {@code data} through unchanged.
 */
final class ValidateStep implements Step {
    @Override
    public java.util.Set<String> fileParameters() {
        return java.util.Set.of("reference");
    }

    @Override
    public StepOutputs run(StepContext context) {
        CsvTable table = CsvTable.read(context.inputFile("data"));
        List<DatasetColumn> schema = DatasetProfiler.schema(table);
        List<ColumnStatistics> profile = DatasetProfiler.profile(table);
        List<String> violations = new ArrayList<>();
        checkSchema(context.map("schema"), schema, violations);
        long minRows = context.integer("min_rows", 1);
        if (table.rowCount() < minRows) {
            violations.add("has " + table.rowCount() + " rows, fewer than min_rows " + minRows);
        }
        double maxMissing = context.decimal("max_missing_rate", 1.0);
        profile.stream().filter(column -> column.missingRate() > maxMissing).forEach(column -> violations.add(
                "column '" + column.name() + "' has missing rate " + column.missingRate() + " above " + maxMissing));
        if (context.has("reference")) {
            Path reference = context.file("reference");
            checkReference(CsvTable.read(reference), schema, profile, context.decimal("max_mean_shift", 3.0), violations);
        }
        if (!violations.isEmpty()) {
            throw MlforgeException.invalidParameter("Validation of '" + context.stepName() + "' failed: " + String.join("; ", violations));
        }
        return new StepOutputs()
                .pass("data", context.input("data"))
                .value("rows", table.rowCount())
                .value("checks_passed", true)
                .metric("rows", table.rowCount());
    }

    private static void checkSchema(Map<String, Object> expected, List<DatasetColumn> actual, List<String> violations) {
        for (Map.Entry<String, Object> column : expected.entrySet()) {
            DatasetColumn found = actual.stream().filter(c -> c.name().equals(column.getKey())).findFirst().orElse(null);
            if (found == null) {
                violations.add("missing column '" + column.getKey() + "'");
                continue;
            }
            String type = String.valueOf(column.getValue()).toLowerCase();
            if (!type.equals("numeric") && !type.equals("categorical") && !type.equals("any")) {
                violations.add("schema type of '" + column.getKey() + "' must be numeric, categorical or any, got '" + type + "'");
            } else if (!type.equals("any") && !found.type().name().equalsIgnoreCase(type)) {
                violations.add("column '" + column.getKey() + "' is " + found.type().name().toLowerCase() + ", expected " + type);
            }
        }
    }

    private static void checkReference(CsvTable reference, List<DatasetColumn> schema, List<ColumnStatistics> profile,
            double maxShift, List<String> violations) {
        List<DatasetColumn> referenceSchema = DatasetProfiler.schema(reference);
        if (!referenceSchema.equals(schema)) {
            violations.add("columns " + schema + " differ from the reference's " + referenceSchema);
            return;
        }
        List<ColumnStatistics> referenceProfile = DatasetProfiler.profile(reference);
        for (int i = 0; i < profile.size(); i++) {
            ColumnStatistics current = profile.get(i);
            ColumnStatistics expected = referenceProfile.get(i);
            if (current.type() != ColumnType.NUMERIC || expected.std() == null || expected.std() == 0 || current.mean() == null) {
                continue;
            }
            double shift = Math.abs(current.mean() - expected.mean()) / expected.std();
            if (shift > maxShift) {
                violations.add(String.format(java.util.Locale.ROOT, "mean of '%s' moved %.2f reference standard deviations (limit %.2f)",
                        current.name(), shift, maxShift));
            }
        }
    }
}
