package dev.mlforge.features;

/**
 * Where a feature view's rows come from: a registered dataset version, or a CSV or Parquet file inside the server's
 * data dir. Exactly one of {@code dataset} and {@code path} is set.
 *
 * @param dataset        a registered dataset's name, or null
 * @param datasetVersion the dataset version ({@code 3} or {@code latest}); null when {@code dataset} is
 * @param path           a {@code .csv} or {@code .parquet} file, relative to the data dir, or null
 */
public record FeatureSource(String dataset, String datasetVersion, String path) {
    boolean isDataset() {
        return dataset != null;
    }

    /** How the source reads in messages and listings: {@code dataset:wine@latest} or the path. */
    String describe() {
        return isDataset() ? "dataset:" + dataset + "@" + datasetVersion : path;
    }
}
