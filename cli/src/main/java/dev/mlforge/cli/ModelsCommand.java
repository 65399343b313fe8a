package dev.mlforge.cli;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.registry.ModelVersion;
import dev.mlforge.api.registry.ModelVersionResponse;
import dev.mlforge.api.registry.RegisteredModel;
import dev.mlforge.api.registry.RegisteredModelAlias;
import dev.mlforge.api.registry.RegisteredModelResponse;
import dev.mlforge.api.registry.SearchModelVersionsResponse;
import dev.mlforge.api.registry.SearchRegisteredModelsRequest;
import dev.mlforge.api.registry.SearchRegisteredModelsResponse;
import dev.mlforge.sdk.MlforgeClientException;
import dev.mlforge.sdk.RegistryClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlforge models ...}: registered models, their versions, stages and aliases. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Work with the model registry.",
        subcommands = ModelsCommand.AliasCommand.class)
final class ModelsCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered models.")
    int list(@Mixin ClientOptions options,
            @Option(names = "--filter", description = "Filter, e.g. \"name LIKE 'churn%'\".") String filter,
            @Option(names = "--max-results", paramLabel = "N", description = "Show at most N models (default: all).")
            Integer maxResults) {
        RegistryClient registry = options.client().registry();
        List<RegisteredModel> models;
        String nextPageToken = null;
        if (maxResults != null) {
            SearchRegisteredModelsResponse page = registry.searchModels(new SearchRegisteredModelsRequest(filter, maxResults, null, null));
            models = page.registeredModels() == null ? List.of() : page.registeredModels();
            nextPageToken = page.nextPageToken();
        } else {
            models = registry.searchAllModels(filter, List.of()).toList();
        }
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, new SearchRegisteredModelsResponse(models, nextPageToken));
            return 0;
        }
        Table table = new Table("NAME", "LATEST VERSIONS", "ALIASES", "UPDATED");
        models.forEach(model -> table.row(model.name(), latest(model.latestVersions()), aliases(model.aliases()),
                Table.time(model.lastUpdatedTimestamp())));
        table.print(out);
        return 0;
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a registered model.")
    int get(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME", description = "The model name.") String name) {
        RegisteredModel model = options.client().registry().getModel(name);
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, new RegisteredModelResponse(model));
            return 0;
        }
        new Table("FIELD", "VALUE")
                .row("name", model.name())
                .row("description", model.description())
                .row("user_id", model.userId())
                .row("created", Table.time(model.creationTimestamp()))
                .row("updated", Table.time(model.lastUpdatedTimestamp()))
                .row("latest_versions", latest(model.latestVersions()))
                .row("aliases", aliases(model.aliases()))
                .print(out);
        return 0;
    }

    @Command(name = "versions", mixinStandardHelpOptions = true, description = "List the versions of a model, newest first.")
    int versions(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME", description = "The model name.") String name) {
        RegistryClient registry = options.client().registry();
        registry.getModel(name);
        List<ModelVersion> versions = registry.searchAllVersions("name = '" + name + "'", List.of("version_number DESC")).toList();
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, new SearchModelVersionsResponse(versions, null));
            return 0;
        }
        Table table = new Table("VERSION", "STAGE", "STATUS", "ALIASES", "RUN ID", "SOURCE", "CREATED");
        versions.forEach(version -> table.row(version.version(), version.currentStage(), version.status(),
                version.aliases() == null ? "" : String.join(",", version.aliases()), version.runId(), version.source(),
                Table.time(version.creationTimestamp())));
        table.print(out);
        return 0;
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register the model a run logged as a new version (creating the registered model when missing).")
    int register(@Mixin ClientOptions options,
            @Option(names = "--name", required = true, description = "The registered model's name.") String name,
            @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run that logged the model.")
            String runId,
            @Option(names = "--path", required = true, description = "The model directory in the run's artifacts, e.g. model.")
            String path) {
        RegistryClient registry = options.client().registry();
        createIfMissing(registry, name);
        ModelVersion version = registry.registerRunModel(name, runId, path);
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, new ModelVersionResponse(version));
        } else {
            out.println("Registered " + name + " version " + version.version() + " from " + version.source());
            out.flush();
        }
        return 0;
    }

    @Command(name = "transition", mixinStandardHelpOptions = true, description = "Move a version to a stage.")
    int transition(@Mixin ClientOptions options,
            @Parameters(index = "0", paramLabel = "NAME", description = "The model name.") String name,
            @Parameters(index = "1", paramLabel = "VERSION", description = "The version number.") String version,
            @Parameters(index = "2", paramLabel = "STAGE", description = "None, Staging, Production or Archived.") String stage,
            @Option(names = "--archive-existing", description = "Archive the other versions in that stage.")
            boolean archiveExisting) {
        ModelVersion moved = options.client().registry().transitionStage(name, version, stage, archiveExisting);
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, new ModelVersionResponse(moved));
        } else {
            out.println(name + " version " + moved.version() + " is now in stage " + moved.currentStage());
            out.flush();
        }
        return 0;
    }

    @Command(name = "download", mixinStandardHelpOptions = true, description = "Download a version's model files into DIR.")
    int download(@Mixin ClientOptions options,
            @Parameters(index = "0", paramLabel = "NAME", description = "The model name.") String name,
            @Parameters(index = "1", paramLabel = "VERSION", description = "The version number.") String version,
            @Option(names = "--dest", required = true, paramLabel = "DIR", description = "The local directory.") java.nio.file.Path dest,
            @Option(names = "--progress", description = "Show a progress bar even when stderr is not a terminal.")
            boolean progress) {
        java.nio.file.Path written = options.client().registry().downloadVersion(name, version, dest,
                ProgressBar.forCommand(spec.commandLine().getErr(), progress));
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, Map.of("name", name, "version", version, "local_path", written.toString()));
        } else {
            out.println(written);
            out.flush();
        }
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private static void createIfMissing(RegistryClient registry, String name) {
        try {
            registry.getModel(name);
        } catch (MlforgeClientException e) {
            if (!e.is(ErrorCode.RESOURCE_DOES_NOT_EXIST)) {
                throw e;
            }
            registry.createModel(name);
        }
    }

    private static String latest(List<ModelVersion> versions) {
        if (versions == null) {
            return "";
        }
        return versions.stream().map(v -> v.version() + " (" + v.currentStage() + ")").collect(Collectors.joining(", "));
    }

    private static String aliases(List<RegisteredModelAlias> aliases) {
        if (aliases == null) {
            return "";
        }
        return aliases.stream().map(a -> a.alias() + "=" + a.version()).collect(Collectors.joining(", "));
    }

    /** {@code mlforge models alias set|delete}. */
    @Command(name = "alias", mixinStandardHelpOptions = true, description = "Set or delete a model alias.")
    static final class AliasCommand {
        @Spec
        CommandSpec spec;

        @Command(name = "set", mixinStandardHelpOptions = true, description = "Point an alias at a version.")
        int set(@Mixin ClientOptions options,
                @Parameters(index = "0", paramLabel = "NAME", description = "The model name.") String name,
                @Parameters(index = "1", paramLabel = "ALIAS", description = "The alias, e.g. champion.") String alias,
                @Parameters(index = "2", paramLabel = "VERSION", description = "The version number.") String version) {
            options.client().registry().setAlias(name, alias, version);
            report(options, "Alias " + alias + " of " + name + " now points to version " + version);
            return 0;
        }

        @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an alias.")
        int delete(@Mixin ClientOptions options,
                @Parameters(index = "0", paramLabel = "NAME", description = "The model name.") String name,
                @Parameters(index = "1", paramLabel = "ALIAS", description = "The alias.") String alias) {
            options.client().registry().deleteAlias(name, alias);
            report(options, "Deleted alias " + alias + " of " + name);
            return 0;
        }

        private void report(ClientOptions options, String message) {
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                ClientOptions.printJson(out, Map.of());
            } else {
                out.println(message);
                out.flush();
            }
        }
    }
}
