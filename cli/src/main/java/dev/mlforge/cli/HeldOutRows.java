package dev.mlforge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a held-out file for {@code mlforge deployments smoke-test}: a CSV file with a header line, or JSON Lines
 * with one object per row; each row's features in the file's column order and its expected label.
 *
 * @param featureColumns the columns other than the label, in file order
 * @param rows the rows
 */
record HeldOutRows(List<String> featureColumns, List<Row> rows) {
    /** One row: its feature values by column (numbers, strings or booleans) and its expected label. */
    record Row(Map<String, Object> features, Object label) { }

    /** Reads {@code file} ({@code .jsonl}/{@code .ndjson}: JSON Lines, anything else: CSV). */
    static HeldOutRows read(Path file, String labelColumn) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        HeldOutRows rows = name.endsWith(".jsonl") || name.endsWith(".ndjson") ? jsonLines(name, lines, labelColumn)
                : csv(name, lines, labelColumn);
        if (rows.rows.isEmpty()) {
            throw new IllegalArgumentException(name + " has no rows");
        }
        if (rows.featureColumns.isEmpty()) {
            throw new IllegalArgumentException(name + " has no feature columns besides '" + labelColumn + "'");
        }
        return rows;
    }

    private static HeldOutRows csv(String name, List<String> lines, String labelColumn) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty: a CSV file needs a header line and rows");
        }
        List<String> header = cells(lines.get(0));
        int labelIndex = header.indexOf(labelColumn);
        if (labelIndex < 0) {
            throw new IllegalArgumentException(name + " has no column '" + labelColumn + "' (its header: "
                    + String.join(",", header) + ")");
        }
        List<String> features = new ArrayList<>(header);
        features.remove(labelIndex);
        List<Row> rows = new ArrayList<>();
        for (int line = 1; line < lines.size(); line++) {
            List<String> cells = cells(lines.get(line));
            if (cells.size() != header.size()) {
                throw new IllegalArgumentException(name + " line " + (line + 1) + " has " + cells.size()
                        + " cells, the header " + header.size());
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (int column = 0; column < header.size(); column++) {
                if (column != labelIndex) {
                    values.put(header.get(column), value(cells.get(column)));
                }
            }
            rows.add(new Row(values, value(cells.get(labelIndex))));
        }
        return new HeldOutRows(List.copyOf(features), List.copyOf(rows));
    }

    private static HeldOutRows jsonLines(String name, List<String> lines, String labelColumn) {
        List<String> features = null;
        List<Row> rows = new ArrayList<>();
        for (int line = 0; line < lines.size(); line++) {
            JsonNode node;
            try {
                node = Json.mapper().readTree(lines.get(line));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(name + " line " + (line + 1) + " is not JSON: " + e.getOriginalMessage());
            }
            if (!node.isObject() || !node.has(labelColumn)) {
                throw new IllegalArgumentException(name + " line " + (line + 1) + " must be a JSON object with the label '"
                        + labelColumn + "'");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getKey().equals(labelColumn)) {
                    values.put(field.getKey(), scalar(name, line, field.getValue()));
                }
            }
            if (features == null) {
                features = List.copyOf(values.keySet());
            } else if (!features.equals(List.copyOf(values.keySet()))) {
                throw new IllegalArgumentException(name + " line " + (line + 1) + " has the fields " + values.keySet()
                        + ", the first line " + features);
            }
            rows.add(new Row(values, scalar(name, line, node.get(labelColumn))));
        }
        return new HeldOutRows(features == null ? List.of() : features, List.copyOf(rows));
    }

    private static Object scalar(String name, int line, JsonNode value) {
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        throw new IllegalArgumentException(name + " line " + (line + 1) + ": values must be numbers, strings or booleans, got " + value);
    }

    /** A number when the cell reads as one, else the text. */
    private static Object value(String cell) {
        String text = cell.strip();
        try {
            return text.matches("[+-]?\\d{1,18}") ? (Object) Long.parseLong(text) : (Object) Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** The cells of one CSV line; double quotes enclose cells holding commas, {@code ""} is a quote inside them. */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
