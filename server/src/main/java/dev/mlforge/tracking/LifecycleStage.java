package dev.mlforge.tracking;

/** Whether an experiment or run is active or soft-deleted. */
public enum LifecycleStage {
    ACTIVE, DELETED;

    /** The lower-case name MLflow stores and sends. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static LifecycleStage fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
