package dev.mlforge.search;

import java.util.List;

/**
 * One {@code <type>.<key> <comparator> <value>} clause of a search filter, validated against its entity's
 * {@link SearchEntity table}. The comparator is upper case ({@code =, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN});
 * the value is a {@code String}, a {@code Double} (metrics and numeric attributes), a {@code Long} (integer
 * attributes such as {@code version_number}) or, for IN and NOT IN, a list of strings or longs.
 */
public record FilterClause(EntityType type, String key, String comparator, Object value) {

    public String stringValue() {
        return (String) value;
    }

    public double numberValue() {
        return (Double) value;
    }

    /** The values of an IN or NOT IN list. */
    public List<?> listValue() {
        return (List<?>) value;
    }

    /** The values the clause compares with: the list of an IN or NOT IN, else the one value. */
    public List<?> values() {
        return value instanceof List<?> list ? list : List.of(value);
    }

    public boolean isAttribute(String attribute) {
        return type == EntityType.ATTRIBUTE && key.equals(attribute);
    }
}
