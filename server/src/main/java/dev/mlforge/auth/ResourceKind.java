package dev.mlforge.auth;

/** The two kinds of resource MLflow's auth app grants permissions on, with the table and column each is stored in. */
public enum ResourceKind {
    EXPERIMENT("auth_experiment_permissions", "experiment_id"),
    REGISTERED_MODEL("auth_registered_model_permissions", "name");

    final String table;
    final String column;

    ResourceKind(String table, String column) {
        this.table = table;
        this.column = column;
    }
}
