package dev.mlforge.search;

import dev.mlforge.store.Dialect;
import dev.mlforge.store.LikePatterns;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of one filter clause's comparison on a column, the same for every entity and both dialects: LIKE is
 * case-sensitive and ILIKE is not, as in MLflow (SQLite's LIKE ignores case, so a case-sensitive pattern becomes
 * GLOB there). Values are always bound, never spliced into the text.
 */
public final class SqlComparison {
    /** Binds one value and answers its placeholder: {@code ?} for positional arguments, {@code :name} for named ones. */
    @FunctionalInterface
    public interface Binder {
        String bind(Object value);
    }

    private final Dialect dialect;

    public SqlComparison(Dialect dialect) {
        this.dialect = dialect;
    }

    /** A binder that appends to positional arguments. */
    public static Binder positional(List<Object> args) {
        return value -> {
            args.add(value);
            return "?";
        };
    }

    /** {@code column <comparator> <value>} for the clause's comparator and value. */
    public String compare(String column, FilterClause clause, Binder binder) {
        switch (clause.comparator()) {
            case "LIKE" -> {
                return dialect == Dialect.SQLITE
                        ? column + " GLOB " + binder.bind(LikePatterns.toGlob(clause.stringValue()))
                        : column + " LIKE " + binder.bind(clause.stringValue());
            }
            case "ILIKE" -> {
                String value = binder.bind(clause.stringValue());
                return dialect == Dialect.SQLITE ? "lower(" + column + ") LIKE lower(" + value + ")" : column + " ILIKE " + value;
            }
            case "IN", "NOT IN" -> {
                List<String> placeholders = new ArrayList<>();
                for (Object value : clause.listValue()) {
                    placeholders.add(binder.bind(value));
                }
                return column + " " + clause.comparator() + " (" + (placeholders.isEmpty() ? "NULL" : String.join(", ", placeholders)) + ")";
            }
            default -> {
                return column + " " + clause.comparator() + " " + binder.bind(clause.value());
            }
        }
    }
}
