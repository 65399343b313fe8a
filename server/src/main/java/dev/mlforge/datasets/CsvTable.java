package dev.mlforge.datasets;

import dev.mlforge.api.MlforgeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file held in memory: a header of column names and rows of raw cell text (RFC 4180 quoting).
 * Datasets, training and pipeline steps share it so that every part reads CSV the same way.
 */
public record CsvTable(List<String> columns, List<List<String>> rows) {
    public CsvTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public static CsvTable read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw MlforgeException.invalidParameter("Cannot read CSV file " + file + ": " + e.getMessage());
        }
    }

    /** Parses {@code text}; {@code source} names the file in error messages. */
    public static CsvTable parse(String text, String source) {
        List<List<String>> records = new CsvParser(text, source).records();
        if (records.isEmpty()) {
            throw MlforgeException.invalidParameter("CSV " + source + " is empty: a header line is required");
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).isEmpty()) {
                throw MlforgeException.invalidParameter("CSV " + source + ": column " + (i + 1) + " of the header has no name");
            }
            if (header.indexOf(header.get(i)) != i) {
                throw MlforgeException.invalidParameter("CSV " + source + ": duplicate column name '" + header.get(i) + "'");
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> row = records.get(r);
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (row.size() != header.size()) {
                throw MlforgeException.invalidParameter("CSV " + source + ": line " + (r + 1) + " has " + row.size()
                        + " fields, the header has " + header.size());
            }
            rows.add(row);
        }
        return new CsvTable(header, rows);
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
