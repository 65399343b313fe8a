package dev.mlforge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code NAME VERSION} of a model version as positional arguments, as every models command takes them, with the old
 * option spellings ({@code --name}, {@code --version}) kept hidden for one release.
 */
final class VersionArguments {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The model name.")
    String namePositional;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION", description = "The version number.")
    String versionPositional;

    @Option(names = "--name", hidden = true, description = "Old spelling of NAME.")
    String nameOption;

    @Option(names = "--version", hidden = true, description = "Old spelling of VERSION.")
    String versionOption;

    /** The name given either way, or null. */
    String name() {
        return namePositional != null ? namePositional : nameOption;
    }

    /** The version given either way, or null. */
    String version() {
        return versionPositional != null ? versionPositional : versionOption;
    }

    /** True when both NAME and VERSION were given. */
    boolean given() {
        return name() != null && version() != null;
    }

    /** The name; a usage error naming it when missing. */
    String requiredName() {
        return required(name(), "NAME");
    }

    /** The version; a usage error naming it when missing. */
    String requiredVersion() {
        return required(version(), "VERSION");
    }

    private String required(String value, String label) {
        if (value == null) {
            throw new CommandLine.ParameterException(command.commandLine(), "Missing required parameter: '" + label + "'");
        }
        return value;
    }
}
