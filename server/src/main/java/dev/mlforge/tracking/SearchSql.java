package dev.mlforge.tracking;

import dev.mlforge.store.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles parsed search filters and order-by items to SQL. Every value becomes a bound parameter; only
 * column names chosen from fixed tables and generated aliases enter the SQL text.
 *
 * <p>Runs: each metric, param or tag clause is an inner join on the (key, value) indexes, so the most
 * selective clause can drive the query; each order item is a left join so runs lacking the key sort last.
 */
final class SearchSql {
    static final String RUN_COLUMNS = "r.run_uuid, r.experiment_id, r.name, r.user_id, r.status, r.start_time, "
            + "r.end_time, r.artifact_uri, r.lifecycle_stage";
    private static final Map<String, String> RUN_ATTRIBUTE_COLUMNS = Map.of(
            "run_id", "r.run_uuid", "run_name", "r.name", "status", "r.status", "user_id", "r.user_id",
            "artifact_uri", "r.artifact_uri", "start_time", "r.start_time", "end_time", "r.end_time",
            "created", "r.start_time");
    private static final Map<String, String> EXPERIMENT_ATTRIBUTE_COLUMNS = Map.of(
            "name", "e.name", "experiment_id", "e.experiment_id", "creation_time", "e.creation_time",
            "last_update_time", "e.last_update_time");

    private final Dialect dialect;

    SearchSql(Dialect dialect) {
        this.dialect = dialect;
    }

    SqlQuery runs(RunSearch search, List<Long> experimentIds) {
        List<Object> args = new ArrayList<>();
        List<Object> whereArgs = new ArrayList<>();
        StringBuilder joins = new StringBuilder();
        StringBuilder where = new StringBuilder(" WHERE r.experiment_id IN (" + placeholders(experimentIds.size()) + ")");
        whereArgs.addAll(experimentIds);
        List<String> stages = search.viewType().stages();
        where.append(" AND r.lifecycle_stage IN (").append(placeholders(stages.size())).append(')');
        whereArgs.addAll(stages);
        int alias = 0;
        for (FilterClause clause : search.filter()) {
            String name = "f" + alias++;
            switch (clause.type()) {
                case METRIC -> {
                    joins.append(" JOIN latest_metrics ").append(name).append(" ON ").append(name)
                            .append(".run_uuid = r.run_uuid AND ").append(name).append(".key = ? AND ")
                            .append(name).append(".is_nan = 0 AND ").append(name).append(".value ")
                            .append(clause.comparator()).append(" ?");
                    args.add(clause.key());
                    args.add(clause.numberValue());
                }
                case PARAM, TAG -> {
                    String table = clause.type() == EntityType.PARAM ? "params" : "tags";
                    joins.append(" JOIN ").append(table).append(' ').append(name).append(" ON ").append(name)
                            .append(".run_uuid = r.run_uuid AND ").append(name).append(".key = ?");
                    args.add(clause.key());
                    if (dialect == Dialect.POSTGRESQL && clause.comparator().equals("=")) {
                        // Lets PostgreSQL start from the (key, md5(value)) index of migration V1_1.
                        joins.append(" AND md5(").append(name).append(".value) = md5(?)");
                        args.add(clause.stringValue());
                    }
                    joins.append(" AND ").append(stringPredicate(name + ".value", clause, args));
                }
                case ATTRIBUTE -> where.append(" AND ").append(attributePredicate(
                        RUN_ATTRIBUTE_COLUMNS.get(clause.key()), clause, whereArgs));
                case DATASET -> where.append(" AND ").append(datasetPredicate(clause, whereArgs));
            }
        }
        List<String> orderTerms = new ArrayList<>();
        for (OrderClause order : search.orderBy()) {
            String name = "o" + alias++;
            String direction = order.ascending() ? " ASC" : " DESC";
            switch (order.type()) {
                case METRIC -> {
                    joins.append(" LEFT JOIN latest_metrics ").append(name).append(" ON ").append(name)
                            .append(".run_uuid = r.run_uuid AND ").append(name).append(".key = ?");
                    args.add(order.key());
                    orderTerms.add("CASE WHEN " + name + ".run_uuid IS NULL THEN 2 WHEN " + name + ".is_nan = 1 THEN 1 ELSE 0 END");
                    orderTerms.add(name + ".value" + direction);
                }
                case PARAM, TAG -> {
                    String table = order.type() == EntityType.PARAM ? "params" : "tags";
                    joins.append(" LEFT JOIN ").append(table).append(' ').append(name).append(" ON ").append(name)
                            .append(".run_uuid = r.run_uuid AND ").append(name).append(".key = ?");
                    args.add(order.key());
                    orderTerms.add("CASE WHEN " + name + ".run_uuid IS NULL THEN 1 ELSE 0 END");
                    orderTerms.add(name + ".value" + direction);
                }
                case ATTRIBUTE -> {
                    String column = RUN_ATTRIBUTE_COLUMNS.get(order.key());
                    orderTerms.add("CASE WHEN " + column + " IS NULL THEN 1 ELSE 0 END");
                    orderTerms.add(column + direction);
                }
                case DATASET -> throw new IllegalArgumentException("datasets are not orderable");
            }
        }
        orderTerms.add("r.start_time DESC");
        orderTerms.add("r.run_uuid ASC");
        args.addAll(whereArgs);
        String sql = "SELECT " + RUN_COLUMNS + " FROM runs r" + joins + where
                + " ORDER BY " + String.join(", ", orderTerms) + " LIMIT ? OFFSET ?";
        args.add(search.limit());
        args.add(search.offset());
        return new SqlQuery(sql, args);
    }

    SqlQuery experiments(ExperimentSearch search) {
        List<Object> args = new ArrayList<>();
        List<Object> whereArgs = new ArrayList<>();
        StringBuilder joins = new StringBuilder();
        List<String> stages = search.viewType().stages();
        StringBuilder where = new StringBuilder(" WHERE e.lifecycle_stage IN (" + placeholders(stages.size()) + ")");
        whereArgs.addAll(stages);
        int alias = 0;
        for (FilterClause clause : search.filter()) {
            if (clause.type() == EntityType.TAG) {
                String name = "t" + alias++;
                joins.append(" JOIN experiment_tags ").append(name).append(" ON ").append(name)
                        .append(".experiment_id = e.experiment_id AND ").append(name).append(".key = ?");
                args.add(clause.key());
                joins.append(" AND ").append(stringPredicate(name + ".value", clause, args));
            } else {
                where.append(" AND ").append(attributePredicate(EXPERIMENT_ATTRIBUTE_COLUMNS.get(clause.key()), clause, whereArgs));
            }
        }
        List<String> orderTerms = new ArrayList<>();
        for (OrderClause order : search.orderBy()) {
            orderTerms.add(EXPERIMENT_ATTRIBUTE_COLUMNS.get(order.key()) + (order.ascending() ? " ASC" : " DESC"));
        }
        orderTerms.add("e.creation_time DESC");
        orderTerms.add("e.experiment_id ASC");
        args.addAll(whereArgs);
        String sql = "SELECT e.experiment_id, e.name, e.artifact_location, e.lifecycle_stage, e.creation_time, "
                + "e.last_update_time FROM experiments e" + joins + where
                + " ORDER BY " + String.join(", ", orderTerms) + " LIMIT ? OFFSET ?";
        args.add(search.limit());
        args.add(search.offset());
        return new SqlQuery(sql, args);
    }

    private String attributePredicate(String column, FilterClause clause, List<Object> args) {
        if (clause.value() instanceof Double number) {
            args.add(number);
            return column + " " + clause.comparator() + " ?";
        }
        return stringPredicate(column, clause, args);
    }

    private String datasetPredicate(FilterClause clause, List<Object> args) {
        String base = "EXISTS (SELECT 1 FROM inputs i ";
        String runMatch = " i.destination_type = 'RUN' AND i.destination_id = r.run_uuid AND i.source_type = 'DATASET' AND ";
        if (clause.key().equals("context")) {
            return base + "JOIN input_tags it ON it.input_uuid = i.input_uuid WHERE" + runMatch
                    + "it.name = 'mlflow.data.context' AND " + stringPredicate("it.value", clause, args) + ")";
        }
        String column = clause.key().equals("name") ? "d.name" : "d.digest";
        return base + "JOIN datasets d ON d.dataset_uuid = i.source_id WHERE" + runMatch
                + stringPredicate(column, clause, args) + ")";
    }

    /** A string comparison; LIKE is case-sensitive and ILIKE is not, on both dialects. */
    String stringPredicate(String column, FilterClause clause, List<Object> args) {
        switch (clause.comparator()) {
            case "=", "!=" -> {
                args.add(clause.stringValue());
                return column + " " + clause.comparator() + " ?";
            }
            case "LIKE" -> {
                if (dialect == Dialect.SQLITE) {
                    args.add(likeToGlob(clause.stringValue()));
                    return column + " GLOB ?";
                }
                args.add(clause.stringValue());
                return column + " LIKE ?";
            }
            case "ILIKE" -> {
                args.add(clause.stringValue());
                return dialect == Dialect.SQLITE ? "lower(" + column + ") LIKE lower(?)" : column + " ILIKE ?";
            }
            case "IN", "NOT IN" -> {
                List<String> values = clause.listValue();
                args.addAll(values);
                return column + " " + clause.comparator() + " (" + placeholders(values.size()) + ")";
            }
            default -> throw new IllegalArgumentException("Unexpected comparator " + clause.comparator());
        }
    }

    /** SQLite's LIKE ignores case; GLOB does not, so a LIKE pattern is rewritten as a GLOB pattern. */
    static String likeToGlob(String like) {
        StringBuilder glob = new StringBuilder(like.length() + 8);
        for (char c : like.toCharArray()) {
            switch (c) {
                case '%' -> glob.append('*');
                case '_' -> glob.append('?');
                case '*' -> glob.append("[*]");
                case '?' -> glob.append("[?]");
                case '[' -> glob.append("[[]");
                default -> glob.append(c);
            }
        }
        return glob.toString();
    }

    static String placeholders(int count) {
        if (count == 0) {
            return "NULL";
        }
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
