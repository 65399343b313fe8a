package dev.mlforge.monitoring.alerts;

/** An alert that just fired or resolved, with the rule behind it. */
public record Notification(Alert alert, StoredAlertRule rule) {
    /** {@code firing} or {@code resolved}. */
    public String event() {
        return alert.state().name().toLowerCase(java.util.Locale.ROOT);
    }
}
