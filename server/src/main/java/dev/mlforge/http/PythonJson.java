package dev.mlforge.http;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
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
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Double number) {
            out.append(repr(number));
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

    /**
     * A double as Python's {@code repr} (and so {@code json.dumps}) writes it: the shortest digits that read back as
     * the same double, plain from 1e-4 up to 1e16 ({@code 0.0001}, {@code 151.4250030517578}, {@code 3.0}), else
     * {@code 1.5e-05} or {@code 1e+16}; {@code NaN}, {@code Infinity}, {@code -Infinity}.
     */
    public static String repr(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
        if (exponent < -4 || exponent >= 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            String power = Integer.toString(Math.abs(exponent));
            return out.append(exponent < 0 ? "e-" : "e+").append(power.length() < 2 ? "0" : "").append(power).toString();
        }
        if (exponent < 0) {
            return out.append("0.").append("0".repeat(-exponent - 1)).append(digits).toString();
        }
        if (exponent >= digits.length() - 1) {
            return out.append(digits).append("0".repeat(exponent - digits.length() + 1)).append(".0").toString();
        }
        return out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length()).toString();
    }

    /**
     * The fewest significant digits (the nearest decimal of that length) that read back as {@code value}. Java's own
     * text reads back too and is at most a digit longer (JDK 17 is not always shortest), so the search starts there.
     */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        int precision = new BigDecimal(Double.toString(value)).stripTrailingZeros().precision();
        BigDecimal best = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        while (precision > 1) {
            BigDecimal shorter = exact.round(new MathContext(precision - 1, RoundingMode.HALF_EVEN));
            if (shorter.doubleValue() != value) {
                break;
            }
            best = shorter;
            precision--;
        }
        return best.stripTrailingZeros();
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
