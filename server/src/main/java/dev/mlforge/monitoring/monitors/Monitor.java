package dev.mlforge.monitoring.monitors;

import dev.mlforge.monitoring.performance.Task;
import java.time.Instant;
import java.util.Map;

/**
 * A drift (and, with a task, performance) monitor of one deployment.
 *
 * @param driftShare      the share of drifted columns from which the dataset counts as drifted (Evidently's 0.5)
 * @param columnOverrides per-column method and threshold, by column name
 * @param task            the model's task, for performance from feedback labels; null for drift only
 */
public record Monitor(String id, String deployment, ReferenceSpec reference, WindowSpec window, MonitorSchedule schedule,
        Map<String, ColumnOverride> columnOverrides, double driftShare, Task task, Instant createdAt) {
    public Monitor {
        columnOverrides = Map.copyOf(columnOverrides);
    }
}
