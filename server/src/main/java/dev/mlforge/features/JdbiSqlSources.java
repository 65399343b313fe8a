package dev.mlforge.features;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.store.Database;
import dev.mlforge.store.Dialect;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Feature views whose source is a SQL query on the backend store ({@code source: {query: "SELECT ..."}}). Off unless
 * the operator lists the tables such queries may read ({@code features.sql-source-tables}): the platform's own tables
 * (users, credentials, other workspaces' runs) are never reachable unless listed. A query must be one SELECT (or
 * {@code WITH ... SELECT}), without comments or a second statement, and read only listed tables, as the database's
 * own plan says (PostgreSQL: every relation of {@code EXPLAIN}; SQLite: the root page of every b-tree its program
 * opens, none opened for writing). It runs in a read-only transaction; its rows are exported to a CSV file that
 * materialization and training sets read as any other source.
 */
final class JdbiSqlSources {
    private static final Pattern START = Pattern.compile("(?is)^(select|with)\\b.*");
    /** Functions that reach files, other databases or settings: refused even on listed tables. */
    private static final Pattern FUNCTIONS = Pattern.compile("(?i)\\b(pg_\\w+|dblink\\w*|lo_\\w+|current_setting|set_config"
            + "|load_extension|readfile|writefile|fts3_tokenizer)\\s*\\(");

    private final Database database;
    private final Set<String> tables;
    private final Path exportDir;

    /** {@code tables}: the tables queries may read (lower case); empty: SQL sources are refused. */
    JdbiSqlSources(Database database, Set<String> tables, Path exportDir) {
        this.database = database;
        this.tables = Set.copyOf(tables.stream().map(table -> table.toLowerCase(Locale.ROOT)).toList());
        this.exportDir = exportDir;
    }

    /** Refuses a query SQL sources do not allow, naming why. */
    void check(String query, String where) {
        database.read(handle -> {
            try {
                checkOn(handle.getConnection(), query, where);
            } catch (SQLException e) {
                throw failed(where, e);
            }
            return null;
        });
    }

    private static MlforgeException failed(String where, SQLException e) {
        return MlforgeException.invalidParameter(where + ": the source query failed: " + e.getMessage());
    }

    /** Runs {@code query} read-only and writes its rows to a CSV file (header row of its column names). */
    Path export(String query, String where) {
        return database.read(handle -> {
            Connection connection = handle.getConnection();
            try {
                checkOn(connection, query, where);
                boolean autoCommit = connection.getAutoCommit();
                try {
                    readOnly(connection, true);
                    return write(connection, query, where);
                } finally {
                    readOnly(connection, false);
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                throw failed(where, e);
            }
        });
    }

    private void checkOn(Connection connection, String query, String where) throws SQLException {
        if (tables.isEmpty()) {
            throw MlforgeException.invalidParameter(where + ": SQL query sources are off on this server (the operator allows "
                    + "them by listing the tables they may read in features.sql-source-tables)");
        }
        String text = query == null ? "" : query.strip();
        if (!START.matcher(text).matches() || text.contains(";") || text.contains("--") || text.contains("/*")) {
            throw MlforgeException.invalidParameter(where + ": a source query must be a single SELECT (or WITH ... SELECT) "
                    + "without ';' or comments");
        }
        if (FUNCTIONS.matcher(text).find()) {
            throw MlforgeException.invalidParameter(where + ": the source query calls a function that reaches outside its tables");
        }
        Set<String> read;
        try {
            read = database.dialect() == Dialect.POSTGRESQL ? postgresTables(connection, text) : sqliteTables(connection, text);
        } catch (SQLException e) {
            throw MlforgeException.invalidParameter(where + ": the source query does not run: " + e.getMessage());
        }
        Set<String> refused = new TreeSet<>(read);
        refused.removeAll(tables);
        if (!refused.isEmpty()) {
            throw MlforgeException.invalidParameter(where + ": the source query reads " + refused
                    + ", which features.sql-source-tables does not list");
        }
    }

    /** Every relation {@code EXPLAIN} shows the plan reading; a function scan counts as an unlisted table. */
    private static Set<String> postgresTables(Connection connection, String query) throws SQLException {
        Set<String> read = new TreeSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet plan = statement.executeQuery("EXPLAIN (FORMAT JSON) " + query)) {
            plan.next();
            JsonNode root;
            try {
                root = Json.mapper().readTree(plan.getString(1));
            } catch (IOException e) {
                throw new SQLException("unreadable plan", e);
            }
            root.findParents("Node Type").forEach(node -> {
                if (node.has("Relation Name")) {
                    read.add(node.get("Relation Name").asText().toLowerCase(Locale.ROOT));
                } else if (node.get("Node Type").asText().equals("Function Scan")) {
                    read.add("function " + node.path("Function Name").asText());
                }
            });
        }
        return read;
    }

    /** The tables (an index counts as its table) whose b-trees the statement's program opens; any write is refused. */
    private static Set<String> sqliteTables(Connection connection, String query) throws SQLException {
        Map<Long, String> byRootPage = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet schema = statement.executeQuery("SELECT tbl_name, rootpage FROM sqlite_master WHERE rootpage > 0")) {
            while (schema.next()) {
                byRootPage.put(schema.getLong(2), schema.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        Set<String> read = new TreeSet<>();
        try (Statement statement = connection.createStatement(); ResultSet program = statement.executeQuery("EXPLAIN " + query)) {
            while (program.next()) {
                String opcode = program.getString("opcode");
                if (opcode.equals("OpenWrite") || opcode.equals("VOpen") || opcode.equals("VUpdate")) {
                    read.add("(" + opcode + ")");
                } else if (opcode.equals("OpenRead")) {
                    long database = program.getLong("p3");
                    long page = program.getLong("p2");
                    read.add(database != 0 ? "(attached database)" : byRootPage.getOrDefault(page, "(page " + page + ")"));
                }
            }
        }
        return read;
    }

    private void readOnly(Connection connection, boolean on) throws SQLException {
        if (database.dialect() == Dialect.POSTGRESQL) {
            if (on) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET TRANSACTION READ ONLY");
                }
            } else {
                connection.rollback();
            }
        } else {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA query_only = " + (on ? "1" : "0"));
            }
        }
    }

    private Path write(Connection connection, String query, String where) throws SQLException {
        Path file = exportDir.resolve(digest(query) + ".csv");
        try {
            Files.createDirectories(exportDir);
            Path partial = Files.createTempFile(exportDir, "query-", ".csv.partial");
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query);
                    BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                ResultSetMetaData meta = rows.getMetaData();
                for (int column = 1; column <= meta.getColumnCount(); column++) {
                    out.write((column > 1 ? "," : "") + cell(meta.getColumnLabel(column)));
                }
                out.write('\n');
                while (rows.next()) {
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        out.write((column > 1 ? "," : "") + cell(rows.getObject(column)));
                    }
                    out.write('\n');
                }
            } catch (SQLException e) {
                Files.deleteIfExists(partial);
                throw failed(where, e);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the rows of " + where + "'s source query", e);
        }
    }

    /** A CSV cell: null empty, times as ISO-8601 instants, text quoted when it holds a comma, quote or line break. */
    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text;
        if (value instanceof java.sql.Timestamp timestamp) {
            text = timestamp.toInstant().toString();
        } else if (value instanceof OffsetDateTime time) {
            text = time.toInstant().toString();
        } else if (value instanceof TemporalAccessor temporal) {
            text = temporal.toString();
        } else {
            text = value.toString();
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static String digest(String query) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tables of {@code features.sql-source-tables}: comma-separated names. */
    static Set<String> tables(String configured) {
        Set<String> tables = new TreeSet<>();
        for (String table : configured == null ? new String[0] : configured.split(",")) {
            if (!table.isBlank()) {
                tables.add(table.strip().toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }
}
