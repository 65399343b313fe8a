package dev.mlforge.cli;

import dev.mlforge.sdk.MlforgeClient;
import dev.mlforge.testing.ApplicationExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code mlforge} commands in-process against the application an {@link ApplicationExtension} started. */
final class CliFixture {
    /** What one command printed and returned. */
    record Result(int exitCode, String out, String err) { }

    private final ApplicationExtension server;

    CliFixture(ApplicationExtension server) {
        this.server = server;
    }

    String url() {
        return server.baseUrl();
    }

    MlforgeClient client() {
        return MlforgeClient.create(url());
    }

    /** Runs {@code mlforge <args> --tracking-uri <this server>}. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--tracking-uri");
        all.add(url());
        return runRaw(all.toArray(String[]::new));
    }

    /** Runs {@code mlforge <args>} as given. */
    static Result runRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
