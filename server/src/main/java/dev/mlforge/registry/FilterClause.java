package dev.mlforge.registry;

import java.util.List;

/**
 * One {@code key comparator value} term of an MLflow search filter.
 *
 * @param tag        true for {@code tags.<key>}, false for an attribute such as {@code name}
 * @param comparator upper case: {@code =}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code LIKE},
 *                   {@code ILIKE}, {@code IN}, {@code NOT IN}
 * @param values     one value, or the list of an {@code IN}
 */
record FilterClause(boolean tag, String key, String comparator, List<String> values) {
    String value() {
        return values.get(0);
    }
}
