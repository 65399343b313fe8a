package dev.mlforge.tracking;

import java.util.List;

/**
 * One {@code <type>.<key> <comparator> <value>} clause of a search filter. The comparator is upper case
 * ({@code =, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN}); the value is a {@code String}, a {@code Double}
 * or, for IN and NOT IN, a {@code List<String>}.
 */
record FilterClause(EntityType type, String key, String comparator, Object value) {

    String stringValue() {
        return (String) value;
    }

    double numberValue() {
        return (Double) value;
    }

    @SuppressWarnings("unchecked")
    List<String> listValue() {
        return (List<String>) value;
    }
}
