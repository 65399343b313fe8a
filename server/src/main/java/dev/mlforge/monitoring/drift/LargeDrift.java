package dev.mlforge.monitoring.drift;

import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The drift report over CSV or Parquet files of any size, on an embedded DuckDB that spills to disk: the engine scans
 * the files, and Java receives per column only aggregates, never rows. A numerical column arrives as its distinct
 * finite values in ascending order with their count in the reference and in the current data, streamed through a
 * result set (one pass per statistic); a categorical column arrives as its value counts. The statistics, automatic
 * method choice and data-quality checks are the in-memory path's own code ({@link DriftCalculator}), so both paths
 * give the same report. Missing values and the numerical/categorical decision follow the {@link CsvTableReader} rules
 * (for Parquet, the column's type decides).
 *
 * <p>Heap use is bounded by the categories of categorical columns and the per-value bins of the few methods that
 * need them (chisquare, z, and the per-value bins of psi/kl_div/jensenshannon on at most 20 distinct reference values),
 * as for the in-memory path; numerical runs and rows stay in the engine.
 */
public final class LargeDrift {
    /** Rows fetched per round trip while streaming runs. */
    static final int FETCH_SIZE = 8192;

    private final Path tempDirectory;
    private final String memoryLimit;

    /**
     * @param tempDirectory where the engine spills when its memory limit is reached
     * @param memoryLimit the engine's memory limit in DuckDB's notation, e.g. {@code 1GB} (off the Java heap)
     */
    public LargeDrift(Path tempDirectory, String memoryLimit) {
        if (!memoryLimit.matches("(?i)[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)")) {
            throw new IllegalArgumentException("memory limit must look like 512MB or 2GB, got '" + memoryLimit + "'");
        }
        this.tempDirectory = tempDirectory;
        this.memoryLimit = memoryLimit;
    }

    /** As {@link #compare(Path, String, Path, String, DriftOptions)}, naming the files by their paths. */
    public DriftReport compare(Path reference, Path current, DriftOptions options) {
        return compare(reference, reference.toString(), current, current.toString(), options);
    }

    /**
     * Compares two files (CSV in the {@link dev.mlforge.datasets.CsvDialect}, or Parquet by the {@code .parquet}
     * extension).
     *
     * @param referenceName names the reference in messages (a server passes its artifact path)
     * @param currentName names the current data in messages
     * @throws MlforgeException when a file cannot be read or is not a valid CSV/Parquet file
     * @throws IllegalArgumentException when a requested column is missing from either file
     */
    public DriftReport compare(Path reference, String referenceName, Path current, String currentName,
            DriftOptions options) {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            EngineTable referenceTable = EngineTable.load(statement, "__reference", reference, referenceName);
            EngineTable currentTable = EngineTable.load(statement, "__current", current, currentName);
            return DriftCalculator.compare(referenceTable.names(), currentTable.names(), referenceTable.rows(),
                    currentTable.rows(), options, name -> new EngineColumnPair(connection, name,
                            referenceTable.column(name), currentTable.column(name), referenceTable.rows(),
                            currentTable.rows()), false);
        } catch (SQLException e) {
            throw MlforgeException.invalidParameter("Cannot compute drift between " + referenceName + " and "
                    + currentName + ": " + e.getMessage());
        }
    }

    /**
     * An in-memory database: past the memory limit the engine offloads its tables, sorts and aggregates to the
     * temporary directory.
     */
    private Connection open() throws SQLException {
        Properties properties = new Properties();
        // stream result sets in chunks instead of materialising them: runs can be as many as rows
        properties.setProperty("jdbc_stream_results", "true");
        Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET memory_limit = " + literal(memoryLimit));
            statement.execute("SET temp_directory = " + literal(tempDirectory.toString()));
            // runs tables are created sorted and scanned in that order
            statement.execute("SET preserve_insertion_order = true");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * The column names of both files, reference first, without scanning their rows.
     *
     * @throws MlforgeException when a file cannot be read
     */
    public List<List<String>> columnNames(Path reference, Path current) {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            return List.of(EngineTable.describe(statement, "__reference", reference, reference.toString(), false)
                    .names(), EngineTable.describe(statement, "__current", current, current.toString(), false).names());
        } catch (SQLException e) {
            throw MlforgeException.invalidParameter("Cannot read " + reference + " or " + current + ": "
                    + e.getMessage());
        }
    }

    /** A file's column names and the SQL over each column. */
    record Described(List<String> names, List<ColumnSql> columns) {
    }

    /** One side's column: the SQL of its values as DOUBLE and as VARCHAR (missing as NULL), kind, missing count. */
    record EngineColumn(String view, String numberSql, String textSql, DriftColumnKind kind, long missing) {
    }

    /** One file loaded as a view, with each column's kind and missing count from one aggregate scan. */
    record EngineTable(List<String> names, Map<String, EngineColumn> columns, long rows) {
        EngineColumn column(String name) {
            return columns.get(name);
        }

        static EngineTable load(Statement statement, String view, Path file, String source) throws SQLException {
            Described described = describe(statement, view, file, source, true);
            return scan(statement, view, described.names(), described.columns());
        }

        /**
         * Creates the file's view (with {@code parseCsv}, a CSV file is parsed into a table instead, once for every
         * later scan); its column names (as the in-memory reader names them) and their SQL.
         */
        static Described describe(Statement statement, String view, Path file, String source, boolean parseCsv)
                throws SQLException {
            if (!Files.isRegularFile(file)) {
                throw MlforgeException.invalidParameter("file not found: " + source);
            }
            boolean parquet = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
            // a CSV file is parsed once into a table; a Parquet file is read in place, column by column
            statement.execute("CREATE " + (parquet || !parseCsv ? "VIEW " : "TABLE ") + view + " AS SELECT * FROM " + (parquet
                    ? "read_parquet(" + literal(file.toString()) + ")"
                    : "read_csv(" + literal(file.toString()) + ", header = true, all_varchar = true, delim = ',',"
                            + " quote = '\"', escape = '\"', auto_detect = true)"));
            Map<String, String> engineTypes = new LinkedHashMap<>();
            try (ResultSet described = statement.executeQuery("DESCRIBE " + view)) {
                while (described.next()) {
                    engineTypes.put(described.getString("column_name"), described.getString("column_type"));
                }
            }
            List<String> names = parquet ? List.copyOf(engineTypes.keySet()) : csvHeader(file, source);
            if (names.size() != engineTypes.size()) {
                throw MlforgeException.invalidParameter("CSV " + source + " has " + names.size()
                        + " header names but the engine read " + engineTypes.size() + " columns");
            }
            List<ColumnSql> sql = new ArrayList<>();
            engineTypes.forEach((name, type) -> sql.add(parquet ? ColumnSql.parquet(name, type) : ColumnSql.csv(name)));
            return new Described(names, sql);
        }

        /** One scan: the row count, and per column its missing cells and (CSV) its cells that are not numbers. */
        private static EngineTable scan(Statement statement, String view, List<String> names, List<ColumnSql> sql)
                throws SQLException {
            StringBuilder query = new StringBuilder("SELECT count(*)");
            for (ColumnSql column : sql) {
                query.append(", count(*) FILTER (WHERE ").append(column.missingSql()).append(')');
                query.append(", count(*) FILTER (WHERE ").append(column.notNumberSql()).append(')');
            }
            query.append(" FROM ").append(view);
            Map<String, EngineColumn> columns = new LinkedHashMap<>();
            long rows;
            try (ResultSet result = statement.executeQuery(query.toString())) {
                result.next();
                rows = result.getLong(1);
                for (int i = 0; i < sql.size(); i++) {
                    long missing = result.getLong(2 + 2 * i);
                    ColumnSql column = sql.get(i);
                    boolean numerical = column.kind() != null ? column.kind() == DriftColumnKind.NUMERICAL
                            : result.getLong(3 + 2 * i) == 0;
                    columns.put(names.get(i), new EngineColumn(view, column.numberSql(), column.textSql(),
                            numerical ? DriftColumnKind.NUMERICAL : DriftColumnKind.CATEGORICAL, missing));
                }
            }
            return new EngineTable(names, columns, rows);
        }

        /** The header as the in-memory reader validates it (the engine renames empty and duplicate names). */
        private static List<String> csvHeader(Path file, String source) {
            try (InputStream in = Files.newInputStream(file)) {
                return CsvTableReader.header(new CsvScanner(in, source), source);
            } catch (IOException e) {
                throw MlforgeException.invalidParameter("Cannot read " + source + ": " + e.getMessage());
            }
        }
    }
}
