package dev.mlforge.monitoring.drift;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One column of two files loaded in {@link LargeDrift}'s engine. Numbers are aggregated once into a table of runs
 * (distinct finite value, reference count, current count) created in value order, which each pass then streams.
 */
final class EngineColumnPair implements ColumnPair {
    private static final String RUNS = "__runs";

    private final Connection connection;
    private final String name;
    private final LargeDrift.EngineColumn reference;
    private final LargeDrift.EngineColumn current;
    private final long referenceRows;
    private final long currentRows;

    EngineColumnPair(Connection connection, String name, LargeDrift.EngineColumn reference,
            LargeDrift.EngineColumn current, long referenceRows, long currentRows) {
        this.connection = connection;
        this.name = name;
        this.reference = reference;
        this.current = current;
        this.referenceRows = referenceRows;
        this.currentRows = currentRows;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DriftColumnKind referenceType() {
        return reference.kind();
    }

    @Override
    public DriftColumnKind currentType() {
        return current.kind();
    }

    @Override
    public long referenceRows() {
        return referenceRows;
    }

    @Override
    public long currentRows() {
        return currentRows;
    }

    @Override
    public long referenceMissing() {
        return reference.missing();
    }

    @Override
    public long currentMissing() {
        return current.missing();
    }

    /** -0.0 is folded into 0.0 before grouping, as the in-memory path does before sorting. */
    @Override
    public Samples.Numbers numbers() {
        String sql = "CREATE OR REPLACE TABLE " + RUNS + " AS SELECT v, sum(r)::BIGINT AS r, sum(c)::BIGINT AS c"
                + " FROM (" + side(reference, "count(*) AS r, 0 AS c") + " UNION ALL "
                + side(current, "0 AS r, count(*) AS c") + ") GROUP BY v ORDER BY v";
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw failed(e);
        }
        return Samples.Numbers.of(this::forEachRun);
    }

    private static String side(LargeDrift.EngineColumn column, String counts) {
        return "SELECT v, " + counts + " FROM (SELECT CASE WHEN x = 0 THEN 0.0::DOUBLE ELSE x END AS v FROM (SELECT "
                + column.numberSql() + " AS x FROM " + column.view() + ")) WHERE isfinite(v) GROUP BY v";
    }

    /** Streams the runs table in its (sorted) insertion order, and checks that order as it goes. */
    private void forEachRun(ValueRuns.Visitor visitor) {
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(LargeDrift.FETCH_SIZE);
            try (ResultSet runs = statement.executeQuery("SELECT v, r, c FROM " + RUNS)) {
                double previous = Double.NEGATIVE_INFINITY;
                while (runs.next()) {
                    double value = runs.getDouble(1);
                    if (!(value > previous)) {
                        throw new IllegalStateException("the engine returned runs out of order for column " + name);
                    }
                    previous = value;
                    visitor.run(value, runs.getLong(2), runs.getLong(3));
                }
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Samples.Categories categories() {
        return new Samples.Categories(counts(reference), counts(current));
    }

    /** Value counts; a numerical side is labelled as the in-memory path labels numbers seen as categories. */
    private Map<String, Long> counts(LargeDrift.EngineColumn column) {
        boolean numbers = column.kind() == DriftColumnKind.NUMERICAL;
        String value = numbers ? column.numberSql() : column.textSql();
        String sql = "SELECT v, count(*) FROM (SELECT " + value + " AS v FROM " + column.view() + ") WHERE v IS NOT NULL"
                + (numbers ? " AND NOT isnan(v)" : "") + " GROUP BY v";
        Map<String, Long> counts = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(LargeDrift.FETCH_SIZE);
            try (ResultSet result = statement.executeQuery(sql)) {
                while (result.next()) {
                    String label = numbers ? NumberFormat.compact(result.getDouble(1)) : result.getString(1);
                    counts.merge(label, result.getLong(2), Long::sum);
                }
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return counts;
    }

    private IllegalStateException failed(SQLException e) {
        return new IllegalStateException("drift engine failed on column " + name + ": " + e.getMessage(), e);
    }
}
