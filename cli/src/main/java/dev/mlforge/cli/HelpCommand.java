package dev.mlforge.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlforge help [COMMAND [SUBCOMMAND...]]}: the usage of the command the whole path names
 * ({@code mlforge help pipelines run}); picocli's own help command reads only the first word.
 */
@Command(name = "help", helpCommand = true,
        description = "Print the usage of mlforge or of a command, e.g. mlforge help pipelines run.")
final class HelpCommand implements Runnable {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its subcommands, to describe.")
    List<String> path = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        CommandLine target = spec.commandLine().getParent();
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                throw new CommandLine.UnmatchedArgumentException(target, List.of(name));
            }
            target = next;
        }
        target.usage(spec.commandLine().getOut());
    }
}
