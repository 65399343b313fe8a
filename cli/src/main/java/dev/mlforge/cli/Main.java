package dev.mlforge.cli;

import dev.mlforge.app.Version;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mlforge} command: one entry point for the server and every client command.
 *
 * <p>Subcommands are added by hand rather than through {@code @Command(subcommands = ...)}: picocli reads every
 * subcommand's annotations when it builds a command line, a fifth of the server's start-up. {@link #main} builds only
 * the subcommand it is asked for; help, versions and unknown commands get all of them.
 */
@Command(name = "mlforge",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "An MLflow-compatible MLOps platform for the JVM.")
public final class Main {
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            ServerCommand.class,
            LoginCommand.class,
            ExperimentsCommand.class,
            RunsCommand.class,
            ArtifactsCommand.class,
            ModelsCommand.class,
            DatasetsCommand.class,
            AuditCommand.class,
            WorkspacesCommand.class,
            DriftCommand.class,
            DeploymentsCommand.class,
            MonitorsCommand.class,
            AlertsCommand.class,
            FeaturesCommand.class,
            dev.mlforge.cli.pipelines.PipelinesCommand.class,
            BatchScoreCommand.class,
            DemoCommand.class,
            HelpCommand.class);

    public static void main(String[] args) {
        System.exit(commandLine(args.length > 0 ? args[0] : null).execute(args));
    }

    /** The command line with every subcommand, for tests and help. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /** The command line with only subcommand {@code name} when one is named so (not help), else with every one. */
    static CommandLine commandLine(String name) {
        CommandLine commandLine = new CommandLine(new Main());
        List<Class<?>> named = SUBCOMMANDS.stream()
                .filter(command -> command != HelpCommand.class && names(command).contains(name)).toList();
        for (Class<?> command : named.isEmpty() ? SUBCOMMANDS : named) {
            commandLine.addSubcommand(command);
        }
        commandLine.setExecutionExceptionHandler(new Errors());
        commandLine.setParameterExceptionHandler(new UsageErrors());
        return commandLine;
    }

    private static List<String> names(Class<?> command) {
        Command annotation = command.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(List.of(annotation.aliases()));
        names.add(annotation.name());
        return names;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mlforge " + Version.current()};
        }
    }
}
