package dev.mlforge.registry;

import dev.mlforge.store.Dialect;
import dev.mlforge.store.LikePatterns;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns validated filter terms and order terms into SQL for the registry's two searches. LIKE is case-sensitive
 * and ILIKE is not, as in MLflow; SQLite's LIKE ignores case, so case-sensitive patterns become GLOB there.
 */
final class RegistrySearchSql {
    private final Dialect dialect;

    RegistrySearchSql(Dialect dialect) {
        this.dialect = dialect;
    }

    record Fragment(String sql, Map<String, Object> binds) {}

    private static final Map<String, String> MODEL_COLUMNS = Map.of("name", "m.name",
            "creation_timestamp", "m.creation_timestamp", "timestamp", "m.creation_timestamp",
            "last_updated_timestamp", "m.last_updated_timestamp");
    private static final Map<String, String> VERSION_COLUMNS = Map.of("name", "m.name", "version_number", "v.version",
            "run_id", "v.run_id", "source_path", "v.source", "current_stage", "v.current_stage",
            "creation_timestamp", "v.creation_timestamp", "timestamp", "v.creation_timestamp",
            "last_updated_timestamp", "v.last_updated_timestamp");

    Fragment modelWhere(List<FilterClause> clauses) {
        return where(clauses, MODEL_COLUMNS,
                "EXISTS (SELECT 1 FROM registered_model_tags t WHERE t.model_id = m.id AND t.key = :%s AND t.value %s)");
    }

    Fragment versionWhere(List<FilterClause> clauses) {
        return where(clauses, VERSION_COLUMNS, "EXISTS (SELECT 1 FROM model_version_tags t WHERE t.model_id = v.model_id "
                + "AND t.version = v.version AND t.key = :%s AND t.value %s)");
    }

    /**
     * The FROM clause of a version search. SQLite's planner would scan every version and sort them for the default
     * order (model name, then version); walking the model-name index first lets LIMIT stop after one page. A
     * {@code run_id} filter is better served by its own index, so it keeps the planner's choice.
     */
    String versionFrom(SearchQuery query) {
        boolean byName = query.orderBy().isEmpty() || query.orderBy().get(0).attribute().equals("name");
        boolean byRun = query.filter().stream().anyMatch(clause -> !clause.tag() && clause.key().equals("run_id"));
        if (dialect == Dialect.SQLITE && byName && !byRun) {
            return " FROM registered_models m CROSS JOIN model_versions v ON m.id = v.model_id";
        }
        return " FROM model_versions v JOIN registered_models m ON m.id = v.model_id";
    }

    String modelOrder(List<SearchQuery.OrderTerm> terms) {
        return order(terms, MODEL_COLUMNS, "m.name ASC");
    }

    String versionOrder(List<SearchQuery.OrderTerm> terms) {
        return order(terms, VERSION_COLUMNS, "m.name ASC, v.version DESC");
    }

    private static String order(List<SearchQuery.OrderTerm> terms, Map<String, String> columns, String tieBreak) {
        String explicit = terms.stream().map(term -> columns.get(term.attribute()) + (term.ascending() ? " ASC" : " DESC"))
                .collect(Collectors.joining(", "));
        return " ORDER BY " + (explicit.isEmpty() ? tieBreak : explicit + ", " + tieBreak);
    }

    private Fragment where(List<FilterClause> clauses, Map<String, String> columns, String tagTemplate) {
        if (clauses.isEmpty()) {
            return new Fragment("", Map.of());
        }
        Map<String, Object> binds = new HashMap<>();
        StringBuilder sql = new StringBuilder(" WHERE ");
        for (int i = 0; i < clauses.size(); i++) {
            FilterClause clause = clauses.get(i);
            String param = "p" + i;
            if (i > 0) {
                sql.append(" AND ");
            }
            if (clause.tag()) {
                binds.put(param + "k", clause.key());
                sql.append(String.format(tagTemplate, param + "k", comparison(clause, param, binds)));
            } else {
                boolean numeric = clause.key().equals("version_number");
                sql.append(columns.get(clause.key())).append(' ').append(comparison(clause, param, binds, numeric));
            }
        }
        return new Fragment(sql.toString(), binds);
    }

    private String comparison(FilterClause clause, String param, Map<String, Object> binds) {
        return comparison(clause, param, binds, false);
    }

    private String comparison(FilterClause clause, String param, Map<String, Object> binds, boolean numeric) {
        switch (clause.comparator()) {
            case "IN", "NOT IN" -> {
                StringBuilder list = new StringBuilder();
                for (int j = 0; j < clause.values().size(); j++) {
                    binds.put(param + "_" + j, typed(clause.values().get(j), numeric));
                    list.append(j == 0 ? "" : ", ").append(':').append(param).append('_').append(j);
                }
                return clause.comparator() + " (" + list + ")";
            }
            case "LIKE" -> {
                if (dialect == Dialect.SQLITE) {
                    binds.put(param, LikePatterns.toGlob(clause.value()));
                    return "GLOB :" + param;
                }
                binds.put(param, clause.value());
                return "LIKE :" + param;
            }
            case "ILIKE" -> {
                binds.put(param, clause.value());
                return (dialect == Dialect.SQLITE ? "LIKE :" : "ILIKE :") + param;
            }
            default -> {
                binds.put(param, typed(clause.value(), numeric));
                return clause.comparator() + " :" + param;
            }
        }
    }

    private static Object typed(String value, boolean numeric) {
        return numeric ? (Object) Long.parseLong(value) : value;
    }
}
