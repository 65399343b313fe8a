package dev.mlforge.features;

/**
 * Where a feature view's rows come from: a registered dataset version, a CSV or Parquet file inside the server's
 * data dir, or a SQL query on the backend store (see {@link JdbiSqlSources}). Exactly one of {@code dataset},
 * {@code path} and {@code query} is set.
 *
 * @param dataset        a registered dataset's name, or null
 * @param datasetVersion the dataset version ({@code 3} or {@code latest}); null when {@code dataset} is
 * @param path           a {@code .csv} or {@code .parquet} file, relative to the data dir, or null
 * @param query          a single SELECT on the backend store, or null
 */
public record FeatureSource(String dataset, String datasetVersion, String path, String query) {
    /** A dataset or file source. */
    public FeatureSource(String dataset, String datasetVersion, String path) {
        this(dataset, datasetVersion, path, null);
    }

    boolean isDataset() {
        return dataset != null;
    }

    boolean isQuery() {
        return query != null;
    }

    /** How the source reads in messages and listings: {@code dataset:wine@latest}, the path or {@code sql:} and the query. */
    String describe() {
        return isDataset() ? "dataset:" + dataset + "@" + datasetVersion : isQuery() ? "sql:" + query : path;
    }
}
