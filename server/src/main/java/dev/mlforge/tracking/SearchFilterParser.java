package dev.mlforge.tracking;

import dev.mlforge.http.MlforgeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses MLflow's search filter grammar ({@code clause (AND clause)*}) and order-by items, with MLflow's
 * error messages. The result is a list of clauses; compiling them to SQL (always with bound values) is the
 * store's business.
 */
final class SearchFilterParser {
    static final Set<String> RUN_STRING_ATTRIBUTES = Set.of("run_id", "run_name", "status", "user_id", "artifact_uri");
    static final Set<String> RUN_NUMERIC_ATTRIBUTES = Set.of("start_time", "end_time", "created");
    static final Set<String> RUN_ORDERABLE_ATTRIBUTES =
            Set.of("artifact_uri", "end_time", "run_id", "run_name", "start_time", "status", "user_id");
    static final Set<String> DATASET_KEYS = Set.of("name", "digest", "context");
    static final Set<String> EXPERIMENT_STRING_ATTRIBUTES = Set.of("name");
    static final Set<String> EXPERIMENT_NUMERIC_ATTRIBUTES = Set.of("creation_time", "last_update_time");
    static final Set<String> EXPERIMENT_ORDERABLE_ATTRIBUTES =
            Set.of("name", "experiment_id", "creation_time", "last_update_time");

    private static final List<String> NUMERIC_COMPARATORS = List.of("=", "!=", ">", ">=", "<", "<=");
    private static final List<String> STRING_COMPARATORS = List.of("=", "!=", "LIKE", "ILIKE");
    private static final List<String> SET_COMPARATORS = List.of("=", "!=", "LIKE", "ILIKE", "IN", "NOT IN");

    /** Whether we parse a runs filter (typed identifiers) or an experiments filter (bare attributes allowed). */
    enum Target { RUNS, EXPERIMENTS }

    private final String text;
    private final Target target;
    private int position;

    private SearchFilterParser(String text, Target target) {
        this.text = text;
        this.target = target;
    }

    static List<FilterClause> parseRunFilter(String filter) {
        return parseFilter(filter, Target.RUNS);
    }

    static List<FilterClause> parseExperimentFilter(String filter) {
        return parseFilter(filter, Target.EXPERIMENTS);
    }

    private static List<FilterClause> parseFilter(String filter, Target target) {
        List<FilterClause> clauses = new ArrayList<>();
        if (filter == null || filter.isBlank()) {
            return clauses;
        }
        SearchFilterParser parser = new SearchFilterParser(filter, target);
        while (true) {
            clauses.add(parser.clause());
            parser.skipSpaces();
            if (parser.atEnd()) {
                return clauses;
            }
            parser.expectAnd();
        }
    }

    static List<OrderClause> parseRunOrderBy(List<String> items) {
        return parseOrderBy(items, Target.RUNS);
    }

    static List<OrderClause> parseExperimentOrderBy(List<String> items) {
        return parseOrderBy(items, Target.EXPERIMENTS);
    }

    private static List<OrderClause> parseOrderBy(List<String> items, Target target) {
        List<OrderClause> result = new ArrayList<>();
        for (String item : items) {
            if (item == null || item.isBlank()) {
                continue;
            }
            result.add(new SearchFilterParser(item, target).orderItem());
        }
        return result;
    }

    private OrderClause orderItem() {
        skipSpaces();
        Identifier identifier = identifier(true);
        skipSpaces();
        boolean ascending = true;
        if (!atEnd()) {
            String word = word().toUpperCase(Locale.ROOT);
            if (word.equals("DESC")) {
                ascending = false;
            } else if (!word.equals("ASC")) {
                throw invalidOrderBy();
            }
            skipSpaces();
            if (!atEnd()) {
                throw invalidOrderBy();
            }
        }
        if (identifier.type() == EntityType.ATTRIBUTE) {
            Set<String> orderable = target == Target.RUNS ? RUN_ORDERABLE_ATTRIBUTES : EXPERIMENT_ORDERABLE_ATTRIBUTES;
            if (!orderable.contains(identifier.key())) {
                throw MlforgeException.invalidParameter("Invalid attribute key '" + identifier.key()
                        + "' specified. Valid keys are '" + sorted(orderable) + "'");
            }
        } else if (identifier.type() == EntityType.DATASET || target == Target.EXPERIMENTS) {
            throw invalidOrderBy();
        }
        return new OrderClause(identifier.type(), identifier.key(), ascending);
    }

    private MlforgeException invalidOrderBy() {
        return MlforgeException.invalidParameter("Invalid order_by clause '" + text + "'. Could not be parsed.");
    }

    private FilterClause clause() {
        skipSpaces();
        Identifier identifier = identifier(false);
        skipSpaces();
        String comparator = comparator();
        skipSpaces();
        Object value = value();
        return validated(identifier, comparator, value);
    }

    private FilterClause validated(Identifier identifier, String comparator, Object value) {
        EntityType type = identifier.type();
        String key = identifier.key();
        switch (type) {
            case METRIC -> {
                requireComparator(comparator, NUMERIC_COMPARATORS);
                requireNumber(value, "metric");
            }
            case PARAM, TAG -> {
                requireComparator(comparator, STRING_COMPARATORS);
                requireString(value, type == EntityType.PARAM ? "parameter" : "tag");
            }
            case DATASET -> {
                if (!DATASET_KEYS.contains(key)) {
                    throw MlforgeException.invalidParameter("Invalid dataset key '" + key
                            + "' specified. Valid keys are '" + sorted(DATASET_KEYS) + "'");
                }
                requireComparator(comparator, SET_COMPARATORS);
                requireStringOrList(value, comparator, "dataset");
            }
            case ATTRIBUTE -> validateAttribute(key, comparator, value);
        }
        return new FilterClause(type, key, comparator, value);
    }

    private void validateAttribute(String key, String comparator, Object value) {
        Set<String> strings = target == Target.RUNS ? RUN_STRING_ATTRIBUTES : EXPERIMENT_STRING_ATTRIBUTES;
        Set<String> numbers = target == Target.RUNS ? RUN_NUMERIC_ATTRIBUTES : EXPERIMENT_NUMERIC_ATTRIBUTES;
        if (strings.contains(key)) {
            requireComparator(comparator, target == Target.RUNS ? SET_COMPARATORS : STRING_COMPARATORS);
            requireStringOrList(value, comparator, "attribute");
        } else if (numbers.contains(key)) {
            requireComparator(comparator, NUMERIC_COMPARATORS);
            requireNumber(value, "attribute");
        } else {
            java.util.TreeSet<String> valid = new java.util.TreeSet<>(strings);
            valid.addAll(numbers);
            throw MlforgeException.invalidParameter("Invalid attribute key '" + key + "' specified. Valid keys are '"
                    + valid + "'");
        }
    }

    private static void requireComparator(String comparator, List<String> valid) {
        if (!valid.contains(comparator)) {
            throw MlforgeException.invalidParameter("Invalid comparator '" + comparator + "' not one of '" + valid + "'");
        }
    }

    private static void requireNumber(Object value, String kind) {
        if (!(value instanceof Double)) {
            throw MlforgeException.invalidParameter("Expected numeric value type for " + kind + ". Found " + display(value));
        }
    }

    private static void requireString(Object value, String kind) {
        if (!(value instanceof String)) {
            throw MlforgeException.invalidParameter("Expected a quoted string value for " + kind
                    + " (e.g. 'my-value'). Got value " + display(value));
        }
    }

    private static void requireStringOrList(Object value, String comparator, String kind) {
        boolean listComparator = comparator.equals("IN") || comparator.equals("NOT IN");
        if (listComparator && !(value instanceof List)) {
            throw MlforgeException.invalidParameter("Expected a list of quoted strings after " + comparator
                    + " for " + kind + " (e.g. ('a', 'b')). Got value " + display(value));
        }
        if (!listComparator) {
            requireString(value, kind);
        }
    }

    private static String display(Object value) {
        if (value instanceof Double number && number == Math.rint(number) && !Double.isInfinite(number)) {
            return String.valueOf(number.longValue());
        }
        return String.valueOf(value);
    }

    private record Identifier(EntityType type, String key) {}

    private Identifier identifier(boolean orderBy) {
        int start = position;
        while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            position++;
        }
        String head = text.substring(start, position);
        if (head.isEmpty()) {
            throw invalidFilter();
        }
        if (atEnd() || peek() != '.') {
            if (target == Target.EXPERIMENTS || orderBy) {
                return new Identifier(EntityType.ATTRIBUTE, head);
            }
            throw MlforgeException.invalidParameter("Invalid identifier '" + head + "'. Columns should be specified as "
                    + "'attribute.<key>', 'metric.<key>', 'tag.<key>', 'dataset.<key>', or 'param.'.");
        }
        position++;
        EntityType type = entityType(head);
        String key = key();
        if (target == Target.EXPERIMENTS && type != EntityType.TAG && type != EntityType.ATTRIBUTE) {
            throw MlforgeException.invalidParameter("Invalid entity type '" + head
                    + "'. Valid values are ['tag', 'attribute']");
        }
        return new Identifier(type, key);
    }

    private static EntityType entityType(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "metric", "metrics" -> EntityType.METRIC;
            case "param", "params", "parameter", "parameters" -> EntityType.PARAM;
            case "tag", "tags" -> EntityType.TAG;
            case "attribute", "attributes", "attr", "run" -> EntityType.ATTRIBUTE;
            case "dataset", "datasets" -> EntityType.DATASET;
            default -> throw MlforgeException.invalidParameter("Invalid entity type '" + word
                    + "'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']");
        };
    }

    private String key() {
        if (atEnd()) {
            throw invalidFilter();
        }
        char quote = peek();
        if (quote == '`' || quote == '"') {
            int end = text.indexOf(quote, position + 1);
            if (end < 0) {
                throw invalidFilter();
            }
            String key = text.substring(position + 1, end);
            position = end + 1;
            return key;
        }
        int start = position;
        while (!atEnd() && !Character.isWhitespace(peek()) && "=!<>()'\"".indexOf(peek()) < 0) {
            position++;
        }
        if (start == position) {
            throw invalidFilter();
        }
        return text.substring(start, position);
    }

    private String comparator() {
        if (atEnd()) {
            throw invalidFilter();
        }
        for (String symbol : List.of("!=", "<>", ">=", "<=", "=", ">", "<")) {
            if (text.startsWith(symbol, position)) {
                position += symbol.length();
                return symbol.equals("<>") ? "!=" : symbol;
            }
        }
        String word = word().toUpperCase(Locale.ROOT);
        if (word.equals("NOT")) {
            skipSpaces();
            String next = word().toUpperCase(Locale.ROOT);
            if (next.equals("IN")) {
                return "NOT IN";
            }
            throw invalidComparator("NOT " + next);
        }
        if (word.equals("LIKE") || word.equals("ILIKE") || word.equals("IN")) {
            return word;
        }
        throw invalidComparator(word);
    }

    private MlforgeException invalidComparator(String word) {
        return MlforgeException.invalidParameter("Invalid comparator '" + word + "' not one of '" + SET_COMPARATORS
                + "' in filter '" + text + "'");
    }

    private Object value() {
        if (atEnd()) {
            throw invalidFilter();
        }
        char first = peek();
        if (first == '\'' || first == '"') {
            return quoted();
        }
        if (first == '(') {
            return list();
        }
        int start = position;
        while (!atEnd() && !Character.isWhitespace(peek())) {
            position++;
        }
        String token = text.substring(start, position);
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            return new UnquotedToken(token);
        }
    }

    /** A bare word where a value belongs, kept only to report it in an error message. */
    private record UnquotedToken(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private String quoted() {
        char quote = peek();
        StringBuilder value = new StringBuilder();
        position++;
        while (!atEnd()) {
            char c = peek();
            position++;
            if (c == quote) {
                if (!atEnd() && peek() == quote) {
                    value.append(quote);
                    position++;
                    continue;
                }
                return value.toString();
            }
            value.append(c);
        }
        throw invalidFilter();
    }

    private List<String> list() {
        position++;
        List<String> values = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (atEnd()) {
                throw invalidFilter();
            }
            char c = peek();
            if (c != '\'' && c != '"') {
                throw MlforgeException.invalidParameter("While parsing a list in the query, expected string value, "
                        + "punctuation, or whitespace, but got different type in list: " + text);
            }
            values.add(quoted());
            skipSpaces();
            if (atEnd()) {
                throw invalidFilter();
            }
            if (peek() == ')') {
                position++;
                return values;
            }
            if (peek() != ',') {
                throw invalidFilter();
            }
            position++;
        }
    }

    private void expectAnd() {
        String word = word();
        if (word.equalsIgnoreCase("OR")) {
            throw MlforgeException.invalidParameter("Invalid clause(s) in filter string: '" + text
                    + "'. Search filter contained OR, which is not supported.");
        }
        if (!word.equalsIgnoreCase("AND")) {
            throw invalidFilter();
        }
    }

    private String word() {
        int start = position;
        while (!atEnd() && Character.isLetter(peek())) {
            position++;
        }
        return text.substring(start, position);
    }

    private MlforgeException invalidFilter() {
        return MlforgeException.invalidParameter("Invalid filter '" + text + "'. Could not be parsed.");
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            position++;
        }
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    private char peek() {
        return text.charAt(position);
    }

    private static String sorted(Set<String> values) {
        return new java.util.TreeSet<>(values).toString();
    }
}
