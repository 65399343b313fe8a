package dev.mlforge.tracking;

import dev.mlforge.search.FilterClause;
import java.util.List;

/**
 * A logged-model search as the store runs it: active models of these experiments matching every clause, metric
 * clauses counting values on any of {@code datasets} (every dataset when empty), in {@code order}, then newest first.
 */
record LoggedModelSearch(List<String> experimentIds, List<FilterClause> filter, List<DatasetScope> datasets,
        List<Order> order, int offset, int limit) {

    /**
     * A dataset by name, and by digest when the digest is not null. A null digest of a {@code datasets} filter
     * entry ({@code nullDigestMeansNone}) matches only values logged without a digest, as MLflow 3.11's store
     * compares {@code dataset_digest == None}; in an order-by item it matches any digest.
     */
    record DatasetScope(String name, String digest, boolean nullDigestMeansNone) {

        DatasetScope(String name, String digest) {
            this(name, digest, false);
        }
    }

    /**
     * One order item: an attribute column, or a metric key ({@code metric} true) whose latest value (by timestamp,
     * then step) on the dataset scope, when given, orders the models; models without a value come last.
     */
    record Order(String key, boolean metric, boolean ascending, DatasetScope dataset) {}
}
