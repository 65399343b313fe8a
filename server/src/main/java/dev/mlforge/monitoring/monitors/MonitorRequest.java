package dev.mlforge.monitoring.monitors;

import java.util.Map;

/** The fields of a new monitor as a client sends them (snake_case on the wire); {@link MonitorService} validates them. */
public record MonitorRequest(String deployment, ReferenceSpec reference, WindowSpec window, MonitorSchedule schedule,
        Map<String, ColumnOverride> columnOverrides, Double driftShare, String task) {}
