package dev.mlforge.search;

import dev.mlforge.http.MlforgeException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Checks one scanned clause against its entity's table and gives its value the type the stores bind. */
final class ClauseValidation {
    private ClauseValidation() {}

    static FilterClause validated(SearchEntity entity, String filter, EntityType type, String key, String comparator,
            Object value) {
        return switch (type) {
            case METRIC -> {
                requireComparator(comparator, SearchEntity.NUMERIC_COMPARATORS);
                yield new FilterClause(type, key, comparator, requireNumber(value, "metric"));
            }
            case PARAM, TAG, METADATA -> {
                String kind = type == EntityType.PARAM ? "parameter" : type == EntityType.TAG ? "tag" : "metadata";
                if (entity == SearchEntity.LOGGED_MODELS && type != EntityType.METADATA) {
                    // MLflow's logged-model filter takes IN and NOT IN on params and tags too.
                    requireComparator(comparator, SearchEntity.SET_COMPARATORS);
                    yield new FilterClause(type, key, comparator, stringOrList(value, comparator, kind, filter));
                }
                requireComparator(comparator, SearchEntity.STRING_COMPARATORS);
                yield new FilterClause(type, key, comparator, requireString(value, kind));
            }
            case DATASET -> {
                if (!SearchEntity.DATASET_KEYS.contains(key)) {
                    throw MlforgeException.invalidParameter("Invalid dataset key '" + key
                            + "' specified. Valid keys are '" + new TreeSet<>(SearchEntity.DATASET_KEYS) + "'");
                }
                requireComparator(comparator, SearchEntity.SET_COMPARATORS);
                yield new FilterClause(type, key, comparator, stringOrList(value, comparator, "dataset", filter));
            }
            case ATTRIBUTE -> attribute(entity, filter, key, comparator, value);
        };
    }

    private static FilterClause attribute(SearchEntity entity, String filter, String key, String comparator, Object value) {
        SearchEntity.Attribute attribute = entity.attributes().get(key);
        if (attribute == null) {
            throw MlforgeException.invalidParameter("Invalid attribute key '" + key + "' specified. Valid keys are '"
                    + entity.attributes().keySet() + "'");
        }
        requireComparator(comparator, attribute.comparators());
        Object typed = switch (attribute.kind()) {
            case STRING -> stringOrList(value, comparator, "attribute", filter);
            case NUMBER -> requireNumber(value, "attribute");
            case INTEGER -> isList(comparator) ? integerList(value, comparator, key) : integer(value, key);
        };
        return new FilterClause(EntityType.ATTRIBUTE, key, comparator, typed);
    }

    private static void requireComparator(String comparator, List<String> valid) {
        if (!valid.contains(comparator)) {
            throw MlforgeException.invalidParameter("Invalid comparator '" + comparator + "' not one of '" + valid + "'");
        }
    }

    private static Double requireNumber(Object value, String kind) {
        if (!(value instanceof Double number)) {
            throw MlforgeException.invalidParameter("Expected numeric value type for " + kind + ". Found " + display(value));
        }
        return number;
    }

    private static String requireString(Object value, String kind) {
        if (!(value instanceof String text)) {
            throw MlforgeException.invalidParameter("Expected a quoted string value for " + kind
                    + " (e.g. 'my-value'). Got value " + display(value));
        }
        return text;
    }

    private static boolean isList(String comparator) {
        return comparator.equals("IN") || comparator.equals("NOT IN");
    }

    private static Object stringOrList(Object value, String comparator, String kind, String filter) {
        if (!isList(comparator)) {
            return requireString(value, kind);
        }
        if (!(value instanceof List<?> list)) {
            throw MlforgeException.invalidParameter("Expected a list of quoted strings after " + comparator
                    + " for " + kind + " (e.g. ('a', 'b')). Got value " + display(value));
        }
        List<String> strings = new ArrayList<>();
        for (Object element : list) {
            if (!(element instanceof String text)) {
                throw MlforgeException.invalidParameter("While parsing a list in the query, expected string value, "
                        + "punctuation, or whitespace, but got different type in list: " + filter);
            }
            strings.add(text);
        }
        return List.copyOf(strings);
    }

    /** An integer attribute takes a bare integer or a quoted one ({@code version_number = '3'}), as MLflow does. */
    private static Long integer(Object value, String key) {
        if (value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1e15) {
            return number.longValue();
        }
        if (value instanceof String text && text.matches("-?\\d{1,15}")) {
            return Long.parseLong(text);
        }
        throw MlforgeException.invalidParameter("Expected an integer value for attribute '" + key + "'. Found "
                + display(value));
    }

    private static List<Long> integerList(Object value, String comparator, String key) {
        if (!(value instanceof List<?> list)) {
            throw MlforgeException.invalidParameter("Expected a list of integers after " + comparator + " for attribute '"
                    + key + "' (e.g. (1, 2)). Got value " + display(value));
        }
        return list.stream().map(element -> integer(element, key)).toList();
    }

    private static String display(Object value) {
        if (value instanceof Double number && number == Math.rint(number) && !Double.isInfinite(number)) {
            return String.valueOf(number.longValue());
        }
        return String.valueOf(value);
    }
}
