package dev.mlforge.tracking;

import java.util.List;

/** A parsed experiments/search request. */
record ExperimentSearch(List<FilterClause> filter, List<OrderClause> orderBy, ViewType viewType, int offset, int limit) {
}
