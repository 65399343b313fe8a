package dev.mlforge.cli;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.tracking.GetRunResponse;
import dev.mlforge.api.tracking.Metric;
import dev.mlforge.api.tracking.Run;
import dev.mlforge.api.tracking.RunInfo;
import dev.mlforge.api.tracking.SearchRunsRequest;
import dev.mlforge.api.tracking.SearchRunsResponse;
import dev.mlforge.sdk.MlforgeClient;
import dev.mlforge.sdk.MlforgeClientException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlforge runs search|get}: runs of a tracking server. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "Search and show runs.")
final class RunsCommand {
    /** A table shows at most this many metric columns; {@code --json} has them all. */
    private static final int MAX_METRIC_COLUMNS = 6;

    @Spec
    CommandSpec spec;

    @Command(name = "search", mixinStandardHelpOptions = true, description = "Search the runs of an experiment.")
    int search(@Mixin ClientOptions options,
            @Option(names = "--experiment", required = true, paramLabel = "NAME", description = "The experiment name.")
            String experiment,
            @Option(names = "--filter", description = "Filter, e.g. \"metrics.rmse < 1 and params.model = 'tree'\".")
            String filter,
            @Option(names = "--order-by", paramLabel = "CLAUSE",
                    description = "Order, e.g. \"metrics.rmse ASC\"; repeatable.") List<String> orderBy,
            @Option(names = "--max-results", paramLabel = "N", description = "Show at most N runs (default: all).")
            Integer maxResults) {
        MlforgeClient client = options.client();
        String experimentId = client.experiments().getByName(experiment)
                .orElseThrow(() -> new MlforgeClientException(404, ErrorCode.RESOURCE_DOES_NOT_EXIST.name(),
                        "Experiment with name '" + experiment + "' not found", null))
                .experimentId();
        SearchRunsRequest request = new SearchRunsRequest(List.of(experimentId), filter, null, maxResults, orderBy, null);
        List<Run> runs;
        String nextPageToken = null;
        if (maxResults != null) {
            SearchRunsResponse page = client.runs().search(request);
            runs = page.runs() == null ? List.of() : page.runs();
            nextPageToken = page.nextPageToken();
        } else {
            runs = client.runs().searchAll(request).toList();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientOptions.printJson(out, new SearchRunsResponse(runs, nextPageToken));
            return 0;
        }
        printRuns(out, runs);
        return 0;
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a run: info, params, metrics and tags.")
    int get(@Mixin ClientOptions options, @Parameters(paramLabel = "RUN_ID", description = "The run id.") String runId) {
        Run run = options.client().runs().get(runId);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientOptions.printJson(out, new GetRunResponse(run));
            return 0;
        }
        RunInfo info = run.info();
        new Table("FIELD", "VALUE")
                .row("run_id", info.runId())
                .row("run_name", info.runName())
                .row("experiment_id", info.experimentId())
                .row("status", info.status())
                .row("user_id", info.userId())
                .row("start_time", Table.time(info.startTime()))
                .row("end_time", Table.time(info.endTime()))
                .row("artifact_uri", info.artifactUri())
                .row("lifecycle_stage", info.lifecycleStage())
                .print(out);
        if (run.data() != null) {
            section(out, "Params", run.data().params(), p -> List.of(p.key(), p.value()), "KEY", "VALUE");
            section(out, "Metrics", run.data().metrics(), m -> List.of(m.key(), m.value(), m.step(), Table.time(m.timestamp())),
                    "KEY", "VALUE", "STEP", "TIMESTAMP");
            section(out, "Tags", run.data().tags(), t -> List.of(t.key(), t.value()), "KEY", "VALUE");
        }
        return 0;
    }

    private static <T> void section(PrintWriter out, String title, List<T> items, Function<T, List<?>> cells,
            String... headers) {
        if (items == null || items.isEmpty()) {
            return;
        }
        out.println();
        out.println(title + ":");
        Table table = new Table(headers);
        items.forEach(item -> table.row(cells.apply(item)));
        table.print(out);
    }

    private static void printRuns(PrintWriter out, List<Run> runs) {
        TreeSet<String> metricKeys = new TreeSet<>();
        runs.forEach(run -> metrics(run).keySet().forEach(metricKeys::add));
        List<String> shown = metricKeys.stream().limit(MAX_METRIC_COLUMNS).toList();
        List<String> headers = new ArrayList<>(List.of("RUN ID", "NAME", "STATUS", "START TIME"));
        shown.forEach(key -> headers.add("metrics." + key));
        Table table = new Table(headers);
        for (Run run : runs) {
            Map<String, Double> values = metrics(run);
            List<Object> cells = new ArrayList<>(List.of(run.info().runId(), nullToEmpty(run.info().runName()),
                    run.info().status(), Table.time(run.info().startTime())));
            shown.forEach(key -> cells.add(values.containsKey(key) ? values.get(key) : ""));
            table.row(cells);
        }
        table.print(out);
    }

    private static Map<String, Double> metrics(Run run) {
        if (run.data() == null || run.data().metrics() == null) {
            return Map.of();
        }
        return run.data().metrics().stream().collect(Collectors.toMap(Metric::key, Metric::value, (a, b) -> b));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
