package dev.mlforge.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * One text form for an entity key, whether it came from a source file ({@code 1001} read as a number) or a request
 * ({@code 1001} or {@code "1001"} in JSON): integral numbers print without a fraction, the parts of a composite key
 * are joined by the unit separator (U+001F).
 */
final class EntityKeys {
    private static final char SEPARATOR = '\u001f';

    private EntityKeys() {}

    static String encode(List<Object> parts) {
        if (parts.size() == 1) {
            return part(parts.get(0));
        }
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                key.append(SEPARATOR);
            }
            key.append(part(parts.get(i)));
        }
        return key.toString();
    }

    static String part(Object value) {
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            double number = ((Number) value).doubleValue();
            return number == Math.rint(number) && Math.abs(number) < 1e18 ? Long.toString((long) number) : Double.toString(number);
        }
        return String.valueOf(value);
    }

    /** A request's key value: a JSON number or string (anything else is refused by the caller). */
    static Object fromJson(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        return value.asText();
    }
}
