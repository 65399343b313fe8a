package dev.mlforge.registry;

import dev.mlforge.search.FilterClause;
import dev.mlforge.search.OrderClause;
import java.util.List;

/** A validated search: filter clauses (ANDed), order-by items (attributes only), and the page window. */
record SearchQuery(List<FilterClause> filter, List<OrderClause> orderBy, int offset, int limit) {
}
