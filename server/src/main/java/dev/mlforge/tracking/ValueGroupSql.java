package dev.mlforge.tracking;

import dev.mlforge.search.EntityType;
import dev.mlforge.search.OrderClause;
import dev.mlforge.store.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * On SQLite, the statements that read a search ordered by one param or tag one value at a time ("value groups").
 *
 * <p>In that order runs sharing a value follow each other by start time (newest first), then id. A param with four
 * values puts 25,000 of 100,000 runs in one group, and the ordered walk of {@link SearchSql} had to read and sort the
 * whole group for every page (about 40 ms of SQLite CPU at any offset). Here a large group is read by walking the
 * experiment's runs in start-time order ({@code runs_experiment_start}) and checking each run's value by key, which
 * stops after a page; a small group is read from the (key, value) index and sorted. A page starts at the seek position
 * of the page token (value, start time, run id), never at an offset.
 */
final class ValueGroupSql {
    /** A group at least this large is walked in start-time order; a smaller one is read and sorted. */
    static final int LARGE_GROUP = 2000;
    /** How many groups a page may visit before the caller falls back to the ordered walk, which suits many small groups. */
    static final int MAX_GROUPS = 8;
    private static final String RUNS_INDEX = " INDEXED BY runs_experiment_start";

    private final Dialect dialect;

    ValueGroupSql(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Whether a search can be read by value groups: SQLite, one experiment and stage, no filter, one param or tag order. */
    boolean applies(RunSearch search, List<Long> experimentIds) {
        List<OrderClause> orderBy = search.orderBy();
        return dialect == Dialect.SQLITE && experimentIds.size() == 1 && search.viewType().stages().size() == 1
                && search.filter().isEmpty() && orderBy.size() == 1
                && (orderBy.get(0).type() == EntityType.PARAM || orderBy.get(0).type() == EntityType.TAG);
    }

    /** The first value of the order, or with {@code after} the next one after it (one row, or none). */
    SqlQuery nextValue(OrderClause order, String after) {
        List<Object> args = new ArrayList<>(List.of(order.key()));
        String range = "";
        if (after != null) {
            range = order.ascending() ? " AND value > ?" : " AND value < ?";
            args.add(after);
        }
        return new SqlQuery("SELECT value FROM " + table(order) + index(order) + " WHERE key = ?" + range
                + " ORDER BY value" + (order.ascending() ? " ASC" : " DESC") + " LIMIT 1", args);
    }

    /** How many runs (of every experiment) have the value, counted up to {@link #LARGE_GROUP}. */
    SqlQuery groupSize(OrderClause order, String value) {
        return new SqlQuery("SELECT count(*) FROM (SELECT 1 FROM " + table(order) + index(order)
                + " WHERE key = ? AND value = ? LIMIT ?)", List.of(order.key(), value, LARGE_GROUP));
    }

    /**
     * Up to {@code limit} runs of one value group in the group's order, after {@code seek} when it is not null (its
     * start time and run id; its value is the group's).
     */
    SqlQuery group(RunSearch search, long experimentId, String value, RunSeek seek, boolean large, int limit) {
        OrderClause order = search.orderBy().get(0);
        String table = table(order);
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(SearchSql.RUN_COLUMNS);
        if (large) {
            sql.append(" FROM runs r").append(RUNS_INDEX).append(" CROSS JOIN ").append(table)
                    .append(" w ON w.run_uuid = r.run_uuid AND w.key = ? AND w.value = ? WHERE");
        } else {
            sql.append(" FROM ").append(table).append(" w").append(index(order))
                    .append(" CROSS JOIN runs r ON r.run_uuid = w.run_uuid WHERE w.key = ? AND w.value = ? AND");
        }
        args.addAll(List.of(order.key(), value));
        sql.append(" r.experiment_id = ? AND r.lifecycle_stage = ?");
        args.addAll(List.of(experimentId, search.viewType().stages().get(0)));
        if (seek != null) {
            sql.append(" AND r.start_time <= ? AND (r.start_time < ? OR r.run_uuid > ?)");
            args.addAll(List.of(seek.startTime(), seek.startTime(), seek.runId()));
        }
        sql.append(" ORDER BY r.start_time DESC, r.run_uuid ASC LIMIT ?");
        args.add(limit);
        return new SqlQuery(sql.toString(), args);
    }

    private static String table(OrderClause order) {
        return order.type() == EntityType.PARAM ? "params" : "tags";
    }

    private static String index(OrderClause order) {
        return order.type() == EntityType.PARAM ? " INDEXED BY params_key_value" : " INDEXED BY tags_key_value";
    }
}
