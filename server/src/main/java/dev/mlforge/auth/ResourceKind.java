package dev.mlforge.auth;

import java.util.Locale;

/**
 * The kinds of resource permissions are granted on, with the table and column each is stored in: MLflow's two
 * (experiments, registered models) and the platform's deployments, monitors, datasets, pipeline runs and schedules,
 * and the feature store's entities, feature views and feature services.
 */
public enum ResourceKind {
    EXPERIMENT("auth_experiment_permissions", "experiment_id"),
    REGISTERED_MODEL("auth_registered_model_permissions", "name"),
    DEPLOYMENT("auth_deployment_permissions", "name"),
    MONITOR("auth_monitor_permissions", "monitor_id"),
    DATASET("auth_dataset_permissions", "name"),
    PIPELINE_RUN("auth_pipeline_run_permissions", "run_id"),
    PIPELINE_SCHEDULE("auth_pipeline_schedule_permissions", "name"),
    ENTITY("auth_entity_permissions", "name"),
    FEATURE_VIEW("auth_feature_view_permissions", "name"),
    FEATURE_SERVICE("auth_feature_service_permissions", "name");

    final String table;
    final String column;

    ResourceKind(String table, String column) {
        this.table = table;
        this.column = column;
    }

    /** How messages name one resource: {@code experiment 3}, {@code deployment 'churn'}. */
    String describe(String resource) {
        return this == EXPERIMENT ? "experiment " + resource : wireName().replace('_', ' ') + " '" + resource + "'";
    }

    /** The kind as {@code /api/v1/permissions} names it: {@code deployment}, {@code registered_model}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code wire} on {@code /api/v1/permissions}, or null. */
    static ResourceKind fromWire(String wire) {
        for (ResourceKind kind : values()) {
            if (kind.wireName().equals(wire)) {
                return kind;
            }
        }
        return null;
    }
}
