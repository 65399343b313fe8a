package dev.mlforge.monitoring.alerts;

/** The fields of a new alert rule as a client sends them; {@link AlertService} validates them. */
public record AlertRuleRequest(String name, String metric, String comparator, Double threshold, Integer forWindows,
        String deployment, String webhookUrl) {}
