package dev.mlforge.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader for scoring requests: quoted fields, doubled quotes, CRLF or LF line ends. */
final class Csv {
    private Csv() {}

    static List<List<String>> parse(String text) {
        List<List<String>> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
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
                any = true;
            } else if (c == ',') {
                line.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    line.add(field.toString());
                    lines.add(line);
                }
                line = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (any || field.length() > 0) {
            line.add(field.toString());
            lines.add(line);
        }
        return lines;
    }

    /** A cell as JSON: empty is null (a missing value), numbers are numbers, true/false booleans, else text. */
    static JsonNode cell(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
            return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(trimmed));
        }
        try {
            if (trimmed.matches("[-+]?\\d+")) {
                return JsonNodeFactory.instance.numberNode(Long.parseLong(trimmed));
            }
            return JsonNodeFactory.instance.numberNode(Double.parseDouble(trimmed));
        } catch (NumberFormatException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }
}
