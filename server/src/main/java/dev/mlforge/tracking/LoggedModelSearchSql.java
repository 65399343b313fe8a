package dev.mlforge.tracking;

import dev.mlforge.search.FilterClause;
import dev.mlforge.search.SqlComparison;
import dev.mlforge.store.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL of a logged-model search, with MLflow's semantics: a param, tag or metric clause matches the models that
 * have a row for the key whose value compares true (a model without the key never matches); a metric clause counts
 * any logged value, restricted to the search's datasets when given; with datasets and no metric clause, a model
 * must have some metric on one of them. Order items come first, then newest first, then the id.
 */
final class LoggedModelSearchSql {
    /** Filter and order attributes by their MLflow names and aliases, and their columns. */
    static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("model_id", "model_id"), Map.entry("experiment_id", "experiment_id"), Map.entry("name", "name"),
            Map.entry("artifact_location", "artifact_location"), Map.entry("status", "status"),
            Map.entry("model_type", "model_type"), Map.entry("source_run_id", "source_run_id"),
            Map.entry("status_message", "status_message"),
            Map.entry("creation_timestamp_ms", "creation_timestamp_ms"), Map.entry("creation_timestamp", "creation_timestamp_ms"),
            Map.entry("creation_time", "creation_timestamp_ms"),
            Map.entry("last_updated_timestamp_ms", "last_updated_timestamp_ms"),
            Map.entry("last_updated_timestamp", "last_updated_timestamp_ms"));

    private final SqlComparison comparison;

    LoggedModelSearchSql(Dialect dialect) {
        this.comparison = new SqlComparison(dialect);
    }

    String select(LoggedModelSearch search, List<Object> args) {
        SqlComparison.Binder binder = SqlComparison.positional(args);
        List<String> where = new ArrayList<>();
        where.add("m.lifecycle_stage = 'active'");
        List<String> experiments = new ArrayList<>();
        search.experimentIds().forEach(id -> experiments.add(binder.bind(Long.parseLong(id))));
        where.add("m.experiment_id IN (" + (experiments.isEmpty() ? "NULL" : String.join(", ", experiments)) + ")");
        boolean metricClause = false;
        for (FilterClause clause : search.filter()) {
            switch (clause.type()) {
                case ATTRIBUTE -> where.add(comparison.compare("m." + COLUMNS.get(clause.key()), attributeClause(clause), binder));
                case PARAM -> where.add(exists("logged_model_params", clause, binder, List.of()));
                case TAG -> where.add(exists("logged_model_tags", clause, binder, List.of()));
                case METRIC -> {
                    metricClause = true;
                    where.add(exists("logged_model_metrics", clause, binder, search.datasets()));
                }
                default -> throw new IllegalStateException("Logged models have no " + clause.type() + " filters");
            }
        }
        if (!search.datasets().isEmpty() && !metricClause) {
            where.add("EXISTS (SELECT 1 FROM logged_model_metrics x WHERE x.model_id = m.model_id"
                    + datasetScope(search.datasets(), binder, "x.") + ")");
        }
        List<String> order = new ArrayList<>();
        boolean creationOrdered = false;
        for (LoggedModelSearch.Order item : search.order()) {
            // A metric's subquery is written twice (nulls-last test, then value), each with its own bound values.
            String nullsLast = item.metric() ? latestMetric(item, binder) : "m." + COLUMNS.get(item.key());
            String value = item.metric() ? latestMetric(item, binder) : nullsLast;
            creationOrdered |= !item.metric() && value.equals("m.creation_timestamp_ms");
            order.add("CASE WHEN " + nullsLast + " IS NULL THEN 1 ELSE 0 END");
            order.add(value + (item.ascending() ? " ASC" : " DESC"));
        }
        if (!creationOrdered) {
            order.add("m.creation_timestamp_ms DESC");
        }
        order.add("m.model_id");
        return "SELECT m.model_id, m.experiment_id, m.name, m.artifact_location, m.creation_timestamp_ms, "
                + "m.last_updated_timestamp_ms, m.status, m.lifecycle_stage, m.model_type, m.source_run_id, m.status_message "
                + "FROM logged_models m WHERE " + String.join(" AND ", where) + " ORDER BY " + String.join(", ", order)
                + " LIMIT " + search.limit() + " OFFSET " + search.offset();
    }

    /** Numeric attribute values come as doubles from the parser; the columns hold integers. */
    private static FilterClause attributeClause(FilterClause clause) {
        return clause.value() instanceof Double number && number == Math.rint(number)
                ? new FilterClause(clause.type(), clause.key(), clause.comparator(), number.longValue()) : clause;
    }

    private String exists(String table, FilterClause clause, SqlComparison.Binder binder,
            List<LoggedModelSearch.DatasetScope> datasets) {
        String key = binder.bind(clause.key());
        String compared = comparison.compare("x.value", clause, binder);
        return "EXISTS (SELECT 1 FROM " + table + " x WHERE x.model_id = m.model_id AND x.key = " + key + " AND "
                + (table.equals("logged_model_metrics") ? "x.is_nan = 0 AND " : "")
                + compared + datasetScope(datasets, binder, "x.") + ")";
    }

    private static String datasetScope(List<LoggedModelSearch.DatasetScope> datasets, SqlComparison.Binder binder, String alias) {
        if (datasets.isEmpty()) {
            return "";
        }
        List<String> any = new ArrayList<>();
        for (LoggedModelSearch.DatasetScope dataset : datasets) {
            any.add(scope(dataset, binder, alias));
        }
        return " AND (" + String.join(" OR ", any) + ")";
    }

    private static String scope(LoggedModelSearch.DatasetScope dataset, SqlComparison.Binder binder, String alias) {
        String name = alias + "dataset_name = " + binder.bind(dataset.name());
        if (dataset.digest() == null) {
            return dataset.nullDigestMeansNone() ? "(" + name + " AND " + alias + "dataset_digest IS NULL)" : name;
        }
        return "(" + name + " AND " + alias + "dataset_digest = " + binder.bind(dataset.digest()) + ")";
    }

    /** The value of the model's latest (by timestamp, then step) metric {@code item.key()} in the item's dataset scope. */
    private static String latestMetric(LoggedModelSearch.Order item, SqlComparison.Binder binder) {
        String key = binder.bind(item.key());
        String scope = item.dataset() == null ? "" : " AND " + scope(item.dataset(), binder, "x.");
        return "(SELECT x.value FROM logged_model_metrics x WHERE x.model_id = m.model_id AND x.key = "
                + key + scope + " ORDER BY x.timestamp DESC, x.step DESC LIMIT 1)";
    }
}
