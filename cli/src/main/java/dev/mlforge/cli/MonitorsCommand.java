package dev.mlforge.cli;

import dev.mlforge.api.monitoring.ColumnDriftVerdict;
import dev.mlforge.api.monitoring.CreateMonitorRequest;
import dev.mlforge.api.monitoring.ListMonitorResultsResponse;
import dev.mlforge.api.monitoring.ListMonitorsResponse;
import dev.mlforge.api.monitoring.MonitorInfo;
import dev.mlforge.api.monitoring.MonitorReferenceSpec;
import dev.mlforge.api.monitoring.MonitorResponse;
import dev.mlforge.api.monitoring.MonitorResultInfo;
import dev.mlforge.api.monitoring.MonitorResultResponse;
import dev.mlforge.api.monitoring.MonitorScheduleSpec;
import dev.mlforge.api.monitoring.MonitorWindowSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlforge monitors ...}: drift and performance monitors of deployments, run on a schedule or on request. */
@Command(name = "monitors", mixinStandardHelpOptions = true,
        description = "Watch a deployment's predictions for drift against a reference, and its quality from feedback.")
final class MonitorsCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a monitor of a deployment.")
    int create(@Mixin ClientOptions options,
            @Option(names = "--deployment", required = true, description = "The monitored deployment.") String deployment,
            @ArgGroup(exclusive = true, multiplicity = "1") Reference reference,
            @ArgGroup(exclusive = true, multiplicity = "1") Window window,
            @Option(names = "--interval-seconds", paramLabel = "S", description = "Run every S seconds.") Long intervalSeconds,
            @Option(names = "--cron", paramLabel = "EXPR", description = "Run on a five-field cron schedule (UTC).") String cron,
            @Option(names = "--drift-share", paramLabel = "SHARE", description = "Share of drifted columns from which the dataset counts as drifted (default 0.5).") Double driftShare,
            @Option(names = "--task", description = "classification or regression: quality metrics from feedback labels.") String task) {
        MonitorScheduleSpec schedule = intervalSeconds == null && cron == null ? null : new MonitorScheduleSpec(intervalSeconds, cron);
        MonitorInfo monitor = options.client().monitoring().createMonitor(new CreateMonitorRequest(deployment,
                reference.spec(), new MonitorWindowSpec(window.lastN, window.spanSeconds), schedule, null, driftShare, task));
        return print(options, monitor, "Created monitor " + monitor.id() + " of " + deployment);
    }

    /** A registered dataset version, or a CSV artifact of a run. */
    static final class Reference {
        @ArgGroup(exclusive = false)
        DatasetReference dataset;
        @ArgGroup(exclusive = false)
        RunReference run;

        MonitorReferenceSpec spec() {
            return dataset != null ? new MonitorReferenceSpec(dataset.name, dataset.version, null, null)
                    : new MonitorReferenceSpec(null, null, run.runId, run.artifactPath);
        }
    }

    static final class DatasetReference {
        @Option(names = "--dataset", required = true, description = "The reference dataset's name.")
        String name;
        @Option(names = "--dataset-version", required = true, paramLabel = "N", description = "The reference dataset's version.")
        Integer version;
    }

    static final class RunReference {
        @Option(names = "--run-id", required = true, description = "The run holding the reference CSV.")
        String runId;
        @Option(names = "--artifact-path", required = true, paramLabel = "PATH", description = "The reference CSV's path in the run.")
        String artifactPath;
    }

    /** The last N predictions, or those of the last S seconds. */
    static final class Window {
        @Option(names = "--last-n", paramLabel = "N", description = "Compare the last N predictions.")
        Integer lastN;
        @Option(names = "--span-seconds", paramLabel = "S", description = "Compare the predictions of the last S seconds.")
        Long spanSeconds;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List monitors.")
    int list(@Mixin ClientOptions options) {
        List<MonitorInfo> monitors = options.client().monitoring().monitors();
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, new ListMonitorsResponse(monitors));
            return 0;
        }
        Table table = new Table("ID", "DEPLOYMENT", "REFERENCE", "WINDOW", "SCHEDULE", "TASK", "CREATED");
        monitors.forEach(m -> table.row(m.id(), m.deployment(), reference(m.reference()), window(m.window()),
                schedule(m.schedule()), m.task(), m.createdAt()));
        table.print(out);
        return 0;
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a monitor.")
    int get(@Mixin ClientOptions options, @Parameters(paramLabel = "ID", description = "The monitor id.") String id) {
        return print(options, options.client().monitoring().monitor(id), null);
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a monitor now and show its drift and quality.")
    int run(@Mixin ClientOptions options, @Parameters(paramLabel = "ID", description = "The monitor id.") String id) {
        MonitorResultInfo result = options.client().monitoring().runMonitor(id);
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, new MonitorResultResponse(result));
            return 0;
        }
        new Table("FIELD", "VALUE")
                .row("result", result.id())
                .row("deployment", result.deployment())
                .row("time", result.time())
                .row("reference_rows", result.referenceRows())
                .row("current_rows", result.currentRows())
                .row("labelled_rows", result.labelledRows())
                .row("dataset_drift", result.drift() == null ? "" : result.drift().datasetDrift())
                .row("drift_share", result.drift() == null ? "" : DatasetsCommand.number(result.drift().driftShare()))
                .row("performance", metrics(result.performance()))
                .print(out);
        if (result.drift() != null && result.drift().columns() != null) {
            out.println();
            Table columns = new Table("COLUMN", "METHOD", "SCORE", "THRESHOLD", "DRIFTED");
            for (ColumnDriftVerdict column : result.drift().columns()) {
                columns.row(column.column(), column.method(), DatasetsCommand.number(column.score()),
                        DatasetsCommand.number(column.threshold()), column.drifted());
            }
            columns.print(out);
        }
        return 0;
    }

    @Command(name = "results", mixinStandardHelpOptions = true, description = "List a monitor's results, newest first.")
    int results(@Mixin ClientOptions options, @Parameters(paramLabel = "ID", description = "The monitor id.") String id,
            @Option(names = "--max-results", paramLabel = "N", defaultValue = "20", description = "At most N results (default 20).") int maxResults) {
        List<MonitorResultInfo> results = options.client().monitoring().results(id, maxResults);
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, new ListMonitorResultsResponse(results));
            return 0;
        }
        Table table = new Table("RESULT", "TIME", "CURRENT ROWS", "LABELLED", "DRIFT SHARE", "DATASET DRIFT", "PERFORMANCE");
        results.forEach(r -> table.row(r.id(), r.time(), r.currentRows(), r.labelledRows(),
                r.drift() == null ? "" : DatasetsCommand.number(r.drift().driftShare()),
                r.drift() == null ? "" : r.drift().datasetDrift(), metrics(r.performance())));
        table.print(out);
        return 0;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a monitor and its results.")
    int delete(@Mixin ClientOptions options, @Parameters(paramLabel = "ID", description = "The monitor id.") String id) {
        options.client().monitoring().deleteMonitor(id);
        if (options.json) {
            ClientOptions.printJson(out(), Map.of());
        } else {
            out().println("Deleted monitor " + id);
            out().flush();
        }
        return 0;
    }

    private int print(ClientOptions options, MonitorInfo monitor, String headline) {
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, new MonitorResponse(monitor));
            return 0;
        }
        if (headline != null) {
            out.println(headline);
        }
        new Table("FIELD", "VALUE")
                .row("id", monitor.id())
                .row("deployment", monitor.deployment())
                .row("reference", reference(monitor.reference()))
                .row("window", window(monitor.window()))
                .row("schedule", schedule(monitor.schedule()))
                .row("drift_share", DatasetsCommand.number(monitor.driftShare()))
                .row("task", monitor.task())
                .row("created", monitor.createdAt())
                .print(out);
        return 0;
    }

    private static String reference(MonitorReferenceSpec reference) {
        if (reference == null) {
            return "";
        }
        return reference.dataset() != null ? "dataset " + reference.dataset() + " v" + reference.datasetVersion()
                : "run " + reference.runId() + " " + reference.artifactPath();
    }

    private static String window(MonitorWindowSpec window) {
        if (window == null) {
            return "";
        }
        return window.lastN() != null ? "last " + window.lastN() : "last " + window.spanSeconds() + " s";
    }

    private static String schedule(MonitorScheduleSpec schedule) {
        if (schedule == null || schedule.intervalSeconds() == null && schedule.cron() == null) {
            return "on request";
        }
        return schedule.cron() != null ? "cron " + schedule.cron() : "every " + schedule.intervalSeconds() + " s";
    }

    private static String metrics(Map<String, Double> metrics) {
        if (metrics == null) {
            return "";
        }
        return metrics.entrySet().stream().map(entry -> entry.getKey() + "=" + DatasetsCommand.number(entry.getValue()))
                .collect(Collectors.joining(" "));
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
