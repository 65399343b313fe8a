package dev.mlforge.registry;

import dev.mlforge.search.EntityType;
import dev.mlforge.search.FilterClause;
import dev.mlforge.search.OrderClause;
import dev.mlforge.search.SqlComparison;
import dev.mlforge.store.Dialect;
import dev.mlforge.store.WorkspaceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns validated filter clauses and order-by items into SQL for the registry's two searches: which column each
 * attribute is, and how tags are matched; the comparisons themselves come from {@link SqlComparison}.
 */
final class RegistrySearchSql {
    private final Dialect dialect;
    private final SqlComparison comparison;

    RegistrySearchSql(Dialect dialect) {
        this.dialect = dialect;
        this.comparison = new SqlComparison(dialect);
    }

    record Fragment(String sql, Map<String, Object> binds) {}

    private static final Map<String, String> MODEL_COLUMNS = Map.of("name", "m.name",
            "creation_timestamp", "m.creation_timestamp", "timestamp", "m.creation_timestamp",
            "last_updated_timestamp", "m.last_updated_timestamp");
    private static final Map<String, String> VERSION_COLUMNS = Map.of("name", "m.name", "version_number", "v.version",
            "run_id", "v.run_id", "source_path", "v.source", "current_stage", "v.current_stage",
            "creation_timestamp", "v.creation_timestamp", "timestamp", "v.creation_timestamp",
            "last_updated_timestamp", "v.last_updated_timestamp");

    /**
     * A prompt's tag row, with literal constants (never user input) so that both dialects can use the partial index of
     * migration V10 instead of reading every tag of a model for each of its versions.
     */
    private static final String PROMPT_ROW = "pt.key = '" + PromptFilter.IS_PROMPT_TAG + "' AND pt.value = 'true'";

    /**
     * The models of the current workspace that match and its reader may read: both are conditions of the query, so pages
     * are full.
     */
    Fragment modelWhere(List<FilterClause> clauses, WorkspaceContext workspace) {
        return where(PromptFilter.of(clauses), workspace, MODEL_COLUMNS,
                "EXISTS (SELECT 1 FROM registered_model_tags t WHERE t.model_id = m.id AND t.key = %s AND %s)",
                "NOT EXISTS (SELECT 1 FROM registered_model_tags pt WHERE pt.model_id = m.id AND " + PROMPT_ROW + ")");
    }

    /** Versions are told apart by their own prompt tag, on any version of the same model, as MLflow's anti-join does. */
    Fragment versionWhere(List<FilterClause> clauses, WorkspaceContext workspace) {
        return where(PromptFilter.of(clauses), workspace, VERSION_COLUMNS,
                "EXISTS (SELECT 1 FROM model_version_tags t WHERE t.model_id = v.model_id AND t.version = v.version "
                        + "AND t.key = %s AND %s)",
                "NOT EXISTS (SELECT 1 FROM model_version_tags pt WHERE pt.model_id = v.model_id AND " + PROMPT_ROW + ")");
    }

    /**
     * The FROM clause of a version search. SQLite's planner would scan every version and sort them for the default
     * order (model name, then version); walking the model-name index first lets LIMIT stop after one page. A
     * {@code run_id} filter is better served by its own index, so it keeps the planner's choice.
     */
    String versionFrom(SearchQuery query) {
        boolean byName = query.orderBy().isEmpty() || query.orderBy().get(0).key().equals("name");
        boolean byRun = query.filter().stream().anyMatch(clause -> clause.isAttribute("run_id"));
        if (dialect == Dialect.SQLITE && byName && !byRun) {
            return " FROM registered_models m CROSS JOIN model_versions v ON m.id = v.model_id";
        }
        return " FROM model_versions v JOIN registered_models m ON m.id = v.model_id";
    }

    String modelOrder(List<OrderClause> terms) {
        return order(terms, MODEL_COLUMNS, "m.name ASC");
    }

    String versionOrder(List<OrderClause> terms) {
        return order(terms, VERSION_COLUMNS, "m.name ASC, v.version DESC");
    }

    private static String order(List<OrderClause> terms, Map<String, String> columns, String tieBreak) {
        String explicit = terms.stream().map(term -> columns.get(term.key()) + (term.ascending() ? " ASC" : " DESC"))
                .collect(Collectors.joining(", "));
        return " ORDER BY " + (explicit.isEmpty() ? tieBreak : explicit + ", " + tieBreak);
    }

    private Fragment where(PromptFilter filter, WorkspaceContext workspace, Map<String, String> columns, String tagTemplate,
            String promptExclusion) {
        List<FilterClause> clauses = filter.clauses();
        Map<String, Object> binds = new HashMap<>();
        binds.put("workspace", workspace.current());
        SqlComparison.Binder binder = value -> {
            String name = "p" + binds.size();
            binds.put(name, value);
            return ":" + name;
        };
        StringBuilder sql = new StringBuilder(" WHERE m.workspace = :workspace" + workspace.andReadable("m.name"));
        if (!filter.queryingPrompts()) {
            sql.append(" AND ").append(promptExclusion);
        }
        for (FilterClause clause : clauses) {
            sql.append(" AND ");
            if (clause.type() == EntityType.TAG) {
                String key = binder.bind(clause.key());
                sql.append(String.format(tagTemplate, key, comparison.compare("t.value", clause, binder)));
            } else {
                sql.append(comparison.compare(columns.get(clause.key()), clause, binder));
            }
        }
        return new Fragment(sql.toString(), binds);
    }
}
