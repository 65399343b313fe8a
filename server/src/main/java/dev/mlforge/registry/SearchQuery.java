package dev.mlforge.registry;

import java.util.List;

/** A validated search: filter terms (ANDed), order (attribute, ascending), and the page window. */
record SearchQuery(List<FilterClause> filter, List<OrderTerm> orderBy, int offset, int limit) {
    record OrderTerm(String attribute, boolean ascending) {}
}
