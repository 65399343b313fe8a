package dev.mlforge.datasets;

import dev.mlforge.api.MlforgeException;
import java.util.ArrayList;
import java.util.List;

/** Splits CSV text into records of fields: comma separated, double-quote quoting, CRLF or LF line ends. */
final class CsvParser {
    private final String text;
    private final String source;
    private int position;
    private int line = 1;

    CsvParser(String text, String source) {
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.source = source;
    }

    List<List<String>> records() {
        List<List<String>> records = new ArrayList<>();
        while (position < text.length()) {
            records.add(record());
        }
        return records;
    }

    private List<String> record() {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '"' && field.isEmpty()) {
                quoted(field);
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && position < text.length() && text.charAt(position) == '\n') {
                    position++;
                }
                line++;
                break;
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private void quoted(StringBuilder field) {
        int startLine = line;
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '"') {
                if (position < text.length() && text.charAt(position) == '"') {
                    field.append('"');
                    position++;
                } else {
                    return;
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                field.append(c);
            }
        }
        throw MlforgeException.invalidParameter("CSV " + source + ": unterminated quoted field starting on line " + startLine);
    }
}
