package dev.mlforge.features;

import dev.mlforge.http.MlforgeException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The offline side of the feature store over an embedded DuckDB, one in-memory database per call: point-in-time
 * joins of entity rows with feature views (an {@code ASOF LEFT JOIN} per view: the latest row at or before each entity
 * row's event time, never after, blanked when older than the view's TTL), and the latest row per entity key for
 * materialization. Timestamps are read as UTC; a numeric timestamp column holds epoch seconds.
 *
 * <p>Two source rows of one entity key with the same event time are a correction: the later row in the file wins.
 * Public for the benchmarks, which time joins without the dataset registration around them.
 */
public final class OfflineEngine {
    private static final Set<String> NUMERIC = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT",
            "DOUBLE", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT");

    /** One view of a join: its features to fetch, its entities' join keys, and the file of its rows. */
    public record ViewJoin(FeatureView view, List<String> joinKeys, List<FeatureField> features, Path sourceFile) {}

    /** The latest row of one entity key: the key values in join-key order, the event time, and the feature values. */
    record LatestRow(List<Object> key, long eventMillis, Map<String, Object> values) {}

    /**
     * Measured (docs/benchmarks.md, 10M rows x 10 features): with DuckDB's default dictionary limit the writer tries a
     * dictionary on every column chunk of high-cardinality doubles before falling back to plain, about two thirds of the
     * write's CPU; capped at 1 KB it gives up at once on those and still encodes low-cardinality columns as dictionaries.
     * Snappy stays: joined rows repeat their view row's values, it shrinks the file about 3.5x for little CPU.
     */
    private static final String PARQUET_OUT = "FORMAT parquet, COMPRESSION snappy, DICTIONARY_SIZE_LIMIT 1024";

    private final Path tempDir;

    /** An engine whose DuckDB spills to {@code tempDir} when a join outgrows memory. */
    public OfflineEngine(Path tempDir) {
        this.tempDir = tempDir;
    }

    /**
     * Joins the entity rows of {@code entityFile} (a CSV or Parquet file with {@code eventTimestampColumn} and the views'
     * join keys) with each view, writing the entity rows (in their order, all their columns) followed by the feature
     * columns ({@code view__feature} when {@code fullNames}) to {@code output} (CSV, or Parquet by its extension).
     *
     * @return the number of rows written
     */
    public long pointInTimeJoin(Path entityFile, String eventTimestampColumn, List<ViewJoin> joins, boolean fullNames, Path output) {
        return pointInTimeJoin(entityFile, eventTimestampColumn, joins, fullNames, output, true);
    }

    /**
     * As {@link #pointInTimeJoin(Path, String, List, boolean, Path)}; with {@code keepOrder} false the rows come in the
     * join's order, which spares sorting them back (the cost that dominates for millions of rows).
     */
    public long pointInTimeJoin(Path entityFile, String eventTimestampColumn, List<ViewJoin> joins, boolean fullNames, Path output,
            boolean keepOrder) {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            // Measured (docs/benchmarks.md): a Parquet entity file is read in place with its row numbers rather than copied
            // into a table first; a CSV one (inline rows, small) is loaded, as read_csv has no row number.
            String entities = entityRows(statement, entityFile);
            Map<String, String> entityColumns = columns(statement, "SELECT * FROM " + entities);
            entityColumns.remove("file_row_number");
            requireColumns(entityColumns, List.of(eventTimestampColumn), "the entity rows");
            StringJoiner select = new StringJoiner(", ");
            entityColumns.keySet().forEach(column -> select.add("e." + quote(column)));
            StringBuilder from = new StringBuilder("(SELECT *, " + timestamp(eventTimestampColumn,
                    entityColumns.get(eventTimestampColumn)) + " AS __ets FROM " + entities + ") e");
            Set<String> outputNames = new HashSet<>(entityColumns.keySet());
            for (int i = 0; i < joins.size(); i++) {
                ViewJoin join = joins.get(i);
                requireColumns(entityColumns, join.joinKeys(), "the entity rows (join keys of feature view '"
                        + join.view().name() + "')");
                String alias = "v" + i;
                loadView(statement, alias, join, entityColumns);
                StringJoiner on = new StringJoiner(" AND ");
                join.joinKeys().forEach(key -> on.add("e." + quote(key) + " = " + alias + "." + quote(key)));
                on.add("e.__ets >= " + alias + ".__ts");
                from.append(" ASOF LEFT JOIN ").append(alias).append(" ON ").append(on);
                for (FeatureField feature : join.features()) {
                    String name = fullNames ? join.view().name() + "__" + feature.name() : feature.name();
                    if (!outputNames.add(name)) {
                        throw MlforgeException.invalidParameter("Column '" + name + "' would appear twice in the training set "
                                + "(an entity column, or a feature of two views): ask for full_feature_names");
                    }
                    String value = alias + "." + quote(feature.name());
                    long ttl = join.view().ttlSeconds();
                    select.add((ttl == 0 ? value : "CASE WHEN " + alias + ".__ts >= e.__ets - to_seconds(" + ttl + ") THEN "
                            + value + " END") + " AS " + quote(name));
                }
            }
            String query = "SELECT " + select + " FROM " + from + (keepOrder ? " ORDER BY e.file_row_number" : "");
            // the ORDER BY (when asked) is the only order wanted: the join and the writer need not keep any other
            statement.execute("SET preserve_insertion_order = false");
            String format = isParquet(output) ? PARQUET_OUT : "FORMAT csv, HEADER";
            return statement.executeUpdate("COPY (" + query + ") TO " + literal(output) + " (" + format + ")");
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * For each entity key of {@code view}'s source with a row whose event time is after {@code afterMillis} (null: any)
     * and at or before {@code upToMillis}, that key's latest such row.
     */
    List<LatestRow> latest(Path sourceFile, FeatureView view, List<String> joinKeys, Long afterMillis, long upToMillis) {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            loadView(statement, "v", new ViewJoin(view, joinKeys, view.features(), sourceFile), null);
            StringJoiner keys = new StringJoiner(", ");
            joinKeys.forEach(key -> keys.add(quote(key)));
            String sql = "SELECT *, epoch_ms(__ts) AS __ms FROM v WHERE epoch_ms(__ts) > ? AND epoch_ms(__ts) <= ? "
                    + "QUALIFY row_number() OVER (PARTITION BY " + keys + " ORDER BY __ts DESC) = 1";
            List<LatestRow> rows = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setLong(1, afterMillis == null ? Long.MIN_VALUE : afterMillis);
                query.setLong(2, upToMillis);
                try (ResultSet results = query.executeQuery()) {
                    while (results.next()) {
                        List<Object> key = new ArrayList<>();
                        for (String joinKey : joinKeys) {
                            key.add(results.getObject(joinKey));
                        }
                        Map<String, Object> values = new LinkedHashMap<>();
                        for (FeatureField feature : view.features()) {
                            values.put(feature.name(), results.getObject(feature.name()));
                        }
                        rows.add(new LatestRow(key, results.getLong("__ms"), values));
                    }
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Creates table {@code alias}: the view's join keys (cast to the entity rows' types when given), {@code __ts} and
     * its features cast to their dtypes, one row per key and event time (the last in the file).
     */
    private static void loadView(Statement statement, String alias, ViewJoin join, Map<String, String> entityColumns)
            throws SQLException {
        boolean parquet = isParquet(join.sourceFile());
        String raw = parquet ? "read_parquet(" + literal(join.sourceFile()) + ", file_row_number = true)" : "__src_" + alias;
        if (!parquet) {
            statement.execute("CREATE TABLE " + raw + " AS SELECT * FROM " + reader(join.sourceFile()));
            raw = "(SELECT *, rowid AS file_row_number FROM " + raw + ")";
        }
        Map<String, String> columns = columns(statement, "SELECT * FROM " + raw);
        String where = "the source of feature view '" + join.view().name() + "'";
        List<String> needed = new ArrayList<>(join.joinKeys());
        needed.add(join.view().timestampField());
        join.features().forEach(feature -> needed.add(feature.name()));
        requireColumns(columns, needed, where);
        StringJoiner select = new StringJoiner(", ");
        StringJoiner notNull = new StringJoiner(" AND ");
        StringJoiner partition = new StringJoiner(", ");
        for (String key : join.joinKeys()) {
            String type = entityColumns == null ? columns.get(key) : entityColumns.get(key);
            select.add("TRY_CAST(" + quote(key) + " AS " + type + ") AS " + quote(key));
            notNull.add(quote(key) + " IS NOT NULL");
            partition.add(quote(key));
        }
        select.add(timestamp(join.view().timestampField(), columns.get(join.view().timestampField())) + " AS __ts");
        notNull.add("__ts IS NOT NULL");
        for (FeatureField feature : join.features()) {
            select.add("CAST(" + quote(feature.name()) + " AS " + feature.sqlType() + ") AS " + quote(feature.name()));
        }
        String all = "__all_" + alias;
        statement.execute("CREATE TABLE " + all + " AS SELECT * FROM (SELECT " + select + ", file_row_number AS __rn FROM "
                + raw + ") WHERE " + notNull);
        // Corrections (two rows of one key and time) are rare; counting them is a hash aggregate, a sixth of the cost of
        // the window that keeps the last one, so the window runs only when there is one (measured on 2M rows).
        if (hasCorrections(statement, all, partition.toString())) {
            statement.execute("CREATE TABLE " + alias + " AS SELECT * FROM " + all + " QUALIFY row_number() OVER "
                    + "(PARTITION BY " + partition + ", __ts ORDER BY __rn DESC) = 1");
            statement.execute("DROP TABLE " + all);
        } else {
            statement.execute("ALTER TABLE " + all + " RENAME TO " + alias);
        }
        if (!parquet) {
            statement.execute("DROP TABLE __src_" + alias);
        }
    }

    private static boolean hasCorrections(Statement statement, String table, String keys) throws SQLException {
        try (ResultSet results = statement.executeQuery("SELECT count(*) > count(DISTINCT (" + keys + ", __ts)) FROM " + table)) {
            results.next();
            return results.getBoolean(1);
        }
    }

    /** The entity rows as a relation with a {@code file_row_number} column (their order in the file). */
    private static String entityRows(Statement statement, Path entityFile) throws SQLException {
        if (isParquet(entityFile)) {
            return "read_parquet(" + literal(entityFile) + ", file_row_number = true)";
        }
        statement.execute("CREATE TABLE __entities AS SELECT * FROM " + reader(entityFile));
        return "(SELECT *, rowid AS file_row_number FROM __entities)";
    }

    private static boolean isParquet(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    private Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("SET temp_directory = " + literal(tempDir));
        }
        return connection;
    }

    private static String reader(Path file) {
        return isParquet(file) ? "read_parquet(" + literal(file) + ")" : "read_csv(" + literal(file) + ", header = true)";
    }

    private static Map<String, String> columns(Statement statement, String query) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (ResultSet results = statement.executeQuery("DESCRIBE " + query)) {
            while (results.next()) {
                columns.put(results.getString("column_name"), results.getString("column_type"));
            }
        }
        return columns;
    }

    private static void requireColumns(Map<String, String> columns, List<String> needed, String where) {
        List<String> missing = needed.stream().filter(column -> !columns.containsKey(column)).distinct().toList();
        if (!missing.isEmpty()) {
            throw MlforgeException.invalidParameter(where + " has no column " + String.join(", ", missing.stream()
                    .map(column -> "'" + column + "'").toList()) + " (it has " + columns.keySet() + ")");
        }
    }

    /** A timestamp column as a UTC {@code TIMESTAMP}: text and timestamps are cast, numbers are epoch seconds. */
    private static String timestamp(String column, String type) {
        return NUMERIC.contains(type) || type.startsWith("DECIMAL")
                ? "CAST(to_timestamp(CAST(" + quote(column) + " AS DOUBLE)) AS TIMESTAMP)"
                : "CAST(" + quote(column) + " AS TIMESTAMP)";
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    /** A DuckDB error (an unreadable file, a value that does not convert) as a 400 with DuckDB's first line. */
    private static MlforgeException failure(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int newline = message.indexOf('\n');
        return MlforgeException.invalidParameter("The feature data cannot be read: "
                + (newline > 0 ? message.substring(0, newline) : message));
    }
}
