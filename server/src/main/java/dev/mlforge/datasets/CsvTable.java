package dev.mlforge.datasets;

import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A CSV file held in memory: a header of column names and rows of raw cell text (RFC 4180 quoting).
 * Datasets, training and pipeline steps share it so that every part reads CSV the same way.
 */
public record CsvTable(List<String> columns, List<List<String>> rows) implements CsvSource {
    public CsvTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public static CsvTable read(Path file) {
        return new CsvFile(file, file.getFileName().toString()).table();
    }

    /** Parses {@code text}; {@code source} names the file in error messages. */
    public static CsvTable parse(String text, String source) {
        try (CsvRows reader = CsvRows.open(new StringReader(text), source)) {
            return reader.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a string failed", e);
        }
    }

    @Override
    public void forEachRow(Consumer<List<String>> action) {
        rows.forEach(action);
    }

    public int columnIndex(String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw MlforgeException.invalidParameter("Unknown column '" + column + "'; columns are " + columns);
        }
        return index;
    }

    public List<String> column(String name) {
        int index = columnIndex(name);
        return rows.stream().map(row -> row.get(index)).toList();
    }

    public int rowCount() {
        return rows.size();
    }

    public CsvTable withRows(List<List<String>> newRows) {
        return new CsvTable(columns, newRows);
    }

    public void write(Path file) {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write(line(columns));
            for (List<String> row : rows) {
                writer.write(line(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write CSV " + file, e);
        }
    }

    private static String line(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String cell = cells.get(i);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                out.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                out.append(cell);
            }
        }
        return out.append('\n').toString();
    }
}
