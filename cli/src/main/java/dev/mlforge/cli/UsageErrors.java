package dev.mlforge.cli;

import dev.mlforge.config.ConfigKeys;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Prints a command line that cannot be parsed as the error, a "did you mean" for a misspelt option or subcommand,
 * and where to read the usage, instead of the whole usage text.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(exception.getMessage());
        if (exception instanceof CommandLine.UnmatchedArgumentException unmatched) {
            Optional<String> suggestion = unmatched.getUnmatched().stream().findFirst().flatMap(arg -> arg.startsWith("-")
                    ? nearest(optionNames(commandLine), arg.split("=", 2)[0])
                    : nearest(commandLine.getSubcommands().keySet(), arg)
                            .map(name -> commandLine.getCommandSpec().qualifiedName() + " " + name));
            if (suggestion.isPresent()) {
                err.println("Did you mean " + suggestion.get() + "?");
            } else {
                unmatched.printSuggestions(err);
            }
        }
        err.println("See '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static List<String> optionNames(CommandLine commandLine) {
        return commandLine.getCommandSpec().options().stream().filter(option -> !option.hidden())
                .map(OptionSpec::names).flatMap(java.util.Arrays::stream).filter(name -> name.startsWith("--")).toList();
    }

    /** The candidate nearest to a misspelt word, when near enough to be what was meant. */
    static Optional<String> nearest(java.util.Collection<String> candidates, String misspelt) {
        return candidates.stream().min(Comparator.comparingInt(name -> ConfigKeys.distance(misspelt, name)))
                .filter(name -> ConfigKeys.distance(misspelt, name) <= Math.max(2, misspelt.length() / 3));
    }
}
