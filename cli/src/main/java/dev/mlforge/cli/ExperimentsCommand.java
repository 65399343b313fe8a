package dev.mlforge.cli;

import dev.mlforge.api.tracking.CreateExperimentRequest;
import dev.mlforge.api.tracking.CreateExperimentResponse;
import dev.mlforge.api.tracking.Experiment;
import dev.mlforge.api.tracking.SearchExperimentsRequest;
import dev.mlforge.api.tracking.SearchExperimentsResponse;
import dev.mlforge.sdk.MlforgeClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlforge experiments list|create|delete}: experiments of a tracking server. */
@Command(name = "experiments", mixinStandardHelpOptions = true, description = "List, create and delete experiments.")
final class ExperimentsCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List experiments.")
    int list(@Mixin ClientOptions options,
            @Option(names = "--view", defaultValue = "active", paramLabel = "active|deleted|all",
                    description = "Which experiments to show (default: ${DEFAULT-VALUE}).") String view,
            @Option(names = "--filter", description = "Filter, e.g. \"name LIKE 'prod%'\".") String filter,
            @Option(names = "--max-results", paramLabel = "N", description = "Show at most N experiments (default: all).")
            Integer maxResults) {
        MlforgeClient client = options.client();
        String viewType = viewType(view);
        List<Experiment> experiments;
        String nextPageToken = null;
        if (maxResults != null) {
            SearchExperimentsResponse page = client.experiments().search(
                    new SearchExperimentsRequest(maxResults, null, filter, null, viewType));
            experiments = page.experiments() == null ? List.of() : page.experiments();
            nextPageToken = page.nextPageToken();
        } else {
            experiments = client.experiments().searchAll(filter, List.of(), viewType).toList();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientOptions.printJson(out, new SearchExperimentsResponse(experiments, nextPageToken));
            return 0;
        }
        Table table = new Table("ID", "NAME", "STAGE", "ARTIFACT LOCATION", "CREATED");
        experiments.forEach(e -> table.row(e.experimentId(), e.name(), e.lifecycleStage(), e.artifactLocation(),
                Table.time(e.creationTime())));
        table.print(out);
        return 0;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an experiment and print its id.")
    int create(@Mixin ClientOptions options,
            @Parameters(paramLabel = "NAME", description = "The unique experiment name.") String name,
            @Option(names = "--artifact-location", paramLabel = "URI",
                    description = "Artifact root (mlflow-artifacts:/...); the server's default when omitted.")
            String artifactLocation) {
        String id = options.client().experiments().create(new CreateExperimentRequest(name, artifactLocation, null));
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientOptions.printJson(out, new CreateExperimentResponse(id));
        } else {
            out.println(id);
            out.flush();
        }
        return 0;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete an experiment and its runs (they can be restored).")
    int delete(@Mixin ClientOptions options, @Parameters(paramLabel = "ID", description = "The experiment id.") String id) {
        options.client().experiments().delete(id);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientOptions.printJson(out, Map.of());
        } else {
            out.println("Deleted experiment " + id);
            out.flush();
        }
        return 0;
    }

    private static String viewType(String view) {
        return switch (view.toLowerCase(Locale.ROOT)) {
            case "active" -> "ACTIVE_ONLY";
            case "deleted" -> "DELETED_ONLY";
            case "all" -> "ALL";
            default -> throw new IllegalArgumentException("--view must be active, deleted or all, got '" + view + "'");
        };
    }
}
