package dev.mlforge.tracking;

import dev.mlforge.search.FilterClause;
import dev.mlforge.search.OrderClause;
import java.util.List;

/** A parsed runs/search request: which experiments, the filter, the order, the view and the window. */
record RunSearch(List<String> experimentIds, List<FilterClause> filter, List<OrderClause> orderBy, ViewType viewType,
                 int offset, int limit) {
}
