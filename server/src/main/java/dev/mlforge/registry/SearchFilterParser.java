package dev.mlforge.registry;

import dev.mlforge.http.MlforgeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses MLflow registry search filters: {@code clause (AND clause)*}, where a clause is
 * {@code key comparator value}; keys are attributes ({@code name}) or {@code tags.<key>} (the key may be quoted with
 * backticks or double quotes); strings are single- or double-quoted; {@code IN} takes a parenthesised list.
 */
final class SearchFilterParser {
    private static final Set<String> TAG_COMPARATORS = Set.of("=", "!=", "LIKE", "ILIKE");

    private final String filter;
    private final Map<String, Set<String>> attributes;
    private final Set<String> numericAttributes;
    private int pos;

    private SearchFilterParser(String filter, Map<String, Set<String>> attributes, Set<String> numericAttributes) {
        this.filter = filter;
        this.attributes = attributes;
        this.numericAttributes = numericAttributes;
    }

    /**
     * @param attributes        the attributes that may be filtered on, each with its allowed comparators
     * @param numericAttributes those of them whose values are unquoted integers
     */
    static List<FilterClause> parse(String filter, Map<String, Set<String>> attributes, Set<String> numericAttributes) {
        if (filter == null || filter.isBlank()) {
            return List.of();
        }
        return new SearchFilterParser(filter, attributes, numericAttributes).clauses();
    }

    private List<FilterClause> clauses() {
        List<FilterClause> clauses = new ArrayList<>();
        while (true) {
            clauses.add(clause());
            skipSpaces();
            if (pos >= filter.length()) {
                return clauses;
            }
            if (!filter.regionMatches(true, pos, "AND", 0, 3) || pos + 3 >= filter.length()
                    || !Character.isWhitespace(filter.charAt(pos + 3))) {
                throw invalid("expected AND or the end of the filter at position " + pos);
            }
            pos += 3;
        }
    }

    private FilterClause clause() {
        skipSpaces();
        String key = key();
        skipSpaces();
        String comparator = comparator();
        skipSpaces();
        boolean tag = false;
        String lowerKey = key.toLowerCase(Locale.ROOT);
        for (String prefix : List.of("tags.", "tag.")) {
            if (lowerKey.startsWith(prefix)) {
                tag = true;
                key = unquote(key.substring(prefix.length()));
            }
        }
        if (tag) {
            if (!TAG_COMPARATORS.contains(comparator)) {
                throw invalid("invalid comparator '" + comparator + "' for tags; allowed: " + TAG_COMPARATORS);
            }
            return new FilterClause(true, key, comparator, List.of(quotedValue()));
        }
        key = unquote(key);
        if (key.startsWith("attributes.") || key.startsWith("attribute.") || key.startsWith("attr.")) {
            key = key.substring(key.indexOf('.') + 1);
        }
        Set<String> allowed = attributes.get(key);
        if (allowed == null) {
            throw invalid("invalid attribute key '" + key + "'; valid keys are " + attributes.keySet() + " and tags.<key>");
        }
        if (!allowed.contains(comparator)) {
            throw invalid("invalid comparator '" + comparator + "' for attribute '" + key + "'; allowed: " + allowed);
        }
        boolean numeric = numericAttributes.contains(key);
        List<String> values = comparator.endsWith("IN") ? list(numeric) : List.of(numeric ? number() : quotedValue());
        return new FilterClause(false, key, comparator, values);
    }

    private String key() {
        int start = pos;
        while (pos < filter.length()) {
            char c = filter.charAt(pos);
            if (c == '`' || c == '"') {
                int end = filter.indexOf(c, pos + 1);
                if (end < 0) {
                    throw invalid("unterminated quote in key");
                }
                pos = end + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-') {
                pos++;
            } else {
                break;
            }
        }
        if (start == pos) {
            throw invalid("expected a key at position " + start);
        }
        return filter.substring(start, pos);
    }

    private String comparator() {
        for (String symbol : List.of("!=", "<=", ">=", "=", "<", ">")) {
            if (filter.startsWith(symbol, pos)) {
                pos += symbol.length();
                return symbol;
            }
        }
        int start = pos;
        while (pos < filter.length() && Character.isLetter(filter.charAt(pos))) {
            pos++;
        }
        String word = filter.substring(start, pos).toUpperCase(Locale.ROOT);
        if (word.equals("NOT")) {
            skipSpaces();
            if (filter.regionMatches(true, pos, "IN", 0, 2)) {
                pos += 2;
                return "NOT IN";
            }
        }
        if (word.equals("LIKE") || word.equals("ILIKE") || word.equals("IN")) {
            return word;
        }
        throw invalid("expected a comparator at position " + start);
    }

    private String quotedValue() {
        if (pos >= filter.length() || (filter.charAt(pos) != '\'' && filter.charAt(pos) != '"')) {
            throw invalid("value at position " + pos + " is either not quoted or uses an unidentified quote type; "
                    + "use single or double quotes");
        }
        char quote = filter.charAt(pos);
        int end = filter.indexOf(quote, pos + 1);
        if (end < 0) {
            throw invalid("unterminated string at position " + pos);
        }
        String value = filter.substring(pos + 1, end);
        pos = end + 1;
        return value;
    }

    private String number() {
        int start = pos;
        if (pos < filter.length() && filter.charAt(pos) == '-') {
            pos++;
        }
        while (pos < filter.length() && Character.isDigit(filter.charAt(pos))) {
            pos++;
        }
        String text = filter.substring(start, pos);
        if (text.isEmpty() || text.equals("-")) {
            if (pos < filter.length() && (filter.charAt(pos) == '\'' || filter.charAt(pos) == '"')) {
                String quoted = quotedValue();
                if (quoted.matches("-?\\d+")) {
                    return quoted;
                }
            }
            throw invalid("expected an integer at position " + start);
        }
        return text;
    }

    private List<String> list(boolean numeric) {
        if (pos >= filter.length() || filter.charAt(pos) != '(') {
            throw invalid("expected a parenthesised list after IN at position " + pos);
        }
        pos++;
        List<String> values = new ArrayList<>();
        while (true) {
            skipSpaces();
            values.add(numeric ? number() : quotedValue());
            skipSpaces();
            if (pos < filter.length() && filter.charAt(pos) == ',') {
                pos++;
            } else if (pos < filter.length() && filter.charAt(pos) == ')') {
                pos++;
                return values;
            } else {
                throw invalid("expected ',' or ')' in the IN list at position " + pos);
            }
        }
    }

    private static String unquote(String key) {
        if (key.length() >= 2 && (key.startsWith("`") && key.endsWith("`") || key.startsWith("\"") && key.endsWith("\""))) {
            return key.substring(1, key.length() - 1);
        }
        return key;
    }

    private void skipSpaces() {
        while (pos < filter.length() && Character.isWhitespace(filter.charAt(pos))) {
            pos++;
        }
    }

    private MlforgeException invalid(String reason) {
        return MlforgeException.invalidParameter("Invalid filter '" + filter + "': " + reason);
    }
}
