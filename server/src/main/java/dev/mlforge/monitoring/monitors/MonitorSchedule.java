package dev.mlforge.monitoring.monitors;

/**
 * When a monitor runs by itself: every {@code intervalSeconds}, or at the times of a five-field Unix {@code cron}
 * expression (UTC). Both null means the monitor only runs on request.
 */
public record MonitorSchedule(Long intervalSeconds, String cron) {
    public static final MonitorSchedule MANUAL = new MonitorSchedule(null, null);

    public boolean onRequestOnly() {
        return intervalSeconds == null && cron == null;
    }
}
