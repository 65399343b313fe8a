package dev.mlforge.audit;

import java.util.Map;
import java.util.StringJoiner;

/**
 * The text form of a record's resource: {@code name=value} pairs joined by commas ({@code experiment_id=3,name=churn}),
 * with {@code %}, {@code ,} and {@code =} inside names and values percent-escaped so that a filter matches whole pairs.
 */
final class ResourcePairs {
    private ResourcePairs() {}

    static String encode(Map<String, String> pairs) {
        StringJoiner joined = new StringJoiner(",");
        pairs.forEach((name, value) -> joined.add(escape(name) + "=" + escape(value)));
        return joined.toString();
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '%' -> escaped.append("%25");
                case ',' -> escaped.append("%2C");
                case '=' -> escaped.append("%3D");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
