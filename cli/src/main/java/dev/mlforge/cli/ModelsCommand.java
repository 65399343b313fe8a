package dev.mlforge.cli;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.registry.Lineage;
import dev.mlforge.api.registry.ModelVersion;
import dev.mlforge.api.registry.ModelVersionResponse;
import dev.mlforge.api.registry.RegisteredModel;
import dev.mlforge.api.registry.RegisteredModelAlias;
import dev.mlforge.api.registry.RegisteredModelResponse;
import dev.mlforge.api.registry.SearchModelVersionsResponse;
import dev.mlforge.api.registry.SearchRegisteredModelsRequest;
import dev.mlforge.api.registry.SearchRegisteredModelsResponse;
import dev.mlforge.api.registry.TransitionRequest;
import dev.mlforge.api.registry.VersionHistory;
import dev.mlforge.api.registry.VersionVerification;
import dev.mlforge.sdk.MlforgeClientException;
import dev.mlforge.sdk.RegistryClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
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

    @Command(name = "register", customSynopsis = "mlforge models register NAME --run=RUN_ID --path=PATH [--json] [--tracking-uri=URI]", mixinStandardHelpOptions = true,
            description = "Register the model a run logged as a new version (creating the registered model when missing).")
    int register(@Mixin ClientOptions options,
            @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The registered model's name.")
            String namePositional,
            @Option(names = "--name", hidden = true, description = "Old spelling of NAME.") String nameOption,
            @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run that logged the model.")
            String runId,
            @Option(names = "--path", required = true, description = "The model directory in the run's artifacts, e.g. model.")
            String path) {
        String name = required(namePositional, nameOption, "NAME");
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
        options.printDownloaded(out(), Map.of("name", name, "version", version), written);
        return 0;
    }

    @Command(name = "request", customSynopsis = "mlforge models request NAME VERSION (--stage=STAGE | --alias=ALIAS) [--comment=TEXT] [--json] [--tracking-uri=URI]",
            description = "Ask for a stage or alias to move to a version; it changes once someone approves.")
    int request(@Mixin ClientOptions options,
            @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
            boolean help,
            @Mixin VersionArguments coordinates,
            @picocli.CommandLine.ArgGroup(multiplicity = "1") Target target,
            @Option(names = "--comment", description = "Why.") String comment) {
        String name = coordinates.requiredName();
        String version = coordinates.requiredVersion();
        TransitionRequest request = options.client().registry().requestTransition(name, version, target.stage, target.alias, comment);
        return printRequest(options, request, "Requested " + request.target() + " for " + name + " version "
                + request.version() + ": request " + request.id() + " is " + request.status());
    }

    /** Exactly one of {@code --stage} and {@code --alias}. */
    static final class Target {
        @Option(names = "--stage", required = true, description = "The target stage.")
        String stage;
        @Option(names = "--alias", required = true, description = "The target alias.")
        String alias;
    }

    @Command(name = "requests", customSynopsis = "mlforge models requests [NAME] [--status=STATUS] [--json] [--tracking-uri=URI]", mixinStandardHelpOptions = true, description = "List transition requests.")
    int requests(@Mixin ClientOptions options,
            @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Only this model's requests.")
            String namePositional,
            @Option(names = "--name", hidden = true, description = "Old spelling of NAME.") String nameOption,
            @Option(names = "--status", description = "PENDING, APPROVED or REJECTED.") String status) {
        String name = namePositional != null ? namePositional : nameOption;
        List<TransitionRequest> requests = options.client().registry().transitionRequests(name, status);
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, new TransitionRequest.Page(requests));
            return 0;
        }
        Table table = new Table("ID", "MODEL", "VERSION", "TARGET", "STATUS", "REQUESTED BY", "DECIDED BY", "COMMENT", "CREATED");
        requests.forEach(r -> table.row(r.id(), r.name(), r.version(), r.target(), r.status(), r.requestedBy(), r.decidedBy(),
                r.comment(), Table.time(r.creationTimestamp())));
        table.print(out);
        return 0;
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a transition request, applying its change.")
    int approve(@Mixin ClientOptions options,
            @Parameters(paramLabel = "REQUEST_ID", description = "The request id.") String id,
            @Option(names = "--comment", description = "The decision's comment.") String comment) {
        TransitionRequest request = options.client().registry().approve(id, comment);
        return printRequest(options, request, "Approved request " + request.id() + ": " + request.target() + " of "
                + request.name() + " now points to version " + request.version());
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a transition request; nothing changes.")
    int reject(@Mixin ClientOptions options,
            @Parameters(paramLabel = "REQUEST_ID", description = "The request id.") String id,
            @Option(names = "--comment", description = "The decision's comment.") String comment) {
        TransitionRequest request = options.client().registry().reject(id, comment);
        return printRequest(options, request, "Rejected request " + request.id() + " (" + request.target() + " of "
                + request.name() + " version " + request.version() + ")");
    }

    @Command(name = "verify", customSynopsis = "mlforge models verify NAME VERSION [--json] [--tracking-uri=URI]",
            description = "Check a version's files against the digests recorded at registration; exit 1 when tampered.")
    int verify(@Mixin ClientOptions options,
            @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
            boolean help,
            @Mixin VersionArguments coordinates) {
        String name = coordinates.requiredName();
        String version = coordinates.requiredVersion();
        VersionVerification verification = options.client().registry().verify(name, version);
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, verification);
        } else if (verification.intact()) {
            out.println(name + " version " + version + " is intact (" + verification.filesRecorded() + " files)");
            out.flush();
        } else if (Boolean.FALSE.equals(verification.filesPresent())) {
            out.println(name + " version " + version + " has no files in the artifact store yet "
                    + "(registered before they were uploaded, or its source is on another system)");
            out.flush();
        } else {
            out.println(name + " version " + version + " was tampered with");
            Table table = new Table("CHANGE", "FILE");
            verification.modified().forEach(file -> table.row("modified", file));
            verification.missing().forEach(file -> table.row("missing", file));
            verification.added().forEach(file -> table.row("added", file));
            table.print(out);
        }
        return verification.intact() ? 0 : 1;
    }

    @Command(name = "history", customSynopsis = "mlforge models history NAME VERSION [--json] [--tracking-uri=URI]", description = "List a version's stage and alias changes.")
    int history(@Mixin ClientOptions options,
            @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
            boolean help,
            @Mixin VersionArguments coordinates) {
        String name = coordinates.requiredName();
        String version = coordinates.requiredVersion();
        List<VersionHistory.Event> events = options.client().registry().history(name, version);
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, new VersionHistory(events));
            return 0;
        }
        Table table = new Table("TIME", "KIND", "ALIAS", "FROM", "TO", "USER", "COMMENT");
        events.forEach(e -> table.row(Table.time(e.timestamp()), e.kind(), e.alias(), e.from(), e.to(), e.user(), e.comment()));
        table.print(out);
        return 0;
    }

    @Command(name = "lineage", customSynopsis = "mlforge models lineage (NAME VERSION | --dataset=DIGEST) [--json] [--tracking-uri=URI]",
            description = "Show provenance as a tree: datasets -> run -> version -> deployments (NAME VERSION, or --dataset).")
    int lineage(@Mixin ClientOptions options,
            @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
            boolean help,
            @Mixin VersionArguments coordinates,
            @Option(names = "--dataset", paramLabel = "DIGEST", description = "Start from a dataset digest instead.") String digest) {
        String name = coordinates.name();
        String version = coordinates.version();
        if ((digest == null) == !coordinates.given()) {
            throw new picocli.CommandLine.ParameterException(running(), "Give either NAME and VERSION, or --dataset DIGEST");
        }
        RegistryClient registry = options.client().registry();
        Lineage lineage = digest != null ? registry.lineageOfDataset(digest) : registry.lineageOfVersion(name, version);
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, lineage);
            return 0;
        }
        printTree(out, lineage);
        return 0;
    }

    private int printRequest(ClientOptions options, TransitionRequest request, String message) {
        PrintWriter out = out();
        if (options.json) {
            ClientOptions.printJson(out, request);
        } else {
            out.println(message);
            out.flush();
        }
        return 0;
    }

    /** Prints the graph depth first from its roots (the nodes nothing points to), one node per line. */
    private static void printTree(PrintWriter out, Lineage lineage) {
        Map<String, Lineage.Node> nodes = new LinkedHashMap<>();
        lineage.nodes().forEach(node -> nodes.put(node.id(), node));
        Map<String, List<Lineage.Edge>> outgoing = new LinkedHashMap<>();
        Set<String> targets = new HashSet<>();
        lineage.edges().forEach(edge -> {
            outgoing.computeIfAbsent(edge.from(), key -> new ArrayList<>()).add(edge);
            targets.add(edge.to());
        });
        Set<String> printed = new HashSet<>();
        nodes.keySet().stream().filter(id -> !targets.contains(id))
                .forEach(id -> printNode(out, nodes, outgoing, id, null, 0, printed));
        out.flush();
    }

    private static void printNode(PrintWriter out, Map<String, Lineage.Node> nodes, Map<String, List<Lineage.Edge>> outgoing,
            String id, String relation, int depth, Set<String> printed) {
        Lineage.Node node = nodes.get(id);
        String label = node == null ? id : node.id() + describe(node.attributes());
        out.println("  ".repeat(depth) + (relation == null ? "" : "-" + relation + "-> ") + label);
        if (!printed.add(id)) {
            return;
        }
        outgoing.getOrDefault(id, List.of())
                .forEach(edge -> printNode(out, nodes, outgoing, edge.to(), edge.relation(), depth + 1, printed));
    }

    private static String describe(Map<String, Object> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return "";
        }
        return attributes.entrySet().stream().filter(entry -> entry.getValue() != null)
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", ", " (", ")"));
    }

    /**
     * A positional argument, or its old option spelling ({@code --name}, {@code --version}), kept hidden for one release:
     * every models command takes NAME [VERSION] as positional arguments, as {@code models get NAME} does.
     */
    private String required(String positional, String option, String label) {
        String value = positional != null ? positional : option;
        if (value == null) {
            throw new picocli.CommandLine.ParameterException(running(), "Missing required parameter: '" + label + "'");
        }
        return value;
    }

    /** The subcommand being run (its usage is the one to point at), for errors raised inside a command method. */
    private picocli.CommandLine running() {
        picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        return parsed != null && parsed.hasSubcommand() ? parsed.subcommand().commandSpec().commandLine() : spec.commandLine();
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
