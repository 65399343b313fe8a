package dev.mlforge.tracking;

import dev.mlforge.search.EntityType;
import dev.mlforge.search.FilterClause;
import dev.mlforge.search.OrderClause;
import dev.mlforge.search.SqlComparison;
import dev.mlforge.store.Dialect;
import dev.mlforge.store.WorkspaceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles parsed search filters and order-by items to SQL. Every value becomes a bound parameter; only
 * column names chosen from fixed tables and generated aliases enter the SQL text.
 *
 * <p>Runs: each metric, param or tag clause is an inner join on the (key, value) indexes, so the most
 * selective clause can drive the query; each order item is a left join so runs lacking the key sort last. On
 * PostgreSQL an equality on a param or tag is a containment test on the run's document of them instead
 * ({@code r.params_doc @> '{"lr": "0.1"}'}, migration V27, kept by {@link RunDocuments}).
 */
final class SearchSql {
    static final String RUN_COLUMNS = "r.run_uuid, r.experiment_id, r.name, r.user_id, r.status, r.start_time, "
            + "r.end_time, r.artifact_uri, r.lifecycle_stage";
    private static final Map<String, String> RUN_ATTRIBUTE_COLUMNS = Map.of(
            "run_id", "r.run_uuid", "run_name", "r.name", "status", "r.status", "user_id", "r.user_id",
            "artifact_uri", "r.artifact_uri", "start_time", "r.start_time", "end_time", "r.end_time",
            "created", "r.start_time");
    /** Run columns that may be NULL and sort last; ordering by the others needs no CASE, so an index can supply it. */
    private static final java.util.Set<String> NULLABLE_RUN_COLUMNS = java.util.Set.of("r.user_id", "r.end_time");
    private static final Map<String, String> EXPERIMENT_ATTRIBUTE_COLUMNS = Map.of(
            "name", "e.name", "experiment_id", "e.experiment_id", "creation_time", "e.creation_time",
            "last_update_time", "e.last_update_time");

    /** How many index entries per requested run an ordered walk may read before the filter-first plan is used. */
    private static final int WALK_FACTOR = 25;
    private static final int MIN_WALK = 2500;
    /**
     * The index each walk reads, named so that the walk never depends on planner statistics: an index that a
     * migration added after the last ANALYZE has none, and SQLite then guessed that sorting every run of the experiment
     * by another index was cheaper.
     */
    private static final Map<String, String> WALK_INDEXES = Map.of("latest_metrics", "latest_metrics_key_nan_value",
            "params", "params_key_value", "tags", "tags_key_value");
    private static final String RUNS_WALK_INDEX = " INDEXED BY runs_experiment_start";
    /**
     * On PostgreSQL, how many param and tag filters are joins; the others are checked per candidate run by a primary-key
     * lookup ({@code (SELECT value FROM params WHERE run_uuid = r.run_uuid AND key = ?) = ?}, NULL and so false when the
     * run lacks the key, as the join would drop it). Planning grows steeply with the joins on run_uuid: 2 ms for 4 param
     * joins, 300-750 ms for 8 (GEQO did not help). A selective clause past the fourth no longer starts the plan.
     */
    private static final int JOINED_KEY_FILTERS = 4;
    /** The characters of a param or tag value that PostgreSQL's value-ordered indexes hold (migration V27). */
    private static final int VALUE_PREFIX = 200;
    /**
     * Param and tag values sort in byte (code point) order on PostgreSQL, as SQLite's BINARY collation sorts them: in
     * that order a value sorts with its prefix, so the prefix index of V27 can supply the order of the whole values,
     * which a linguistic collation does not guarantee.
     */
    private static final String BYTE_ORDER = " COLLATE \"C\"";

    private final Dialect dialect;
    private final SqlComparison comparison;

    SearchSql(Dialect dialect) {
        this.dialect = dialect;
        this.comparison = new SqlComparison(dialect);
    }

    /**
     * The statements of a run search, to be read in order, each with its own LIMIT and OFFSET, until a page is full.
     *
     * <p>When the first order item is a metric, param or tag, MLflow sorts runs having a value first (by the value),
     * then NaN metrics, then runs lacking the key. Each of these groups is its own statement whose leading sort key is
     * the plain value, so that a database can walk the (key, value) index in order and stop after a page instead of
     * sorting every run the filter matches. Later order items keep the CASE expressions that put missing values last.
     */
    List<SqlQuery> runs(RunSearch search, List<Long> experimentIds, boolean walkFailed) {
        Query base = new Query();
        base.textCollation = dialect == Dialect.POSTGRESQL ? BYTE_ORDER : "";
        // After a bounded walk came back short, matches are rare: the plan must start from the filters. SQLite would
        // still walk an index that supplies the order (it ignores LIMIT, and reads every run when few match), so
        // the sort keys are written as +expressions, which no index supplies.
        base.sortKey = dialect == Dialect.SQLITE && walkFailed && !search.filter().isEmpty() ? "+" : "";
        // With bound values SQLite cannot use its value histograms, and it preferred reading every run of the
        // experiment through an index to a metric range matching 100 of 100,000 runs: the experiment and stage are
        // written as +expressions too, so that a metric, param or tag filter's index drives the plan.
        boolean keyFilter = search.filter().stream().anyMatch(clause -> clause.type() != EntityType.ATTRIBUTE
                && clause.type() != EntityType.DATASET);
        base.where.append(" WHERE");
        scope(base, search, experimentIds, keyFilter ? base.sortKey : "");
        for (FilterClause clause : search.filter()) {
            addFilter(base, clause);
        }
        List<OrderClause> orderBy = search.orderBy();
        if (orderBy.isEmpty() || orderBy.get(0).type() == EntityType.ATTRIBUTE) {
            return List.of(base.finish(orderBy));
        }
        OrderClause first = orderBy.get(0);
        List<OrderClause> rest = orderBy.subList(1, orderBy.size());
        String table = table(first.type());
        String name = base.nextAlias("o");
        List<SqlQuery> segments = new ArrayList<>();
        Query valued = base.copy();
        valued.joins.append(" JOIN ").append(table).append(' ').append(name).append(" ON ").append(name)
                .append(".run_uuid = r.run_uuid AND ").append(name).append(".key = ?");
        valued.joinArgs.add(first.key());
        Query nan = valued.copy();
        boolean metric = first.type() == EntityType.METRIC;
        if (metric) {
            valued.joins.append(" AND ").append(name).append(".is_nan = 0");
            nan.joins.append(" AND ").append(name).append(".is_nan = 1");
        }
        String direction = first.ascending() ? " ASC" : " DESC";
        if (dialect == Dialect.POSTGRESQL && !metric) {
            // The (key, left(value, 200) COLLATE "C") index of migration V27 supplies this order; values sharing
            // the prefix are sorted by the rest (by the whole value, in the same byte order).
            valued.orderTerms.add("left(" + name + ".value, " + VALUE_PREFIX + ")" + BYTE_ORDER + direction);
        }
        valued.orderTerms.add(base.sortKey + name + ".value" + (metric ? "" : base.textCollation) + direction);
        segments.add(valued.finish(rest));
        if (metric) {
            segments.add(nan.finish(rest));
        }
        Query missing = base.copy();
        missing.where.append(" AND NOT EXISTS (SELECT 1 FROM ").append(table).append(' ').append(name)
                .append(" WHERE ").append(name).append(".run_uuid = r.run_uuid AND ").append(name).append(".key = ?)");
        missing.whereArgs.add(first.key());
        segments.add(missing.finish(rest));
        return segments;
    }

    /** Appends the experiments and lifecycle stages a search covers to a WHERE clause being written. */
    private static void scope(Query query, RunSearch search, List<Long> experimentIds, String prefix) {
        query.where.append(' ').append(prefix).append("r.experiment_id IN (").append(placeholders(experimentIds.size())).append(')');
        query.whereArgs.addAll(experimentIds);
        List<String> stages = search.viewType().stages();
        query.where.append(" AND ").append(prefix).append("r.lifecycle_stage IN (").append(placeholders(stages.size())).append(')');
        query.whereArgs.addAll(stages);
    }

    /**
     * On SQLite, a statement that answers the first segment of a search by walking the index that holds its order
     * (the first order key's (key, is_nan, value) index, or the runs' (experiment, stage, start_time) index for the
     * default order and start_time) and checking each run's filters by primary key; null when the search is ordered
     * otherwise or the dialect plans it well itself.
     *
     * <p>SQLite's planner does not weigh LIMIT: it starts from the filter it finds most selective, then sorts every
     * match (383 ms for a param matching a quarter of 100,000 runs), where walking the order finds a page of matches
     * after a few hundred runs. Walking is only cheap when matches are common, so the walk is bounded to the first
     * {@code window * WALK_FACTOR} index entries: those at or beyond the bound value. When the bounded walk yields a
     * full page, that page is exact (every run it skipped sorts after the bound); otherwise the caller runs the
     * segments, planned from the filters.
     */
    SqlQuery orderedWalk(RunSearch search, List<Long> experimentIds) {
        if (dialect != Dialect.SQLITE) {
            return null;
        }
        List<OrderClause> orderBy = search.orderBy();
        long entries = Math.max(MIN_WALK, (long) (search.offset() + search.limit()) * WALK_FACTOR);
        if (orderBy.isEmpty() || orderBy.get(0).isAttribute("start_time")) {
            boolean oneRange = experimentIds.size() == 1 && search.viewType().stages().size() == 1;
            return oneRange ? startTimeWalk(search, experimentIds, entries) : null;
        }
        if (orderBy.get(0).type() == EntityType.ATTRIBUTE) {
            return null;
        }
        OrderClause first = orderBy.get(0);
        String table = table(first.type());
        String nan = first.type() == EntityType.METRIC ? " AND is_nan = 0" : "";
        String direction = first.ascending() ? " ASC" : " DESC";
        String index = " INDEXED BY " + WALK_INDEXES.get(table);
        Query walk = Query.walk(table + " w" + index + " CROSS JOIN runs r ON r.run_uuid = w.run_uuid");
        walk.where.append(" WHERE w.key = ?").append(nan.replace("is_nan", "w.is_nan")).append(" AND w.value")
                .append(bound(first.ascending())).append("(SELECT value FROM ").append(table).append(index).append(" WHERE key = ?")
                .append(nan).append(" ORDER BY value").append(direction).append(" LIMIT 1 OFFSET ?), ")
                .append(unbounded(first.ascending())).append(") AND");
        walk.whereArgs.addAll(List.of(first.key(), first.key(), entries - 1));
        scope(walk, search, experimentIds, "");
        search.filter().forEach(clause -> addFilter(walk, clause));
        walk.orderTerms.add("w.value" + direction);
        return walk.finish(orderBy.subList(1, orderBy.size()));
    }

    private SqlQuery startTimeWalk(RunSearch search, List<Long> experimentIds, long entries) {
        boolean ascending = !search.orderBy().isEmpty() && search.orderBy().get(0).ascending();
        Query walk = Query.walk("runs r" + RUNS_WALK_INDEX);
        walk.where.append(" WHERE");
        scope(walk, search, experimentIds, "");
        walk.where.append(" AND r.start_time").append(bound(ascending)).append("(SELECT start_time FROM runs")
                .append(RUNS_WALK_INDEX).append(" WHERE ")
                .append("experiment_id = ? AND lifecycle_stage = ? ORDER BY start_time").append(ascending ? " ASC" : " DESC")
                .append(" LIMIT 1 OFFSET ?), ").append(unbounded(ascending)).append(')');
        walk.whereArgs.addAll(List.of(experimentIds.get(0), search.viewType().stages().get(0), entries - 1));
        search.filter().forEach(clause -> addFilter(walk, clause));
        return walk.finish(search.orderBy());
    }

    private static String bound(boolean ascending) {
        return ascending ? " <= coalesce(" : " >= coalesce(";
    }

    /** The bound when the index has fewer entries than the walk: every number and text sorts after -9e999 (negative infinity) and before any BLOB. */
    private static String unbounded(boolean ascending) {
        return ascending ? "X'FF'" : "-9e999";
    }

    private void addFilter(Query query, FilterClause clause) {
        String name = query.nextAlias("f");
        switch (clause.type()) {
            case METRIC -> {
                query.joins.append(query.joinKeyword).append("latest_metrics ").append(name).append(" ON ").append(name)
                        .append(".run_uuid = r.run_uuid AND ").append(name).append(".key = ? AND ")
                        .append(name).append(".is_nan = 0 AND ").append(name).append(".value ")
                        .append(clause.comparator()).append(" ?");
                query.joinArgs.add(clause.key());
                query.joinArgs.add(clause.numberValue());
            }
            case PARAM, TAG -> {
                if (dialect == Dialect.POSTGRESQL && clause.comparator().equals("=")) {
                    query.where.append(" AND r.").append(clause.type() == EntityType.PARAM ? "params_doc" : "tags_doc")
                            .append(" @> CAST(? AS jsonb)");
                    query.whereArgs.add(RunDocuments.entry(clause.key(), clause.stringValue()));
                    return;
                }
                if (dialect == Dialect.POSTGRESQL && query.keyJoins++ >= JOINED_KEY_FILTERS) {
                    query.where.append(" AND ").append(predicate("(SELECT " + name + ".value FROM " + table(clause.type())
                            + ' ' + name + " WHERE " + name + ".run_uuid = r.run_uuid AND " + name + ".key = "
                            + bindKey(query.whereArgs, clause.key()) + ")", clause, query.whereArgs));
                    return;
                }
                query.joins.append(query.joinKeyword).append(table(clause.type())).append(' ').append(name).append(" ON ")
                        .append(name).append(".run_uuid = r.run_uuid AND ").append(name).append(".key = ?");
                query.joinArgs.add(clause.key());
                query.joins.append(" AND ").append(predicate(name + ".value", clause, query.joinArgs));
            }
            // In a walk, a unary + keeps SQLite from planning the attribute's own index instead of the walked one.
            case ATTRIBUTE -> query.where.append(" AND ").append(predicate(
                    (query.walk ? "+" : "") + RUN_ATTRIBUTE_COLUMNS.get(clause.key()), clause, query.whereArgs));
            case DATASET -> query.where.append(" AND ").append(datasetPredicate(clause, query.whereArgs));
        }
    }

    private static String bindKey(List<Object> args, String key) {
        args.add(key);
        return "?";
    }

    private static String table(EntityType type) {
        return switch (type) {
            case METRIC -> "latest_metrics";
            case PARAM -> "params";
            case TAG -> "tags";
            default -> throw new IllegalArgumentException(type + " has no key-value table");
        };
    }

    /** A run search being assembled: joins and their arguments come before the WHERE clause and its arguments. */
    private static final class Query {
        private final StringBuilder joins = new StringBuilder();
        private final List<Object> joinArgs = new ArrayList<>();
        private final StringBuilder where = new StringBuilder();
        private final List<Object> whereArgs = new ArrayList<>();
        private final List<String> orderTerms = new ArrayList<>();
        private String from = "runs r";
        private String joinKeyword = " JOIN ";
        private boolean walk;
        /** How param and tag values are ordered: in byte order on PostgreSQL (see {@link #BYTE_ORDER}). */
        private String textCollation = "";
        /** "+" to keep indexes from supplying the order, else empty. */
        private String sortKey = "";
        private int aliases;
        /** Param and tag filters written as joins so far. */
        private int keyJoins;

        /** A query whose tables are read in the order written (SQLite's CROSS JOIN), starting from {@code from}. */
        static Query walk(String from) {
            Query query = new Query();
            query.from = from;
            query.joinKeyword = " CROSS JOIN ";
            query.walk = true;
            return query;
        }

        String nextAlias(String prefix) {
            return prefix + aliases++;
        }

        Query copy() {
            Query copy = new Query();
            copy.joins.append(joins);
            copy.joinArgs.addAll(joinArgs);
            copy.where.append(where);
            copy.whereArgs.addAll(whereArgs);
            copy.orderTerms.addAll(orderTerms);
            copy.from = from;
            copy.joinKeyword = joinKeyword;
            copy.walk = walk;
            copy.sortKey = sortKey;
            copy.textCollation = textCollation;
            copy.aliases = aliases;
            copy.keyJoins = keyJoins;
            return copy;
        }

        /** Adds the remaining order items (left joins, missing values last) and the tie-breakers. */
        SqlQuery finish(List<OrderClause> orderBy) {
            for (OrderClause order : orderBy) {
                String direction = order.ascending() ? " ASC" : " DESC";
                if (order.type() == EntityType.ATTRIBUTE) {
                    String column = RUN_ATTRIBUTE_COLUMNS.get(order.key());
                    if (NULLABLE_RUN_COLUMNS.contains(column)) {
                        orderTerms.add("CASE WHEN " + column + " IS NULL THEN 1 ELSE 0 END");
                    }
                    orderTerms.add(sortKey + column + direction);
                    continue;
                }
                String name = nextAlias("o");
                joins.append(" LEFT JOIN ").append(table(order.type())).append(' ').append(name).append(" ON ")
                        .append(name).append(".run_uuid = r.run_uuid AND ").append(name).append(".key = ?");
                joinArgs.add(order.key());
                if (order.type() == EntityType.METRIC) {
                    orderTerms.add("CASE WHEN " + name + ".run_uuid IS NULL THEN 2 WHEN " + name + ".is_nan = 1 THEN 1 ELSE 0 END");
                } else {
                    orderTerms.add("CASE WHEN " + name + ".run_uuid IS NULL THEN 1 ELSE 0 END");
                }
                orderTerms.add(sortKey + name + ".value" + (order.type() == EntityType.METRIC ? "" : textCollation) + direction);
            }
            orderTerms.add(sortKey + "r.start_time DESC");
            orderTerms.add(sortKey + "r.run_uuid ASC");
            List<Object> args = new ArrayList<>(joinArgs);
            args.addAll(whereArgs);
            return new SqlQuery("SELECT " + RUN_COLUMNS + " FROM " + from + joins + where
                    + " ORDER BY " + String.join(", ", orderTerms), args);
        }
    }

    /** The experiments of {@code workspace} that match: the workspace is a condition of the query, so pages are full. */
    SqlQuery experiments(ExperimentSearch search, WorkspaceContext scope) {
        String workspace = scope.current();
        List<Object> args = new ArrayList<>();
        List<Object> whereArgs = new ArrayList<>();
        StringBuilder joins = new StringBuilder();
        List<String> stages = search.viewType().stages();
        StringBuilder where = new StringBuilder(" WHERE e.workspace = ? AND e.lifecycle_stage IN ("
                + placeholders(stages.size()) + ")" + scope.andReadable("CAST(e.experiment_id AS TEXT)"));
        whereArgs.add(workspace);
        whereArgs.addAll(stages);
        int alias = 0;
        for (FilterClause clause : search.filter()) {
            if (clause.type() == EntityType.TAG) {
                String name = "t" + alias++;
                joins.append(" JOIN experiment_tags ").append(name).append(" ON ").append(name)
                        .append(".experiment_id = e.experiment_id AND ").append(name).append(".key = ?");
                args.add(clause.key());
                joins.append(" AND ").append(predicate(name + ".value", clause, args));
            } else {
                where.append(" AND ").append(predicate(EXPERIMENT_ATTRIBUTE_COLUMNS.get(clause.key()), clause, whereArgs));
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

    private String datasetPredicate(FilterClause clause, List<Object> args) {
        String base = "EXISTS (SELECT 1 FROM inputs i ";
        String runMatch = " i.destination_type = 'RUN' AND i.destination_id = r.run_uuid AND i.source_type = 'DATASET' AND ";
        if (clause.key().equals("context")) {
            return base + "JOIN input_tags it ON it.input_uuid = i.input_uuid WHERE" + runMatch
                    + "it.name = '" + DatasetInputEntity.CONTEXT_TAG + "' AND " + predicate("it.value", clause, args) + ")";
        }
        String column = clause.key().equals("name") ? "d.name" : "d.digest";
        return base + "JOIN datasets d ON d.dataset_uuid = i.source_id WHERE" + runMatch
                + predicate(column, clause, args) + ")";
    }

    private String predicate(String column, FilterClause clause, List<Object> args) {
        return comparison.compare(column, clause, SqlComparison.positional(args));
    }

    static String placeholders(int count) {
        if (count == 0) {
            return "NULL";
        }
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
