package dev.mlforge.training;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.datasets.DatasetColumn;
import dev.mlforge.datasets.ColumnType;
import dev.mlforge.datasets.CsvTable;
import dev.mlforge.datasets.DatasetProfiler;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Feature preprocessing fitted on training data only: standard scaling of numeric columns (mean 0, population
 * standard deviation 1, as scikit-learn's StandardScaler) and one-hot encoding of categorical columns (unseen
 * categories encode as all zeros). Stored as JSON next to the model so the same transform applies at scoring time.
 */
public record Featurizer(String labelColumn, List<Scaler> scalers, List<OneHot> oneHots) {
    public record Scaler(String column, double mean, double std) {
        /** {@code (x - mean) / std}; a missing value (NaN) becomes the training mean, 0 after scaling. */
        public double apply(double x) {
            return Double.isNaN(x) ? 0.0 : (x - mean) / std;
        }
    }

    public record OneHot(String column, List<String> categories) {}

    public Featurizer {
        scalers = List.copyOf(scalers);
        oneHots = List.copyOf(oneHots);
    }

    public static Featurizer fit(CsvTable train, String labelColumn, boolean scale) {
        List<Scaler> scalers = new ArrayList<>();
        List<OneHot> oneHots = new ArrayList<>();
        for (DatasetColumn column : DatasetProfiler.schema(train)) {
            if (column.name().equals(labelColumn)) {
                continue;
            }
            List<String> values = train.column(column.name());
            if (column.type() == ColumnType.NUMERIC) {
                double[] numbers = values.stream().filter(v -> !DatasetProfiler.isMissing(v)).mapToDouble(DatasetProfiler::parseNumber).toArray();
                double mean = java.util.Arrays.stream(numbers).average().orElse(0);
                double variance = java.util.Arrays.stream(numbers).map(x -> (x - mean) * (x - mean)).average().orElse(0);
                double std = Math.sqrt(variance);
                scalers.add(scale ? new Scaler(column.name(), mean, std == 0 ? 1 : std) : new Scaler(column.name(), 0, 1));
            } else {
                oneHots.add(new OneHot(column.name(), new ArrayList<>(new TreeSet<>(values.stream().filter(v -> !DatasetProfiler.isMissing(v)).toList()))));
            }
        }
        return new Featurizer(labelColumn, scalers, oneHots);
    }

    /** The output columns: scaled numeric columns, then {@code column=category} indicators, then the label. */
    public List<String> outputColumns() {
        List<String> columns = new ArrayList<>();
        scalers.forEach(scaler -> columns.add(scaler.column()));
        oneHots.forEach(oneHot -> oneHot.categories().forEach(category -> columns.add(oneHot.column() + "=" + category)));
        columns.add(labelColumn);
        return columns;
    }

    /** The transform's output columns without the label: what the model was trained on. */
    public List<String> featureColumns() {
        List<String> columns = outputColumns();
        return columns.subList(0, columns.size() - 1);
    }

    /** Applies the fitted transform; missing numeric values become the training mean (0 after scaling). */
    public CsvTable transform(CsvTable table) {
        int[] scaled = scalers.stream().mapToInt(scaler -> table.columnIndex(scaler.column())).toArray();
        int[] encoded = oneHots.stream().mapToInt(oneHot -> table.columnIndex(oneHot.column())).toArray();
        int label = table.columnIndex(labelColumn);
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : table.rows()) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < scaled.length; i++) {
                out.add(Double.toString(scalers.get(i).apply(number(row.get(scaled[i]), scalers.get(i).column()))));
            }
            for (int i = 0; i < encoded.length; i++) {
                String raw = row.get(encoded[i]);
                for (String category : oneHots.get(i).categories()) {
                    out.add(category.equals(raw) ? "1" : "0");
                }
            }
            out.add(row.get(label));
            rows.add(out);
        }
        return new CsvTable(outputColumns(), rows);
    }

    private static double number(String raw, String column) {
        if (DatasetProfiler.isMissing(raw)) {
            return Double.NaN;
        }
        Double value = DatasetProfiler.parseNumber(raw);
        if (value == null) {
            throw MlforgeException.invalidParameter("Column '" + column + "' was numeric when the featurizer was fitted but holds '"
                    + raw + "'");
        }
        return value;
    }
}
