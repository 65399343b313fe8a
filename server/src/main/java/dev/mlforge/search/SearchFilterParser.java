package dev.mlforge.search;

import dev.mlforge.http.MlforgeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses MLflow's search filter grammar ({@code clause (AND clause)*}) and order-by items for any
 * {@link SearchEntity}, validating each key, comparator and value against the entity's table, with MLflow's error
 * messages (all INVALID_PARAMETER_VALUE). Compiling the clauses to SQL, always with bound values, is each store's
 * business.
 */
public final class SearchFilterParser {
    private final FilterScanner scanner;
    private final SearchEntity entity;

    private SearchFilterParser(String text, SearchEntity entity) {
        this.scanner = new FilterScanner(text);
        this.entity = entity;
    }

    /** The clauses of {@code filter}; none for a null or blank filter. */
    public static List<FilterClause> parseFilter(String filter, SearchEntity entity) {
        List<FilterClause> clauses = new ArrayList<>();
        if (filter == null || filter.isBlank()) {
            return clauses;
        }
        SearchFilterParser parser = new SearchFilterParser(filter, entity);
        FilterScanner scanner = parser.scanner;
        while (true) {
            clauses.add(parser.clause());
            scanner.skipSpaces();
            if (scanner.atEnd()) {
                return clauses;
            }
            scanner.and();
        }
    }

    /** The order-by items, blank ones skipped; a key named twice is refused, as MLflow's stores refuse it. */
    public static List<OrderClause> parseOrderBy(List<String> items, SearchEntity entity) {
        List<OrderClause> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String item : items) {
            if (item == null || item.isBlank()) {
                continue;
            }
            OrderClause order = new SearchFilterParser(item, entity).orderItem();
            if (!seen.add(order.type() + "." + order.key())) {
                throw MlforgeException.invalidParameter("`order_by` contains duplicate fields: " + items);
            }
            result.add(order);
        }
        return result;
    }

    private OrderClause orderItem() {
        scanner.skipSpaces();
        Identifier identifier = identifier(true);
        scanner.skipSpaces();
        boolean ascending = true;
        if (!scanner.atEnd()) {
            String word = scanner.word().toUpperCase(Locale.ROOT);
            if (word.equals("DESC")) {
                ascending = false;
            } else if (!word.equals("ASC")) {
                throw invalidOrderBy();
            }
            scanner.skipSpaces();
            if (!scanner.atEnd()) {
                throw invalidOrderBy();
            }
        }
        if (!entity.orderTypes().contains(identifier.type())) {
            throw invalidOrderBy();
        }
        String key = identifier.key();
        if (identifier.type() == EntityType.ATTRIBUTE) {
            key = orderableAttribute(key);
        }
        return new OrderClause(identifier.type(), key, ascending);
    }

    /** The attribute as the table names it; order-by keys are matched ignoring case ({@code NAME DESC}). */
    private String orderableAttribute(String key) {
        Set<String> orderable = entity.orderableAttributes();
        if (orderable.contains(key)) {
            return key;
        }
        String lower = key.toLowerCase(Locale.ROOT);
        if (orderable.contains(lower)) {
            return lower;
        }
        throw MlforgeException.invalidParameter("Invalid attribute key '" + key + "' specified. Valid keys are '"
                + new TreeSet<>(orderable) + "'");
    }

    private MlforgeException invalidOrderBy() {
        return MlforgeException.invalidParameter("Invalid order_by clause '" + scanner.text() + "'. Could not be parsed.");
    }

    private FilterClause clause() {
        scanner.skipSpaces();
        Identifier identifier = identifier(false);
        scanner.skipSpaces();
        String comparator = scanner.comparator();
        scanner.skipSpaces();
        Object value = scanner.value();
        return ClauseValidation.validated(entity, scanner.text(), identifier.type(), identifier.key(), comparator, value);
    }

    private record Identifier(EntityType type, String key) {}

    private Identifier identifier(boolean orderBy) {
        String head = scanner.head();
        if (head.isEmpty()) {
            throw scanner.invalidFilter();
        }
        if (!scanner.dot()) {
            if (entity.bareKeysAreAttributes() || orderBy) {
                return new Identifier(EntityType.ATTRIBUTE, head);
            }
            throw MlforgeException.invalidParameter("Invalid identifier '" + head + "'. Columns should be specified as "
                    + "'attribute.<key>', 'metric.<key>', 'tag.<key>', 'dataset.<key>', or 'param.'.");
        }
        EntityType type = entityType(head);
        String key = scanner.key();
        if (!orderBy && !entity.filterTypes().contains(type)) {
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
            case "attribute", "attributes", "attr", "run", "trace" -> EntityType.ATTRIBUTE;
            case "metadata", "request_metadata" -> EntityType.METADATA;
            case "dataset", "datasets" -> EntityType.DATASET;
            default -> throw MlforgeException.invalidParameter("Invalid entity type '" + word
                    + "'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']");
        };
    }
}
