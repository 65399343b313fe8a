package dev.mlforge.cli;

import dev.mlforge.app.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mlforge} command: one entry point for the server and every client command. */
@Command(name = "mlforge",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "An MLflow-compatible MLOps platform for the JVM.",
        subcommands = {
                ServerCommand.class,
                ExperimentsCommand.class,
                RunsCommand.class,
                ArtifactsCommand.class,
                ModelsCommand.class,
                DatasetsCommand.class,
                DriftCommand.class,
                dev.mlforge.cli.pipelines.PipelinesCommand.class,
                DemoCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(new Errors());
        return commandLine;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mlforge " + Version.current()};
        }
    }
}
