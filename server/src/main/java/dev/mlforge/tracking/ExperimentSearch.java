package dev.mlforge.tracking;

import dev.mlforge.search.FilterClause;
import dev.mlforge.search.OrderClause;
import java.util.List;

/** A parsed experiments/search request. */
record ExperimentSearch(List<FilterClause> filter, List<OrderClause> orderBy, ViewType viewType, int offset, int limit) {
}
