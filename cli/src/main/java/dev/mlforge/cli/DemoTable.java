package dev.mlforge.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A small numeric CSV table (the wine data: a header, then plain comma-separated numbers). */
record DemoTable(List<String> header, List<double[]> rows) {

    static DemoTable read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + csv, e);
        }
        if (lines.isEmpty()) {
            throw new DemoFailure(csv + " is empty");
        }
        List<String> header = List.of(lines.get(0).strip().split(","));
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.strip().split(",");
            if (cells.length != header.size()) {
                throw new DemoFailure(csv + ": a row has " + cells.length + " cells, the header " + header.size());
            }
            double[] row = new double[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = Double.parseDouble(cells[i]);
            }
            rows.add(row);
        }
        return new DemoTable(header, rows);
    }

    int column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new DemoFailure("no column '" + name + "' among " + header);
        }
        return index;
    }

    /** The same rows with {@code delta} added to the column {@code name}. */
    DemoTable shifted(String name, double delta) {
        int index = column(name);
        return mapRows(row -> {
            double[] copy = row.clone();
            copy[index] += delta;
            return copy;
        });
    }

    DemoTable mapRows(UnaryOperator<double[]> change) {
        return new DemoTable(header, rows.stream().map(change).toList());
    }

    /** The values of {@code columns}, in that order, for row {@code row}. */
    double[] values(int row, List<String> columns) {
        double[] values = new double[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            values[i] = rows.get(row)[column(columns.get(i))];
        }
        return values;
    }

    /** CSV text of {@code columns}, written under the names {@code names} (same length). */
    String csv(List<String> columns, List<String> names) {
        StringBuilder text = new StringBuilder(String.join(",", names)).append('\n');
        for (int row = 0; row < rows.size(); row++) {
            double[] values = values(row, columns);
            for (int i = 0; i < values.length; i++) {
                text.append(i == 0 ? "" : ",").append(format(values[i]));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
