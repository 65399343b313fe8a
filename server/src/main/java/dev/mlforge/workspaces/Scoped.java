package dev.mlforge.workspaces;

import dev.mlforge.auth.ResourceKind;

/**
 * Every kind of thing that lives in a workspace, with where its workspace is stored: the permission kinds of
 * {@link ResourceKind} (same names) and the ones nobody grants on (webhooks, alert rules). An alert lives in its rule's
 * workspace, a dataset named by digest in its dataset's; neither is ever assigned.
 */
enum Scoped {
    EXPERIMENT("experiments", "experiment_id"),
    REGISTERED_MODEL("registered_models", "name"),
    DEPLOYMENT("serving_deployments", "name"),
    MONITOR("monitors", "id"),
    DATASET("dataset_versions", "name"),
    PIPELINE_RUN("pipeline_runs", "run_id"),
    PIPELINE_SCHEDULE("pipeline_schedules", "name"),
    ENTITY("feature_definitions", "kind = 'ENTITY' AND name"),
    FEATURE_VIEW("feature_definitions", "kind = 'FEATURE_VIEW' AND name"),
    FEATURE_SERVICE("feature_definitions", "kind = 'FEATURE_SERVICE' AND name"),
    ALERT_RULE("alert_rules", "id"),
    WEBHOOK("webhooks", "webhook_id"),
    ALERT("alerts a JOIN alert_rules r ON r.id = a.rule_id", "a.id", "r.workspace", false),
    DATASET_DIGEST("dataset_versions", "digest", "workspace", false);

    /** What the SQL selects from, the condition on the key (ending with the key column) and the workspace column. */
    final String from;
    final String key;
    final String column;
    /** True when the kind has its own {@code workspace} column, set when one is created. */
    final boolean assignable;

    Scoped(String table, String key) {
        this(table, key, "workspace", true);
    }

    Scoped(String from, String key, String column, boolean assignable) {
        this.from = from;
        this.key = key;
        this.column = column;
        this.assignable = assignable;
    }

    /** How a 404 names one: {@code feature view 'x'}. */
    String describe(String id) {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " '" + id + "'";
    }

    static Scoped of(ResourceKind kind) {
        return valueOf(kind.name());
    }
}
