package dev.mlforge.monitoring.drift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;

/** Writes test inputs for {@link LargeDrift}: CSV files, and Parquet files written by DuckDB itself. */
final class EngineFiles {
    private EngineFiles() {
    }

    /** A CSV file with the same numbers in each named column, as Java prints them (NaN, an NA token, is missing). */
    static void numbersCsv(Path file, Collection<String> names, double[] values) {
        StringBuilder text = new StringBuilder(String.join(",", names)).append('\n');
        for (double value : values) {
            String cell = Double.toString(value);
            text.append(String.join(",", Collections.nCopies(names.size(), cell))).append('\n');
        }
        write(file, text.toString());
    }

    /** A Parquet file with the same strings in each named VARCHAR column. */
    static void textParquet(Path file, Collection<String> names, String[] values) {
        List<Column> columns = new ArrayList<>();
        names.forEach(name -> columns.add(new Column.Categories(name, values)));
        parquet(file, DataTable.of(columns));
    }

    /** A Parquet file of a table: numbers as DOUBLE (NaN kept), categories as VARCHAR (missing as NULL). */
    static Path parquet(Path file, DataTable table) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            StringJoiner columns = new StringJoiner(", ");
            StringJoiner marks = new StringJoiner(", ");
            for (Column column : table.columns()) {
                columns.add(LargeDrift.identifier(column.name()) + (column instanceof Column.Numbers ? " DOUBLE"
                        : " VARCHAR"));
                marks.add("?");
            }
            statement.execute("CREATE TABLE t (" + columns + ")");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (" + marks + ")")) {
                for (int row = 0; row < table.rowCount(); row++) {
                    for (int c = 0; c < table.columns().size(); c++) {
                        Column column = table.columns().get(c);
                        if (column instanceof Column.Numbers numbers) {
                            insert.setDouble(c + 1, numbers.values()[row]);
                        } else if (((Column.Categories) column).values()[row] == null) {
                            insert.setNull(c + 1, Types.VARCHAR);
                        } else {
                            insert.setString(c + 1, ((Column.Categories) column).values()[row]);
                        }
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            statement.execute("COPY t TO " + LargeDrift.literal(file.toString()) + " (FORMAT parquet)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
