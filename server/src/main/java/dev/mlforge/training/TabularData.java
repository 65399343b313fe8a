package dev.mlforge.training;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.datasets.CsvTable;
import dev.mlforge.datasets.DatasetProfiler;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.tribuo.MutableDataset;
import org.tribuo.OutputFactory;
import org.tribuo.Output;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * A numeric table with one label column, turned into Tribuo datasets. Every column other than the label must be
 * numeric (one-hot encode categorical columns first, as the pipeline's featurize step does).
 *
 * @param loadedAt when the table was read, recorded in the Tribuo provenance of the models trained on it
 */
public record TabularData(String name, CsvTable table, String labelColumn, Instant loadedAt) {
    public TabularData {
        table.columnIndex(labelColumn);
    }

    public List<String> featureNames() {
        return table.columns().stream().filter(column -> !column.equals(labelColumn)).toList();
    }

    public int rowCount() {
        return table.rowCount();
    }

    /** The label values in first-seen order of their sorted distinct values (the clustering ids use this order). */
    List<String> distinctLabels() {
        return new ArrayList<>(new TreeSet<>(table.column(labelColumn)));
    }

    MutableDataset<Label> classification() {
        LabelFactory factory = new LabelFactory();
        return build(factory, label -> factory.generateOutput(label));
    }

    MutableDataset<Regressor> regression() {
        RegressionFactory factory = new RegressionFactory();
        return build(factory, value -> new Regressor(labelColumn, number(value, labelColumn)));
    }

    /** Ground-truth cluster ids are the index of each label among {@code labels} (for evaluation only). */
    MutableDataset<ClusterID> clustering(List<String> labels) {
        return build(new ClusteringFactory(), value -> new ClusterID(Math.max(labels.indexOf(value), 0)));
    }

    private <T extends Output<T>> MutableDataset<T> build(OutputFactory<T> factory, java.util.function.Function<String, T> output) {
        List<String> features = featureNames();
        String[] names = features.toArray(String[]::new);
        int[] indices = features.stream().mapToInt(table::columnIndex).toArray();
        int labelIndex = table.columnIndex(labelColumn);
        List<org.tribuo.Example<T>> examples = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            List<String> row = table.rows().get(r);
            double[] values = new double[indices.length];
            for (int i = 0; i < indices.length; i++) {
                values[i] = number(row.get(indices[i]), names[i]);
            }
            examples.add(new ArrayExample<>(output.apply(row.get(labelIndex)), names, values));
        }
        SimpleDataSourceProvenance provenance = new SimpleDataSourceProvenance(name, loadedAt.atOffset(ZoneOffset.UTC), factory);
        return new MutableDataset<>(new ListDataSource<>(examples, factory, provenance));
    }

    private double number(String value, String column) {
        if (DatasetProfiler.isMissing(value)) {
            throw MlforgeException.invalidParameter("Dataset '" + name + "': column '" + column + "' has a missing value ('"
                    + value + "'); featurize before training (missing numbers become the training mean)");
        }
        Double parsed = DatasetProfiler.parseNumber(value);
        if (parsed == null) {
            throw MlforgeException.invalidParameter("Dataset '" + name + "': column '" + column + "' holds the non-numeric value '"
                    + value + "'; encode categorical columns before training");
        }
        return parsed;
    }
}
