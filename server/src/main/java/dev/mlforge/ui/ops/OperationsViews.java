package dev.mlforge.ui.ops;

import dev.mlforge.ui.Frame;
import dev.mlforge.ui.ops.RegistryViews.Fact;
import java.util.List;

/** The records the deployment and monitor templates render. */
public final class OperationsViews {
    private OperationsViews() {}

    public record DeploymentsPage(Frame frame, List<DeploymentRow> deployments) {}

    /** A deployment as listed: its policy in short, and whether its models are loaded. */
    public record DeploymentRow(String name, String href, String primary, String canary, String shadow, String sticky,
            boolean ready, String versions, String updated) {}

    /**
     * One deployment: its traffic policy, the policies a rollback walks back through, live traffic, and recent
     * predictions with their feedback.
     *
     * @param rollbackTo what the next rollback restores, in short; null when there is nothing to roll back to
     */
    public record DeploymentPage(Frame frame, String name, boolean ready, String error, List<Fact> policy,
            List<Fact> versions, String rollbackTo, List<PolicyRow> previous, LiveView live, List<PredictionRow> predictions,
            List<Fact> monitors, boolean canWrite) {}

    public record PolicyRow(int position, String primary, String canary, String shadow, String sticky) {}

    /** Live traffic, written for display (the JSON poll answers the same fields). */
    public record LiveView(String requestsPerSecond, String meanLatency, String p95Latency, String total, String failed) {}

    public record PredictionRow(String time, String requestId, String version, String inputs, String outputs,
            String latency, String label, boolean shadow) {}

    public record MonitorsPage(Frame frame, List<MonitorRow> monitors, List<AlertRow> alerts, List<RuleRow> rules) {}

    public record MonitorRow(String id, String href, String deployment, String deploymentHref, String reference,
            String window, String schedule, String lastRun, String driftShare, boolean datasetDrift, String drifted) {}

    /** An alert and the attempts to deliver its notifications. */
    public record AlertRow(String id, String rule, String deployment, String metric, String state, String value,
            String threshold, String fired, String resolved, List<DeliveryRow> deliveries) {}

    public record DeliveryRow(String time, String channel, String event, int attempt, boolean success, String status,
            String error) {}

    public record RuleRow(String name, String metric, String condition, String deployment, String notifies) {}

    /**
     * One monitor: its results over time (charted from {@code chartJson}), the latest columns, the reference and
     * current distributions compared now, performance from feedback, and the deployment's alerts.
     *
     * @param chartJson         {@code {"times", "share", "scores": {column: [...]}, "thresholds", "performance": {metric: [...]}}}
     * @param distributionsJson one {@code {column, labels, reference, current, drifted, method}} per column
     */
    public record MonitorPage(Frame frame, String id, String deployment, String deploymentHref, List<Fact> facts,
            List<ColumnRow> latest, String latestTime, List<ResultRow> history, String chartJson, String distributionsJson,
            String distributionsError, List<Fact> performance, List<AlertRow> alerts, boolean canWrite) {}

    public record ColumnRow(String column, String type, String method, String score, String threshold, boolean drifted,
            String error) {}

    public record ResultRow(String time, String driftShare, boolean datasetDrift, String drifted, int currentRows,
            int labelledRows, String performance) {}
}
