package dev.mlforge.monitoring.monitors;

/**
 * When a monitor runs by itself: every {@code intervalSeconds}, or at the times of a five-field Unix {@code cron}
 * expression (UTC). Both null means the monitor only runs on request.
 */
public record Schedule(Long intervalSeconds, String cron) {
    public static final Schedule MANUAL = new Schedule(null, null);

    public boolean onRequestOnly() {
        return intervalSeconds == null && cron == null;
    }
}
