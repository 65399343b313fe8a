package dev.mlforge.http;

import java.util.List;
import java.util.Map;

/**
 * Writes JSON byte for byte as MLflow does with Python's {@code json.dumps} defaults: {@code ", "}
 * and {@code ": "} separators and {@code ensure_ascii} (everything outside printable ASCII as {@code \u00fc}, lower-case
 * hex, UTF-16 surrogates for the rest): webhook payloads (indistinguishable from MLflow's deliveries) and the JSON
 * that MLflow keeps in tags, such as a trace's linked prompts.
 */
public final class PythonJson {
    private PythonJson() {}

    /** {@code value} built from maps (in their iteration order), lists, strings, numbers, booleans and nulls. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            quote(out, text);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Double) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ", ");
                quote(out, String.valueOf(entry.getKey()));
                out.append(": ");
                append(out, entry.getValue());
                first = false;
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                append(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a payload value: " + value.getClass().getSimpleName());
        }
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
