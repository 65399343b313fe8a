package dev.mlforge.cli;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.config.ConfigException;
import picocli.CommandLine;

/** Prints a failure as one clear line (no stack trace) for errors a user can act on. */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (exception instanceof dev.mlforge.sdk.MlforgeClientException) {
            // The server's answer ("RESOURCE_DOES_NOT_EXIST: Run with id=... not found") or the transport failure.
            commandLine.getErr().println("error: " + exception.getMessage());
            return 1;
        }
        if (exception instanceof ConfigException || exception instanceof MlforgeException
                || exception instanceof java.io.UncheckedIOException || exception instanceof IllegalArgumentException) {
            commandLine.getErr().println("error: " + exception.getMessage());
            return 2;
        }
        commandLine.getErr().println("error: " + exception);
        exception.printStackTrace(commandLine.getErr());
        return 1;
    }
}
