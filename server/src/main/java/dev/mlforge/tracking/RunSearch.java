package dev.mlforge.tracking;

import dev.mlforge.search.FilterClause;
import dev.mlforge.search.OrderClause;
import java.util.List;

/**
 * A parsed runs/search request: which experiments, the filter, the order, the view and the window; {@code seek}, when
 * not null, is where the window starts in a param or tag order (the same place as {@code offset}).
 */
record RunSearch(List<String> experimentIds, List<FilterClause> filter, List<OrderClause> orderBy, ViewType viewType,
                 int offset, int limit, RunSeek seek) {

    RunSearch(List<String> experimentIds, List<FilterClause> filter, List<OrderClause> orderBy, ViewType viewType,
              int offset, int limit) {
        this(experimentIds, filter, orderBy, viewType, offset, limit, null);
    }
}
