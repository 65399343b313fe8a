package dev.mlforge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.api.serving.CanarySpec;
import dev.mlforge.api.serving.CreateDeploymentRequest;
import dev.mlforge.api.serving.DeploymentInfo;
import dev.mlforge.api.serving.DeploymentResponse;
import dev.mlforge.api.serving.ListDeploymentsResponse;
import dev.mlforge.api.serving.ShadowSpec;
import dev.mlforge.api.serving.TrafficPolicySpec;
import dev.mlforge.sdk.DeploymentsClient;
import dev.mlforge.sdk.ScoredPredictions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

/** {@code mlforge deployments ...}: deployments, their traffic policies (canary, shadow, sticky header), scoring. */
@Command(name = "deployments", mixinStandardHelpOptions = true, subcommands = SmokeTestCommand.class,
        description = "Deploy registered models, change their traffic, smoke-test, roll back and score rows.")
final class DeploymentsCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Deploy a model under NAME.")
    int create(@Mixin ClientOptions options,
            @Parameters(paramLabel = "NAME", description = "The deployment name.") String name,
            @Option(names = "--model-uri", required = true, paramLabel = "URI", description = "The model, e.g. models:/fraud/3 or models:/fraud@champion.") String modelUri,
            @Option(names = "--canary", paramLabel = "URI", description = "A second model taking --canary-weight percent of the requests.") String canary,
            @Option(names = "--canary-weight", paramLabel = "N", description = "The canary's share of the requests, 0 to 100.") Integer canaryWeight,
            @Option(names = "--shadow", paramLabel = "URI", description = "A model receiving a mirrored copy of each request.") String shadow,
            @Option(names = "--sticky-header", paramLabel = "HEADER", description = "A request header pinning each caller to the primary or the canary.") String stickyHeader) {
        DeploymentInfo deployment = options.client().deployments().create(new CreateDeploymentRequest(name, modelUri,
                canary(canary, canaryWeight), shadow == null ? null : new ShadowSpec(shadow), stickyHeader));
        return print(options, deployment, "Deployed " + modelUri + " as " + name);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List deployments.")
    int list(@Mixin ClientOptions options) {
        List<DeploymentInfo> deployments = options.client().deployments().list();
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, new ListDeploymentsResponse(deployments));
            return 0;
        }
        Table table = new Table("NAME", "MODEL", "CANARY", "SHADOW", "READY", "VERSIONS", "UPDATED");
        deployments.forEach(d -> table.row(d.name(), d.modelUri(), canaryText(d.canary()),
                d.shadow() == null ? "" : d.shadow().modelUri(), d.ready(), versions(d.versions()),
                Table.time(d.lastUpdatedTimestamp())));
        table.print(out);
        return 0;
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a deployment.")
    int get(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME", description = "The deployment name.") String name) {
        return print(options, options.client().deployments().get(name), null);
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change the traffic policy; options not given keep their value.")
    int update(@Mixin ClientOptions options,
            @Parameters(paramLabel = "NAME", description = "The deployment name.") String name,
            @Option(names = "--model-uri", paramLabel = "URI", description = "The new primary model.") String modelUri,
            @ArgGroup(exclusive = true) CanaryChange canary,
            @ArgGroup(exclusive = true) ShadowChange shadow,
            @ArgGroup(exclusive = true) StickyChange sticky) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (modelUri != null) {
            changes.put("model_uri", modelUri);
        }
        if (canary != null) {
            changes.put("canary", canary.remove ? null : canary(canary.set.uri, canary.set.weight));
        }
        if (shadow != null) {
            changes.put("shadow", shadow.remove ? null : new ShadowSpec(shadow.uri));
        }
        if (sticky != null) {
            changes.put("sticky_header", sticky.remove ? null : sticky.header);
        }
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("nothing to change: give --model-uri, --canary, --shadow, --sticky-header or a --no-... option");
        }
        return print(options, options.client().deployments().update(name, changes), "Updated " + name);
    }

    /** {@code --canary URI --canary-weight N}, or {@code --no-canary}. */
    static final class CanaryChange {
        @ArgGroup(exclusive = false)
        CanarySet set;
        @Option(names = "--no-canary", description = "Remove the canary.")
        boolean remove;
    }

    static final class CanarySet {
        @Option(names = "--canary", required = true, paramLabel = "URI", description = "The canary model.")
        String uri;
        @Option(names = "--canary-weight", required = true, paramLabel = "N", description = "The canary's share, 0 to 100.")
        Integer weight;
    }

    static final class ShadowChange {
        @Option(names = "--shadow", paramLabel = "URI", description = "The shadow model.")
        String uri;
        @Option(names = "--no-shadow", description = "Remove the shadow.")
        boolean remove;
    }

    static final class StickyChange {
        @Option(names = "--sticky-header", paramLabel = "HEADER", description = "The sticky header.")
        String header;
        @Option(names = "--no-sticky-header", description = "Remove the sticky header.")
        boolean remove;
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Restore the previous traffic policy.")
    int rollback(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME", description = "The deployment name.") String name) {
        DeploymentInfo deployment = options.client().deployments().rollback(name);
        return print(options, deployment, "Rolled " + name + " back to " + deployment.modelUri());
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Show the current policy and the earlier ones, newest first.")
    int history(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME", description = "The deployment name.") String name) {
        var history = options.client().deployments().history(name);
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, history);
            return 0;
        }
        Table table = new Table("#", "MODEL", "CANARY", "SHADOW", "STICKY HEADER");
        policyRow(table, "current", history.policy());
        for (int i = 0; i < history.previousPolicies().size(); i++) {
            policyRow(table, "-" + (i + 1), history.previousPolicies().get(i));
        }
        table.print(out);
        return 0;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a deployment.")
    int delete(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME", description = "The deployment name.") String name) {
        options.client().deployments().delete(name);
        if (options.json) {
            ClientOptions.printJson(out(), Map.of());
        } else {
            out().println("Deleted deployment " + name);
            out().flush();
        }
        return 0;
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "Score rows in MLflow's scoring format (JSON such as {\"dataframe_split\": ...}, or CSV).")
    int predict(@Mixin ClientOptions options,
            @Parameters(paramLabel = "NAME", description = "The deployment name.") String name,
            @ArgGroup(exclusive = true, multiplicity = "1") Input input,
            @Option(names = "--content-type", paramLabel = "TYPE",
                    description = "application/json or text/csv (default: text/csv for a .csv file, else JSON).") String contentType) {
        String type = contentType != null ? contentType
                : input.file != null && input.file.toString().endsWith(".csv") ? "text/csv" : "application/json";
        ScoredPredictions scored = options.client().deployments().predict(name, input.text(), type);
        PrintWriter out = out();
        if (options.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("request_id", scored.requestId());
            json.put("model_version", scored.modelVersion());
            json.put("predictions", scored.predictions());
            ClientOptions.printJson(out, json);
            return 0;
        }
        out.println("request " + scored.requestId() + " answered by version " + scored.modelVersion());
        Table table = new Table("ROW", "PREDICTION");
        for (int row = 0; row < scored.predictions().size(); row++) {
            table.row(row, jsonText(scored.predictions().get(row)));
        }
        table.print(out);
        return 0;
    }

    /** {@code --data TEXT} or {@code --file FILE}. */
    static final class Input {
        @Option(names = "--data", paramLabel = "TEXT", description = "The request body.")
        String data;
        @Option(names = "--file", paramLabel = "FILE", description = "A file holding the request body.")
        Path file;

        String text() {
            if (data != null) {
                return data;
            }
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "feedback", mixinStandardHelpOptions = true, description = "Attach the true label to a logged prediction.")
    int feedback(@Mixin ClientOptions options,
            @Parameters(index = "0", paramLabel = "NAME", description = "The deployment name.") String name,
            @Parameters(index = "1", paramLabel = "REQUEST_ID", description = "The prediction's request id.") String requestId,
            @Parameters(index = "2", paramLabel = "LABEL", description = "The true value: JSON (1, \"cat\", [0, 1]) or plain text.") String label) {
        options.client().deployments().feedback(name, requestId, label(label));
        if (options.json) {
            ClientOptions.printJson(out(), Map.of());
        } else {
            out().println("Recorded the label of request " + requestId);
            out().flush();
        }
        return 0;
    }

    @Command(name = "predictions", mixinStandardHelpOptions = true,
            description = "Read the prediction log back, newest first, with feedback labels; or export it as CSV or Parquet.")
    int predictions(@Mixin ClientOptions options,
            @Parameters(paramLabel = "NAME", description = "The deployment name.") String name,
            @Option(names = "--start-time", paramLabel = "TIME", description = "Oldest answer included: an ISO-8601 instant or epoch milliseconds.") String startTime,
            @Option(names = "--end-time", paramLabel = "TIME", description = "Answers from this time on are left out.") String endTime,
            @Option(names = "--model-version", paramLabel = "VERSION", description = "Only this model version's answers.") String version,
            @Option(names = "--shadow", arity = "1", paramLabel = "true|false", description = "true: shadow answers only; false: the answers callers got only.") Boolean shadow,
            @Option(names = "--max-results", paramLabel = "N", description = "At most N predictions (default 100; exports 50,000).") Integer maxResults,
            @Option(names = "--page-token", paramLabel = "TOKEN", description = "Continue after the previous page.") String pageToken,
            @Option(names = "--format", defaultValue = "table", description = "table, csv or parquet (csv and parquet need --output).") String format,
            @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the export.") Path output) {
        dev.mlforge.sdk.PredictionFilter filter = new dev.mlforge.sdk.PredictionFilter(instant(startTime, "--start-time"),
                instant(endTime, "--end-time"), version, shadow, maxResults, pageToken);
        DeploymentsClient deployments = options.client().deployments();
        PrintWriter out = out();
        if (!format.equals("table")) {
            if (output == null || !(format.equals("csv") || format.equals("parquet"))) {
                throw new IllegalArgumentException("--format csv or parquet writes a file: give --output FILE");
            }
            String next = deployments.exportPredictions(name, filter, format, output);
            out.println("Wrote " + output + (next == null ? "" : "; more rows follow: --page-token " + next));
            out.flush();
            return 0;
        }
        var page = deployments.predictions(name, filter);
        if (options.json) {
            ClientOptions.printJson(out, page);
            return 0;
        }
        Table table = new Table("REQUEST ID", "TIME", "VERSION", "SHADOW", "LATENCY MS", "OUTPUTS", "LABEL");
        page.predictions().forEach(p -> table.row(p.requestId(), Table.time(p.timestamp()), p.modelVersion(), p.shadow(),
                DatasetsCommand.number(p.latencyMs()), outputs(p.outputs()), p.label() == null ? "" : jsonText(p.label())));
        table.print(out);
        if (page.nextPageToken() != null) {
            out.println("more: --page-token " + page.nextPageToken());
            out.flush();
        }
        return 0;
    }

    @Command(name = "shadow-comparison", mixinStandardHelpOptions = true,
            description = "Compare the shadow's answers with the primary's: disagreement rate overall and per version pair.")
    int shadowComparison(@Mixin ClientOptions options,
            @Parameters(paramLabel = "NAME", description = "The deployment name.") String name,
            @Option(names = "--start-time", paramLabel = "TIME", description = "The window's start: an ISO-8601 instant or epoch milliseconds.") String startTime,
            @Option(names = "--end-time", paramLabel = "TIME", description = "The window's end (exclusive).") String endTime,
            @Option(names = "--tolerance", defaultValue = "0", description = "Numbers this close still agree (default 0).") double tolerance) {
        var comparison = options.client().deployments().shadowComparison(name, instant(startTime, "--start-time"),
                instant(endTime, "--end-time"), tolerance);
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, comparison);
            return 0;
        }
        new Table("FIELD", "VALUE")
                .row("compared_requests", comparison.comparedRequests())
                .row("compared_rows", comparison.comparedRows())
                .row("disagreeing_rows", comparison.disagreeingRows())
                .row("disagreement_rate", DatasetsCommand.number(comparison.disagreementRate()))
                .row("primary_without_shadow", comparison.primaryWithoutShadow())
                .print(out);
        out.println();
        Table versions = new Table("PRIMARY", "SHADOW", "ROWS", "DISAGREEING", "RATE");
        comparison.versions().forEach(v -> versions.row(v.primaryVersion(), v.shadowVersion(), v.comparedRows(),
                v.disagreeingRows(), DatasetsCommand.number(v.disagreementRate())));
        versions.print(out);
        return 0;
    }

    private static java.time.Instant instant(String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            return text.chars().allMatch(Character::isDigit) ? java.time.Instant.ofEpochMilli(Long.parseLong(text))
                    : java.time.Instant.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " must be an ISO-8601 instant (2026-12-03T10:15:30Z) or epoch milliseconds, got '" + text + "'");
        }
    }

    /** Each output tensor's values, e.g. {@code label=[2] probabilities=[0.01,0.24,0.75]}. */
    private static String outputs(List<dev.mlforge.api.serving.InferenceTensor> outputs) {
        return outputs == null ? "" : outputs.stream().map(t -> t.name() + "=" + jsonText(t.data())).collect(Collectors.joining(" "));
    }

    /** A label as typed: JSON when it parses as JSON, else the text itself. */
    static Object label(String text) {
        try {
            return dev.mlforge.http.Json.mapper().readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private int print(ClientOptions options, DeploymentInfo deployment, String headline) {
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, new DeploymentResponse(deployment));
            return 0;
        }
        if (headline != null) {
            out.println(headline);
        }
        new Table("FIELD", "VALUE")
                .row("name", deployment.name())
                .row("model_uri", deployment.modelUri())
                .row("canary", canaryText(deployment.canary()))
                .row("shadow", deployment.shadow() == null ? "" : deployment.shadow().modelUri())
                .row("sticky_header", deployment.stickyHeader())
                .row("ready", deployment.ready())
                .row("versions", versions(deployment.versions()))
                .row("error", deployment.error())
                .row("previous_model", deployment.previousPolicy() == null ? "" : deployment.previousPolicy().modelUri())
                .row("created", Table.time(deployment.creationTimestamp()))
                .row("updated", Table.time(deployment.lastUpdatedTimestamp()))
                .print(out);
        return 0;
    }

    private static void policyRow(Table table, String index, TrafficPolicySpec policy) {
        table.row(index, policy.modelUri(), canaryText(policy.canary()), policy.shadow() == null ? "" : policy.shadow().modelUri(),
                policy.stickyHeader());
    }

    private static CanarySpec canary(String uri, Integer weight) {
        if (uri == null && weight == null) {
            return null;
        }
        if (uri == null || weight == null) {
            throw new IllegalArgumentException("--canary and --canary-weight go together");
        }
        return new CanarySpec(uri, weight);
    }

    private static String canaryText(CanarySpec canary) {
        return canary == null ? "" : canary.modelUri() + " (" + canary.weight() + "%)";
    }

    private static String versions(Map<String, String> versions) {
        return versions.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(","));
    }

    static String jsonText(Object value) {
        try {
            return dev.mlforge.http.Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
