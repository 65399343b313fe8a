package dev.mlforge.monitoring.monitors;

import dev.mlforge.api.MlforgeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CSV text (RFC 4180 quoting, a header line) into columns: an empty cell is missing, a cell that parses as a
 * number is a {@link Double}, any other cell a string.
 */
final class CsvColumns {
    private CsvColumns() {}

    static ColumnTable parse(String text, String source) {
        List<List<String>> records = records(text);
        if (records.isEmpty()) {
            throw MlforgeException.invalidParameter("Reference CSV " + source + " is empty: a header line is required");
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (String name : header) {
            if (name.isEmpty() || columns.putIfAbsent(name, new ArrayList<>()) != null) {
                throw MlforgeException.invalidParameter("Reference CSV " + source + ": empty or duplicate column name '" + name + "'");
            }
        }
        for (int r = 1; r < records.size(); r++) {
            List<String> row = records.get(r);
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (row.size() != header.size()) {
                throw MlforgeException.invalidParameter("Reference CSV " + source + ": line " + (r + 1) + " has "
                        + row.size() + " fields, the header " + header.size());
            }
            for (int c = 0; c < header.size(); c++) {
                columns.get(header.get(c)).add(value(row.get(c)));
            }
        }
        return new ColumnTable(columns);
    }

    private static Object value(String cell) {
        String text = cell.strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }

    private static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
