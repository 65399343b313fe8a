package dev.mlforge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mlforge.sdk.FeaturesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlforge features ...}: the feature store's definitions, materialization and online lookups. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Apply feature definitions, list and show feature views, materialize them, look up online features.")
final class FeaturesCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Apply a YAML (or JSON) file of entities, feature_views and feature_services: all or none; "
                    + "changed definitions get a new version.")
    int apply(@Mixin ClientOptions options,
            @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The definitions file.")
            Path file) {
        JsonNode definitions;
        try {
            definitions = new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode answer = client(options).apply(definitions);
        if (options.json) {
            ClientOptions.printJson(out(), answer);
            return 0;
        }
        Table table = new Table("KIND", "NAME", "VERSION", "STATUS");
        answer.path("applied").forEach(item -> table.row(item.path("kind").asText(), item.path("name").asText(),
                item.path("version").asInt(), item.path("changed").asBoolean() ? "applied" : "unchanged"));
        table.print(out());
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List feature views with their online freshness.")
    int list(@Mixin ClientOptions options) {
        JsonNode answer = client(options).featureViews();
        if (options.json) {
            ClientOptions.printJson(out(), answer);
            return 0;
        }
        Table table = new Table("NAME", "VERSION", "ENTITIES", "FEATURES", "SOURCE", "TTL", "ONLINE UNTIL");
        answer.path("feature_views").forEach(view -> table.row(view.path("name").asText(), view.path("version").asInt(),
                join(view.path("entities")), view.path("features").size(), view.path("source_description").asText(),
                view.path("ttl").asLong() == 0 ? "none" : view.path("ttl").asLong() + "s",
                view.path("materialization").path("materialized_until").asText("never")));
        table.print(out());
        return 0;
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a feature view: its source and typed features.")
    int get(@Mixin ClientOptions options,
            @Parameters(index = "0", paramLabel = "VIEW", description = "The feature view.") String name,
            @Option(names = "--view-version", paramLabel = "N", description = "A version number (default the latest).") Integer version) {
        JsonNode view = client(options).featureView(name, version).path("feature_view");
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, view);
            return 0;
        }
        out.println(view.path("name").asText() + " version " + view.path("version").asInt() + " (entities "
                + join(view.path("entities")) + ", source " + view.path("source_description").asText() + ", timestamp "
                + view.path("timestamp_field").asText() + ", ttl " + view.path("ttl").asLong() + "s)");
        Table table = new Table("FEATURE", "DTYPE");
        view.path("features").forEach(feature -> table.row(feature.path("name").asText(), feature.path("dtype").asText()));
        table.print(out);
        return 0;
    }

    @Command(name = "materialize", mixinStandardHelpOptions = true,
            description = "Write the rows newer than the view's watermark (latest per entity key) to the online store.")
    int materialize(@Mixin ClientOptions options,
            @Parameters(index = "0", paramLabel = "VIEW", description = "The feature view.") String name) {
        JsonNode state = client(options).materialize(name).path("materialization");
        if (options.json) {
            ClientOptions.printJson(out(), state);
            return 0;
        }
        out().println("Materialized " + name + ": " + state.path("rows_written").asLong() + " entity rows written, online until "
                + state.path("materialized_until").asText("never"));
        return 0;
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Show the statistics of the values the view's latest materialization wrote.")
    int stats(@Mixin ClientOptions options,
            @Parameters(index = "0", paramLabel = "VIEW", description = "The feature view.") String name) {
        JsonNode statistics = client(options).statistics(name).path("statistics");
        if (options.json) {
            ClientOptions.printJson(out(), statistics);
            return 0;
        }
        out().println(name + " version " + statistics.path("view_version").asInt() + ": " + statistics.path("rows").asLong()
                + " rows materialized at " + statistics.path("computed_at").asText());
        Table table = new Table("FEATURE", "DTYPE", "COUNT", "NULLS", "DISTINCT", "MIN", "MAX", "MEAN");
        statistics.path("features").forEach(feature -> table.row(feature.path("name").asText(), feature.path("dtype").asText(),
                feature.path("count").asLong(), feature.path("nulls").asLong(), feature.path("distinct").asLong(),
                feature.path("min").asText("-"), feature.path("max").asText("-"), feature.path("mean").asText("-")));
        table.print(out());
        return 0;
    }

    @Command(name = "get-online", mixinStandardHelpOptions = true,
            description = "Look up online features for entity keys (Feast's /get-online-features).")
    int getOnline(@Mixin ClientOptions options,
            @Option(names = "--features", split = ",", paramLabel = "VIEW:FEATURE",
                    description = "Features to fetch (view:feature, or a view for all of its features).") List<String> features,
            @Option(names = "--feature-service", paramLabel = "NAME", description = "A feature service instead of --features.")
            String service,
            @Option(names = {"-e", "--entity"}, required = true, paramLabel = "KEY=V1,V2",
                    description = "A join key and its values; repeat for composite keys.") List<String> entities) {
        Map<String, Object> request = new LinkedHashMap<>();
        if (features != null) {
            request.put("features", features);
        }
        if (service != null) {
            request.put("feature_service", service);
        }
        Map<String, List<Object>> keys = new LinkedHashMap<>();
        for (String entity : entities) {
            int equals = entity.indexOf('=');
            if (equals <= 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--entity must be KEY=V1,V2, got '" + entity + "'");
            }
            List<Object> values = new ArrayList<>();
            for (String value : entity.substring(equals + 1).split(",")) {
                values.add(value.matches("-?[0-9]{1,18}") ? (Object) Long.parseLong(value) : value);
            }
            keys.put(entity.substring(0, equals), values);
        }
        request.put("entities", keys);
        JsonNode answer = client(options).getOnlineFeatures(request);
        if (options.json) {
            ClientOptions.printJson(out(), answer);
            return 0;
        }
        printOnline(out(), answer);
        return 0;
    }

    /** Feast's column-wise answer printed as one row per entity: each value, and its status when not PRESENT. */
    static void printOnline(PrintWriter out, JsonNode answer) {
        List<String> names = new ArrayList<>();
        answer.path("metadata").path("feature_names").forEach(name -> names.add(name.asText()));
        Table table = new Table(names);
        JsonNode results = answer.path("results");
        int rows = results.isEmpty() ? 0 : results.get(0).path("values").size();
        for (int row = 0; row < rows; row++) {
            List<String> cells = new ArrayList<>();
            for (JsonNode result : results) {
                JsonNode value = result.path("values").get(row);
                String status = result.path("statuses").get(row).asText();
                cells.add(status.equals("PRESENT") ? value.asText() : status);
            }
            table.row(cells);
        }
        table.print(out);
        out.flush();
    }

    private static String join(JsonNode list) {
        List<String> items = new ArrayList<>();
        list.forEach(item -> items.add(item.asText()));
        return String.join(",", items);
    }

    private static FeaturesClient client(ClientOptions options) {
        return options.client().features();
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
